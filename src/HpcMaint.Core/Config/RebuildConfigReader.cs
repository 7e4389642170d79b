using HpcMaint.Core.Rebuild;

namespace HpcMaint.Core.Config;

/// <summary>Reads [rebuild]; every key is optional.</summary>
public static class RebuildConfigReader
{
    public static RebuildSettings Read(ConfigSection section)
    {
        var defaults = new RebuildSettings();
        var settings = new RebuildSettings
        {
            Partition = section.String("partition", defaults.Partition, ConfigRules.Word),
            Gate = section.Argv("gate", RebuildSettings.DefaultGate, ConfigRules.Argv),
            GateTimeout = section.Duration("gate_timeout", defaults.GateTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(6)),
            StateDir = section.PathFor("state_dir", defaults.StateDir, Trust.PathUse.StateDirectory),
            PollInterval = section.Duration("poll_interval", defaults.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(10)),
            ImageSource = section.String("image_source", defaults.ImageSource, ConfigRules.OneOf(RebuildSettings.ImageSources)),
            ReservationLead = section.Duration("reservation_lead", defaults.ReservationLead, TimeSpan.Zero, TimeSpan.FromDays(30)),
            PreemptablePartitions = section.StringList("preemptable_partitions", defaults.PreemptablePartitions),
            Command = section.OptionalArgv("command", ConfigRules.Argv),
            PrologTimeout = section.Duration("prolog_timeout", defaults.PrologTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24)),
            MetricsFile = section.OptionalPathFor("metrics_file", Trust.PathUse.StateFile),
        };
        section.Done();
        return settings;
    }
}
