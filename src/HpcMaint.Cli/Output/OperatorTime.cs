using System.Globalization;

namespace HpcMaint.Cli.Output;

/// <summary>Times in tables: UTC to the second, the same in every command.</summary>
public static class OperatorTime
{
    public static string Format(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static string FormatJson(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
