using System.Globalization;

namespace HpcMaint.Core.Health.Checks.Ps;

/// <summary>
/// User names to ids from /etc/passwd ("name:x:uid:..."). Users known only to a directory service (LDAP,
/// SSSD) are not there; write their numeric uid instead.
/// </summary>
internal static class UserTable
{
    /// <summary>The uid of a user name or a numeric uid; null when unknown.</summary>
    public static int? Resolve(IHostProbe probe, string user)
    {
        if (int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
        {
            return uid;
        }

        if (probe.ReadText("/etc/passwd") is not { } passwd)
        {
            return null;
        }

        foreach (var line in new LineSplitter(passwd))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || !line[..colon].SequenceEqual(user))
            {
                continue;
            }

            var fields = line[(colon + 1)..];
            var password = fields.IndexOf(':');
            return password >= 0 && ProcText.TryLeadingLong(fields[(password + 1)..], out var id) ? (int)id : null;
        }

        return null;
    }
}
