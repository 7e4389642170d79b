namespace HpcMaint.Adapters.Tests.Processes.Support;

/// <summary>A private temporary directory for one test, with helpers to drop executable scripts into it.</summary>
internal sealed class TestDirectory : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("hpcmaint-runner-");

    public string Path => _directory.FullName;

    /// <summary>Writes a /bin/sh script (the child under test, never the runner's own mechanism) and makes it executable.</summary>
    public string Script(string name, string body)
    {
        var path = System.IO.Path.Join(Path, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
