namespace HpcMaint.Core;

/// <summary>An expected failure: what kind (each calls for a different operator action) and, in words, what went wrong.</summary>
public sealed record Problem(ProblemKind Kind, string Words)
{
    public static Problem Invalid(string words) => new(ProblemKind.Invalid, words);

    public static Problem Failed(string words) => new(ProblemKind.Failed, words);

    /// <summary>The same kind, the words led by what was being done ("image_source = \"openstack\": …").</summary>
    public Problem Prefixed(string what) => this with { Words = what + Words };

    public override string ToString() => Words;
}
