namespace HpcMaint.Core.Slurm;

/// <summary>
/// The names hpcmaint takes from Slurm (node names) or a rebuild job's comment (images) before one
/// reaches an argv, an API call or a file name: Slurm's node-name characters, and a bounded image-name
/// alphabet. Nothing accepted here can hold a path separator, "..", a space, a shell or hostlist
/// character, or look like an option.
/// </summary>
public static class SlurmNames
{
    public const int MaxNodeName = 255;
    public const int MaxImageName = 128;

    public static bool IsNodeName(string? name) =>
        name is { Length: > 0 and <= MaxNodeName } && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
        && !name.Contains("..", StringComparison.Ordinal);

    public static bool IsImageName(string? image) =>
        image is { Length: > 0 and <= MaxImageName } && char.IsAsciiLetterOrDigit(image[0])
        && image.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
        && !image.Contains("..", StringComparison.Ordinal);

    /// <summary>Null for a usable node name; else what is wrong, the name shown safely.</summary>
    public static string? NodeNameProblem(string name) =>
        IsNodeName(name) ? null
        : $"\"{PrintableText.Line(name, 80)}\" is not a Slurm node name (letters, digits, '-', '_', '.'; starting with a letter or digit, no \"..\")";

    /// <summary>Why a Slurm node list (slurmctld's "n[1-4]") cannot be used: not a hostlist, or a name that is not a node name; null when it can.</summary>
    public static string? NodeListProblem(string list, out IReadOnlyList<string> nodes) =>
        !Hostlists.Hostlist.TryExpand(list, out nodes, out var error) ? error.Message : nodes.Select(NodeNameProblem).FirstOrDefault(p => p is not null);

    /// <summary>Null for a usable image name; else what is wrong and what to write, the name shown safely.</summary>
    public static string? ImageNameProblem(string image) =>
        IsImageName(image) ? null
        : $"\"{PrintableText.Line(image, 80)}\" is not an image name hpcmaint accepts: write the image's ID, or a name of letters, digits, '.', '_', '-' and ':' (at most {MaxImageName}, starting with a letter or digit, no \"..\")";
}
