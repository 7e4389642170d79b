using HpcMaint.Core.Health;

namespace HpcMaint.Core.Config;

/// <summary>Reads [health], its sub-tables and every [[health.check]] line.</summary>
internal static class HealthConfigReader
{
    public static HealthSettings Read(ConfigSection health, CheckCatalogue catalogue)
    {
        var defaults = new HealthSettings();
        var settings = new HealthSettings
        {
            Budget = health.Duration("budget", defaults.Budget, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(55)),
            SlurmTimeout = health.Duration("slurm_timeout", defaults.SlurmTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30)),
            CheckTimeout = health.Duration("check_timeout", defaults.CheckTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(55)),
            OutputLimit = OutputLimit(health, defaults.OutputLimit),
            Strikes = health.Int("strikes", defaults.Strikes, 1, 100),
            Ladder = Ladder(health, "ladder", defaults.Ladder),
            StateFile = PerNodeFile(health, "state_file", defaults.StateFile)!,
            MetricsFile = PerNodeFile(health, "metrics_file", null),
            RecordField = health.String("record_field", "comment", ConfigRules.OneOf(["comment", "extra"])) == "extra" ? RecordField.Extra : RecordField.Comment,
            SlurmRefresh = health.Duration("slurm_refresh", defaults.SlurmRefresh, TimeSpan.Zero, TimeSpan.FromDays(1)),
            Breaker = Breaker(health.Table("breaker")),
            Lemon = Lemon(health.Table("lemon")),
            Notify = Notify(health.Table("notify")),
        };
        var checks = Checks(health.Tables("check"), settings, catalogue);
        var remedies = Remedies(health.Tables("remedy"), settings);
        if (settings.Budget <= settings.SlurmTimeout)
        {
            health.Fail("budget", $"{DurationText.Format(settings.Budget)} leaves no time for the checks after slurm_timeout ({DurationText.Format(settings.SlurmTimeout)}); raise it");
        }

