namespace HpcMaint.Core.Rebuild;

/// <summary>What a node runs: its image, or why that could not be told (then it is neither skipped nor rebuilt).</summary>
public readonly record struct NodeImage(string? Image, string? Problem)
{
    public static NodeImage Of(string? image) => new(image, null);

    public static NodeImage Unknown(string problem) => new(null, problem);

    public bool IsKnown => Problem is null;

    public bool Is(string image) => Problem is null && Image == image;

    public override string ToString() => Problem is not null ? "unknown (" + Problem + ")" : Image ?? "(none)";
}
