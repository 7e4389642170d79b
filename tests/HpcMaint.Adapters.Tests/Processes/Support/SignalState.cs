using System.Globalization;
using System.Text.RegularExpressions;

namespace HpcMaint.Adapters.Tests.Processes.Support;

/// <summary>A child's SigBlk and SigIgn lines (from /proc/self/status), as a child that hpcmaint started should have them.</summary>
internal static partial class SignalState
{
    /// <summary>
    /// Signals 32 and 33 are glibc's own (SIGCANCEL, SIGSETXID): sigaction refuses them, so no program
    /// (env --default-signal included) can reset them, and glibc's posix_spawn gives the child SIG_IGN for
    /// them when the parent has glibc's handler installed (seen under a busy parallel test run). A program
    /// never sees them: glibc installs its handler again when it needs one.
    /// </summary>
    private const ulong GlibcOwn = (1UL << 31) | (1UL << 32);

    /// <summary>The lines with glibc's own two signals left out of both masks.</summary>
    public static string WithoutGlibcOwn(string lines) => Mask().Replace(
        lines,
        m => m.Groups[1].Value + (ulong.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) & ~GlibcOwn).ToString("x16", CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(Sig(?:Blk|Ign):\t)([0-9a-f]{16})$", RegexOptions.Multiline)]
    private static partial Regex Mask();
}
