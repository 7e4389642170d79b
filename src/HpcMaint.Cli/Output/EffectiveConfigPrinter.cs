using System.Text;
using HpcMaint.Adapters.Json;
using HpcMaint.Core.Config;

namespace HpcMaint.Cli.Output;

/// <summary>The configuration in force, defaults included, as TOML (re-readable) or JSON.</summary>
public static class EffectiveConfigPrinter
{
    public static void WriteToml(TextWriter w, HpcMaintConfig c)
    {
        w.WriteLine($"# effective configuration from {c.SourceFile}");
        w.WriteLine("[slurm]");
        w.WriteLine($"bin_dir = {Quote(c.Slurm.BinDir)}");
        if (c.Slurm.Conf is { } conf)
        {
            w.WriteLine($"conf = {Quote(conf)}");
        }

        w.WriteLine($"command_timeout = {Quote(DurationText.Format(c.Slurm.CommandTimeout))}");
        w.WriteLine();
        w.WriteLine("[audit]");
        w.WriteLine($"journal = {Quote(c.Audit.Journal)}");
        w.WriteLine();
        w.WriteLine("[logging]");
        w.WriteLine($"level = {Quote(c.Logging.Level)}");
        w.WriteLine();
        w.WriteLine("[node]");
        if (c.Node.Name is { } name)
        {
            w.WriteLine($"name = {Quote(name)}");
        }

        w.WriteLine();
        w.WriteLine("[reboot]");
        w.WriteLine($"command = [{string.Join(", ", c.Reboot.Command.Select(Quote))}]");
        w.WriteLine();
        w.WriteLine("[rebuild]");
        w.WriteLine($"partition = {Quote(c.Rebuild.Partition)}");
        w.WriteLine($"gate = [{string.Join(", ", c.Rebuild.Gate.Select(Quote))}]");
        w.WriteLine($"gate_timeout = {Quote(DurationText.Format(c.Rebuild.GateTimeout))}");
        w.WriteLine($"state_dir = {Quote(c.Rebuild.StateDir)}");
        w.WriteLine($"poll_interval = {Quote(DurationText.Format(c.Rebuild.PollInterval))}");
        w.WriteLine($"image_source = {Quote(c.Rebuild.ImageSource)}");
        w.WriteLine($"reservation_lead = {Quote(DurationText.Format(c.Rebuild.ReservationLead))}");
        w.WriteLine($"prolog_timeout = {Quote(DurationText.Format(c.Rebuild.PrologTimeout))}");
    }

    public static void WriteJson(TextWriter w, HpcMaintConfig c)
    {
        JsonText.WriteDocument(w, j =>
        {
            j.WriteStartObject();
            j.WriteString("source", c.SourceFile);
            j.WriteStartObject("slurm");
            j.WriteString("bin_dir", c.Slurm.BinDir);
            j.WriteStringOrNull("conf", c.Slurm.Conf);
            j.WriteNumber("command_timeout_seconds", c.Slurm.CommandTimeout.TotalSeconds);
            j.WriteEndObject();
            j.WriteStartObject("audit");
            j.WriteString("journal", c.Audit.Journal);
            j.WriteEndObject();
            j.WriteStartObject("logging");
            j.WriteString("level", c.Logging.Level);
            j.WriteEndObject();
            j.WriteStartObject("node");
            j.WriteStringOrNull("name", c.Node.Name);
            j.WriteEndObject();
            j.WriteStartObject("reboot");
            j.WriteStartArray("command");
            foreach (var arg in c.Reboot.Command)
            {
                j.WriteStringValue(arg);
            }

            j.WriteEndArray();
            j.WriteEndObject();
            j.WriteStartObject("rebuild");
            j.WriteString("partition", c.Rebuild.Partition);
            j.WriteStartArray("gate");
            foreach (var arg in c.Rebuild.Gate)
            {
                j.WriteStringValue(arg);
            }

            j.WriteEndArray();
            j.WriteString("state_dir", c.Rebuild.StateDir);
            j.WriteNumber("poll_interval_seconds", c.Rebuild.PollInterval.TotalSeconds);
            j.WriteString("image_source", c.Rebuild.ImageSource);
            j.WriteEndObject();
            j.WriteEndObject();
        });
    }

    private static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in value)
        {
            sb.Append(ch switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(ch) => $"\\u{(int)ch:X4}",
                _ => ch.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
