namespace HpcMaint.Integration.Tests.Testbed;

/// <summary>
/// The small sh scripts specs hand to Slurm as hooks (slurmd and slurmctld pass no config path, so a
/// wrapper adds it) or put on a node as stand-ins for site tools. Mode 0755: slurmctld runs hooks as SlurmUser.
/// </summary>
internal static class Scripts
{
    /// <summary>Writes <c>#!/bin/sh</c> and <paramref name="body"/> to <paramref name="path"/>, executable; returns the path.</summary>
    public static string Write(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/sh\n" + body.TrimEnd('\n') + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    /// <summary>RebootProgram: hpcmaint-reboot with this config, passing on slurmctld's node list and features.</summary>
    public static string RebootHook(string path, string config) =>
        Write(path, $"exec '{Executables.Executables.Reboot}' --config '{config}' \"$@\"");

    /// <summary>PrologSlurmctld: `hpcmaint prolog-slurmctld` with this config.</summary>
    public static string PrologHook(string path, string config) =>
        Write(path, $"exec '{Executables.Executables.Hpcmaint}' prolog-slurmctld --config '{config}'");
}
