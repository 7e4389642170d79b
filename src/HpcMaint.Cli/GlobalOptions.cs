using System.CommandLine;

namespace HpcMaint.Cli;

/// <summary>Options every subcommand understands: --config, --json, -v.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Config file (default: $HPCMAINT_CONFIG, else /etc/hpcmaint/hpcmaint.toml)",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Machine-readable JSON output",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log debug details to standard error",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Config);
        root.Options.Add(Json);
        root.Options.Add(Verbose);
    }
}
