namespace HpcMaint.Toml.Parsing;

/// <summary>
/// How a table came to exist. TOML 1.0 lets each table be defined once, by one route; the origin records
/// the route so later headers and dotted keys can be refused when they would define it again.
/// </summary>
internal enum TableOrigin
{
    /// <summary>Created as a parent by a longer header (<c>[a.b]</c> creates <c>a</c>); may still get its own header once.</summary>
    Implicit,

    /// <summary>Defined by <c>[header]</c> or as an element of <c>[[header]]</c>; dotted keys cannot reopen it.</summary>
    Header,

    /// <summary>Created or extended by a dotted key (<c>a.b = 1</c>); headers cannot define it.</summary>
    Dotted,

    /// <summary>An inline table (<c>{ ... }</c>): closed once written.</summary>
    Inline,
}
