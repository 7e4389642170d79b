namespace HpcMaint.Core.Config;

/// <summary>The whole of /etc/hpcmaint/hpcmaint.toml, validated, with defaults for what is not written.</summary>
public sealed record HpcMaintConfig(
    string SourceFile,
    SlurmSettings Slurm,
    AuditSettings Audit,
    LoggingSettings Logging,
    NodeSettings Node,
    RebootSettings Reboot)
{
    public const string DefaultPath = "/etc/hpcmaint/hpcmaint.toml";

    public Health.HealthSettings Health { get; init; } = new();

    public Rebuild.RebuildSettings Rebuild { get; init; } = new();

    /// <summary>The configuration when no file exists at the default path: safe on any node.</summary>
    public static HpcMaintConfig Defaults(string sourceFile) =>
        new(sourceFile, new SlurmSettings(), new AuditSettings(), new LoggingSettings(), new NodeSettings(), new RebootSettings());
}

/// <summary>[slurm]: where Slurm's commands are; hooks run by slurmd get no PATH and no SLURM_CONF.</summary>
public sealed record SlurmSettings
{
    public string BinDir { get; init; } = "/usr/bin";

    public string? Conf { get; init; }

    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>[audit]: the append-only JSONL journal of every decision and action.</summary>
public sealed record AuditSettings(string Journal = "/var/log/hpcmaint/audit.jsonl");

/// <summary>[logging]: one-line logs on standard error (slurmd keeps them in its log).</summary>
public sealed record LoggingSettings(string Level = "info")
{
    public static readonly IReadOnlyList<string> Levels = ["trace", "debug", "info", "warning", "error"];
}

/// <summary>[node]: this node's Slurm name when it differs from the short host name.</summary>
public sealed record NodeSettings(string? Name = null);

/// <summary>[reboot]: how hpcmaint-reboot reboots the operating system (an argv, never a shell line).</summary>
public sealed record RebootSettings
{
    public static readonly IReadOnlyList<string> DefaultCommand = ["/usr/sbin/reboot"];

    public IReadOnlyList<string> Command { get; init; } = DefaultCommand;
}
