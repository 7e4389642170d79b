namespace HpcMaint.Adapters.Hosting;

/// <summary>
/// Command line of the Slurm hooks (hpcmaint-health, hpcmaint-reboot). Slurm runs them with no
/// arguments (or, for a controller-mode RebootProgram, a node list and features), so parsing is tiny
/// and start-up stays fast: --config PATH, --dry-run, --help, --version, then positional arguments.
/// </summary>
public sealed record HookArguments(
    string? ConfigPath,
    bool DryRun,
    bool Help,
    bool Version,
    IReadOnlyList<string> Positionals,
    string? Error)
{
    /// <summary>--json: print the run's report as JSON on standard output.</summary>
    public bool Json { get; init; }

    /// <summary>--once: one run, reported on the terminal (what an admin types; slurmd passes nothing).</summary>
    public bool Once { get; init; }

    public static HookArguments Parse(IReadOnlyList<string> args)
    {
        string? config = null;
        var dryRun = false;
        var help = false;
        var version = false;
        var json = false;
        var once = false;
        var positionals = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            switch (a)
            {
                case "--config" when i + 1 < args.Count:
                    config = args[++i];
                    break;
                case "--config":
                    return Fail("--config needs a file path");
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--once":
                    once = true;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                case "--version":
                    version = true;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    return Fail($"unknown option '{option}'; see --help");
                default:
                    positionals.Add(a);
                    break;
            }
        }

        return new HookArguments(config, dryRun, help, version, positionals, null) { Json = json, Once = once };
    }

    private static HookArguments Fail(string error) => new(null, false, false, false, [], error);
}
