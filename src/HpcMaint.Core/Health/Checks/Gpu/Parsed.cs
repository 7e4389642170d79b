namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>What a parser made of a tool's output: a value, or why the output could not be read.</summary>
internal readonly record struct Parsed<T>(T? Value, string? Problem)
    where T : class
{
    public static Parsed<T> Ok(T value) => new(value, null);

    public static Parsed<T> Bad(string problem) => new(null, problem);
}
