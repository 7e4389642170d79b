using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>Where one of the child's descriptors 0, 1 or 2 comes from: one of our descriptors, or a file the child opens.</summary>
internal readonly record struct StdioSource(int Descriptor, string? FilePath, int OpenFlags)
{
    public static StdioSource NullInput { get; } = FromFile("/dev/null", LibC.O_RDONLY);

    public static StdioSource NullOutput { get; } = FromFile("/dev/null", LibC.O_WRONLY);

    public static StdioSource FromDescriptor(int descriptor) => new(descriptor, null, 0);

    public static StdioSource FromFile(string path, int openFlags) => new(-1, path, openFlags | LibC.O_NOCTTY);
}
