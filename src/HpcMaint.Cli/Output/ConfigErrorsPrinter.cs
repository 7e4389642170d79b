using HpcMaint.Core.Config;

namespace HpcMaint.Cli.Output;

/// <summary>Every config problem on its own line, file:line first, then a count; nothing was done.</summary>
public static class ConfigErrorsPrinter
{
    public static void Print(TextWriter error, IReadOnlyList<ConfigError> errors)
    {
        foreach (var e in errors)
        {
            error.WriteLine(e.ToString());
        }

        error.WriteLine($"{errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")} in the configuration; nothing was done.");
    }
}
