namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>How a Slurm node name leads to its Nova server.</summary>
public abstract record ServerMapping
{
    private ServerMapping()
    {
    }

    /// <summary>The server is named like the node.</summary>
    public sealed record ByName : ServerMapping;

    /// <summary>A file maps node names to server ids (see <see cref="ServerMapFile"/>).</summary>
    public sealed record ByFile(IReadOnlyDictionary<string, string> ServerIds, string File) : ServerMapping;

    /// <summary>The server whose metadata <paramref name="Key"/> holds the node name.</summary>
    public sealed record ByMetadata(string Key) : ServerMapping;
}
