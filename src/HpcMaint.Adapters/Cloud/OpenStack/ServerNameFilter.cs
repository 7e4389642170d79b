using System.Text;

namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>
/// Nova's <c>name</c> filter is a regular expression matched anywhere in the name (n1 matches n10), so
/// the name is escaped and anchored; the results are still compared exactly, as the database's regex
/// dialect is not ours.
/// </summary>
public static class ServerNameFilter
{
    private const string Special = @"\.^$|?*+()[]{}";

    public static string ExactPattern(string name)
    {
        var pattern = new StringBuilder(name.Length + 8).Append('^');
        foreach (var c in name)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return pattern.Append('$').ToString();
    }
}
