using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Processes;

/// <summary>Finds the file to execute, the way execvp would but without its fallbacks.</summary>
internal static class ProgramLocator
{
    /// <summary>
    /// A program containing '/' is used as given (a relative one resolves against the child's working
    /// directory). A bare name is searched in <paramref name="searchPath"/>; empty and relative entries are
    /// skipped, since they would make the result depend on the current directory.
    /// </summary>
    public static bool TryLocate(string program, string searchPath, out string path, out string failure)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            path = program;
            failure = string.Empty;
            return true;
        }

        string? notExecutable = null;
        foreach (var directory in searchPath.Split(':'))
        {
            if (!directory.StartsWith('/'))
            {
                continue;
            }

            var candidate = Path.Join(directory, program);
            if (!File.Exists(candidate))
            {
                continue;
            }

            if (LibC.Access(candidate, LibC.X_OK) == 0)
            {
                path = candidate;
                failure = string.Empty;
                return true;
            }

            notExecutable ??= candidate;
        }

        path = string.Empty;
        failure = notExecutable is null
            ? $"not found in PATH={searchPath}"
            : $"{notExecutable} is not executable";
        return false;
    }
}
