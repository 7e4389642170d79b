namespace HpcMaint.Adapters.Processes;

/// <summary>Everything posix_spawn needs for a detached start, already resolved: the executable path, argv, envp and the child's stdio.</summary>
internal sealed record SpawnRequest(
    string ExecutablePath,
    IReadOnlyList<string> Argv,
    IReadOnlyList<string> Environment,
    string? WorkingDirectory,
    StdioSource Input,
    StdioSource Output,
    StdioSource Error);
