namespace HpcMaint.Adapters.Processes;

/// <summary>Why a command could not be started, with the shell-style exit code to report (127 not found, 126 otherwise).</summary>
internal sealed record SpawnFailure(string Reason, int ExitCode)
{
    public const int NotFound = 127;
    public const int CannotExecute = 126;
}
