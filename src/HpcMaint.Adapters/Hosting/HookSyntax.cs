namespace HpcMaint.Adapters.Hosting;

/// <summary>
/// What one hook's usage documents: its options besides --config, --help and --version, and the
/// arguments Slurm passes (none to a HealthCheckProgram; a node list and features to a controller-mode
/// RebootProgram). <see cref="HookArguments"/> refuses anything else, so a mistyped option is never taken
/// for a node name.
/// </summary>
public sealed record HookSyntax(IReadOnlyList<string> Options, IReadOnlyList<string> Positionals);
