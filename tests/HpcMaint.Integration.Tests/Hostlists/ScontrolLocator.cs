namespace HpcMaint.Integration.Tests.Hostlists;

/// <summary>Finds Slurm's <c>scontrol</c> on the PATH.</summary>
internal static class ScontrolLocator
{
    public static string? Find()
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (string directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, "scontrol");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