        health.Done();
        return settings with { Checks = checks, Remedies = remedies };
    }

    private static CheckDefinition[] Checks(IReadOnlyList<ConfigSection> lines, HealthSettings settings, CheckCatalogue catalogue)
    {
        var definitions = new List<CheckDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var kindId = line.Optional("check");
            var kind = kindId is null ? null : catalogue.Find(kindId);
            if (kindId is null)
            {
                line.Fail("check", "every [[health.check]] needs check = \"<kind>\", one of: " + string.Join(", ", catalogue.Kinds.Select(k => k.Id)));
            }
            else if (kind is null)
            {
                line.Fail("check", $"unknown check kind \"{kindId}\"; known: {string.Join(", ", catalogue.Kinds.Select(k => k.Id))}");
            }

            var name = line.Optional("id", ConfigRules.Word);
            var hostsText = line.Optional("hosts");
            var hosts = HostTarget.All;
            if (hostsText is not null)
            {
                hosts = HostTarget.TryParse(hostsText, out var problem) ?? HostTarget.All;
                if (problem is not null)
                {
                    line.Fail("hosts", problem + "; write a hostlist such as \"gpu[001-128]\" or a glob such as \"gpu*\"");
                }
            }

            var timeout = line.Duration("timeout", settings.CheckTimeout, TimeSpan.FromMilliseconds(10), settings.Budget);
            var priority = Priority(line, line.Bool("non_fatal", false));
            var strikes = line.Int("strikes", settings.Strikes, 1, 100);
            var ladder = Ladder(line, "ladder", settings.Ladder);
            var check = kind?.Create(line);
            line.Done();
            if (kind is null || check is null)
            {
                continue;
            }

            var unique = name ?? Numbered(kind.Id, names);
            if (!names.Add(unique))
            {
                line.Fail(name is null ? "check" : "id", $"another check already has the id \"{unique}\"; give this one id = \"...\" (ids must be unique)");
                continue;
            }

            definitions.Add(new CheckDefinition(unique, kind.Id, check, hosts, timeout, priority, strikes, ladder, line.Line));
        }

        return definitions.ToArray();
    }

    /// <summary>A per-node file ("{node}" in its name): the directory it is written in is judged for trust.</summary>
    private static string? PerNodeFile(ConfigSection health, string key, string? fallback)
    {
        var path = fallback is null ? health.Optional(key, ConfigRules.PerNodeFile) : health.String(key, fallback, ConfigRules.PerNodeFile);
        if (path is not null && ConfigRules.PerNodeFile(path) is null && System.IO.Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            health.Names(key, directory, Trust.PathUse.StateDirectory);
        }

        return path;
    }

    private static long OutputLimit(ConfigSection health, long fallback)
    {
        var limit = health.OptionalByteSize("output_limit") ?? fallback;
        if (limit < 1024 || limit > 1L << 30)
        {
            health.Fail("output_limit", $"{ByteSizeText.Format(limit)} is out of range; write a size from 1KiB to 1GiB, e.g. \"1MiB\"");
            return fallback;
        }

        return limit;
    }

    private static RemedyDefinition[] Remedies(IReadOnlyList<ConfigSection> lines, HealthSettings settings)
    {
        var remedies = new List<RemedyDefinition>();
        foreach (var line in lines)
        {
            var match = line.Optional("match");
            if (match is null)
            {
                line.Fail("match", "every [[health.remedy]] needs match = \"<check id, check kind or finding condition>\", e.g. \"gpu.nvidia.fabric\"");
            }

            var id = line.Optional("id", ConfigRules.Word) ?? match;
            var xid = line.OptionalInt("xid", 1, 999);
            var argv = line.Argv("argv", [], ConfigRules.Argv);
            if (!line.Has("argv"))
            {
                line.Fail("argv", "every [[health.remedy]] needs argv = [\"/absolute/program\", \"arg\", ...], e.g. [\"/usr/bin/systemctl\", \"restart\", \"nvidia-fabricmanager\"]");
            }

            // The remedy runs inside the health run, after the checks: slurmd kills the run at 60 s.
            var timeout = line.Duration("timeout", settings.CheckTimeout < settings.Budget ? settings.CheckTimeout : settings.Budget, TimeSpan.FromMilliseconds(100), settings.Budget);
            var when = line.String("when", "now", ConfigRules.OneOf(["now", "idle"])) == "idle" ? RemedyWhen.Idle : RemedyWhen.Now;
            line.Done();
            if (match is null || id is null || argv.Count == 0)
            {
                continue;
            }

            if (remedies.Any(r => r.Id == id))
            {
                line.Fail(line.Has("id") ? "id" : "match", $"another remedy already has the id \"{id}\"; give this one id = \"...\" (ids must be unique)");
                continue;
            }

            remedies.Add(new RemedyDefinition(id, match, xid, argv, timeout, when, line.Line));
        }

        return remedies.ToArray();
    }

    private static string Numbered(string kind, HashSet<string> taken)
    {
        if (!taken.Contains(kind))
        {
            return kind;
        }

        var n = 2;
        while (taken.Contains($"{kind}#{n}"))
        {
            n++;
        }

        return $"{kind}#{n}";
    }

    private static CheckPriority Priority(ConfigSection line, bool nonFatal)
    {
        CheckPriority priority;
        if (line.IsString("priority") && line.Optional("priority") is { } text)
        {
            if (text != "must-ignore")
            {
                line.Fail("priority", $"\"{text}\" is not a priority; write a number from 1 (most urgent) to 999, or \"must-ignore\"");
            }

            priority = CheckPriority.MustIgnore;
        }
        else
        {
            priority = new CheckPriority(line.Int("priority", CheckPriority.Default.Value, 1, 999));
        }

        return nonFatal && priority.Blocks ? new CheckPriority(Math.Max(100, priority.Value)) : priority;
    }

    private static IReadOnlyList<LadderStep> Ladder(ConfigSection section, string key, IReadOnlyList<LadderStep> fallback)
    {
        var names = section.StringList(key, fallback.Select(Remediation.NodeRecordCodec.StepName).ToArray());
        var steps = new List<LadderStep>();
        foreach (var n in names)
        {
            if (Remediation.NodeRecordCodec.ParseStep(n) is not { } step)
            {
                section.Fail(key, $"\"{n}\" is not a ladder step; write steps from \"remedy\", \"reboot\", \"rebuild\", \"manual\" in that order");
                return fallback;
            }

            if (steps.Count > 0 && step <= steps[^1])
            {
                section.Fail(key, "steps must climb in the order \"remedy\", \"reboot\", \"rebuild\", \"manual\", each at most once");
                return fallback;
            }

            steps.Add(step);
        }

        if (steps.Count == 0 || steps[^1] != LadderStep.Manual)
        {
            steps.Add(LadderStep.Manual);
        }

        return steps;
    }

    private static BreakerSettings Breaker(ConfigSection breaker)
    {
        var defaults = new BreakerSettings();
        var text = breaker.IsString("max_nodes") ? breaker.Optional("max_nodes") : null;
        var max = defaults.MaxNodes;
        if (text is not null && !NodeBudget.TryParse(text, out max))
        {
            breaker.Fail("max_nodes", $"\"{text}\" is not a node budget; write a count such as \"2\" or a share such as \"10%\"");
            max = defaults.MaxNodes;
        }
        else if (text is null && breaker.Has("max_nodes"))
        {
            max = NodeBudget.Nodes(breaker.Int("max_nodes", 1, 0, 100_000));
        }

        breaker.Record("max_nodes", max.Count is { } count ? new IntegerValue(count) : new TextValue(max.ToString()));
        var result = new BreakerSettings
        {
            MaxNodes = max,
            Window = breaker.Duration("window", defaults.Window, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30)),
        };
        breaker.Done();
        return result;
    }

    private static LemonSettings Lemon(ConfigSection lemon)
    {
        var defaults = new LemonSettings();
        var result = new LemonSettings
        {
            Tickets = lemon.Int("tickets", defaults.Tickets, 0, 100),
            Window = lemon.Duration("window", defaults.Window, TimeSpan.FromMinutes(1), TimeSpan.FromDays(365)),
        };
        lemon.Done();
        return result;
    }

    private static NotifySettings Notify(ConfigSection notify)
    {
        var defaults = new NotifySettings();
        var command = notify.OptionalArgv("command", ConfigRules.Argv);
        var webhookText = notify.Optional("webhook", ConfigRules.HttpUrl);
        var result = new NotifySettings
        {
            Command = command is { Count: > 0 } ? command : null,
            Webhook = webhookText is null ? null : new Uri(webhookText),
            Timeout = notify.Duration("timeout", defaults.Timeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)),
        };
        notify.Done();
        return result;
    }
}
