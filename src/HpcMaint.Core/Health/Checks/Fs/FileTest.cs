namespace HpcMaint.Core.Health.Checks.Fs;

/// <summary>
/// What fs.file can ask of a path, as NHC's check_file_test does. Permission tests look at the mode bits
/// (any of user, group, other), since the probe tells what is there, not what this process may do.
/// </summary>
internal enum FileTest
{
    Exists,
    Absent,
    File,
    Directory,
    Executable,
    Readable,
    Writable,
}

internal static class FileTests
{
    public static readonly string[] Names = ["exists", "absent", "file", "directory", "executable", "readable", "writable"];

    public static FileTest Parse(string name) => (FileTest)Array.IndexOf(Names, name);

    public static string Name(this FileTest test) => Names[(int)test];

    /// <summary>What is wrong with <paramref name="facts"/> for <paramref name="test"/>, in a few words; null when it passes.</summary>
    public static string? Problem(this FileTest test, FileFacts? facts) => (test, facts) switch
    {
        (FileTest.Absent, null) => null,
        (FileTest.Absent, _) => "exists",
        (_, null) => "missing",
        (FileTest.File, { Kind: not FileKind.File }) => "is not a file",
        (FileTest.Directory, { Kind: not FileKind.Directory }) => "is not a directory",
        (FileTest.Executable, { IsExecutable: false }) => "not executable",
        (FileTest.Readable, { Mode: var m }) when (m & 0b100_100_100) == 0 => "not readable",
        (FileTest.Writable, { Mode: var m }) when (m & 0b010_010_010) == 0 => "not writable",
        _ => null,
    };
}
