namespace HpcMaint.Adapters.Hosting;

/// <summary>
/// Command line of the Slurm hooks (hpcmaint-health, hpcmaint-reboot). Slurm runs them with no
/// arguments (or, for a controller-mode RebootProgram, a node list and features), so parsing is tiny
/// and start-up stays fast: --config PATH, --help, --version, the hook's own options and its arguments,
/// exactly as its <see cref="HookSyntax"/> documents them. Any other word that starts with '-' is an
/// unknown option and any argument past the documented ones is refused: neither becomes a node name.
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

    public static HookArguments Parse(IReadOnlyList<string> args, HookSyntax syntax)
    {
        string? config = null;
        var help = false;
        var version = false;
        var options = new HashSet<string>(StringComparer.Ordinal);
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
                case "--help" or "-h":
                    help = true;
                    break;
                case "--version":
                    version = true;
                    break;
                case var option when syntax.Options.Contains(option):
                    options.Add(option);
                    break;
                case var option when option.Length > 1 && option.StartsWith('-'):
                    return Fail($"unknown option '{option}'; see --help");
                case var _ when positionals.Count == syntax.Positionals.Count:
                    return Fail(syntax.Positionals.Count == 0
                        ? $"unexpected argument '{a}': it takes no arguments (Slurm passes none); see --help"
                        : $"unexpected argument '{a}' after {string.Join(' ', syntax.Positionals)}; see --help");
                default:
                    positionals.Add(a);
                    break;
            }
        }

        return new HookArguments(config, options.Contains("--dry-run"), help, version, positionals, null)
        {
            Json = options.Contains("--json"),
            Once = options.Contains("--once"),
        };
    }

    private static HookArguments Fail(string error) => new(null, false, false, false, [], error);
}
