using System.Text.RegularExpressions;

namespace HpcMaint.Integration.Tests.Testbed;

/// <summary>Reads fields of one <c>scontrol show … -o</c> record (Key=Value pairs on one line).</summary>
internal static partial class ScontrolRecord
{
    /// <summary>The value of a field whose value has no spaces (State, BootTime, StartTime, …).</summary>
    public static string? Value(string record, string key)
    {
        var match = Field().Matches(record).FirstOrDefault(m => m.Groups["key"].Value == key);
        return match?.Groups["value"].Value;
    }

    /// <summary>The node's Reason, which runs to the end of the record and may hold spaces.</summary>
    public static string Reason(string record)
    {
        var start = record.IndexOf(" Reason=", StringComparison.Ordinal);
        return start < 0 ? "" : record[(start + " Reason=".Length)..].TrimEnd();
    }

    [GeneratedRegex(@"(?:^| )(?<key>[A-Za-z0-9_:/]+)=(?<value>\S*)")]
    private static partial Regex Field();
}
