using System.Globalization;
using System.Text;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>
/// dcgm: runs <c>dcgmi diag -r N -j</c> and fails on every test result that failed (and on warnings when
/// asked). The condition is <c>dcgm.&lt;test&gt;</c>, e.g. <c>dcgm.persistence_mode</c>.
/// </summary>
internal sealed class DcgmCheck(string dcgmi, int level, bool warnFails) : IHealthCheck
{
    private const string Id = "dcgm";

    public IReadOnlyList<string> Argv { get; } = [dcgmi, "diag", "-r", level.ToString(CultureInfo.InvariantCulture), "-j"];

    public async Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var (output, error) = await GpuTool.RunAsync(probe, Id, Argv, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        // dcgmi exits non-zero when a test fails; the JSON says which.
        var parsed = DcgmDiagJson.Parse(output.StandardOutput);
        if (parsed.Value is not { } results)
        {
            return GpuTool.Unreadable(Id, Argv, output, parsed.Problem!);
        }

        var findings = results
            .Where(r => r.Status.Equals("Fail", StringComparison.OrdinalIgnoreCase) || (warnFails && r.Status.Equals("Warn", StringComparison.OrdinalIgnoreCase)))
            .Select(Finding)
            .ToArray();
        return CheckVerdict.From(findings, findings.Length > 0 ? GpuTool.Excerpt(output.StandardOutput) : string.Empty);
    }

    private static Finding Finding(DcgmTestResult r)
    {
        var where = r.Gpu is null ? string.Empty : " on GPU " + r.Gpu;
        var detail = r.Detail is null ? string.Empty : ": " + r.Detail;
        // Deployment tests look at the software install (libraries, permissions): a rebuild fixes those.
        var remedy = r.Category.Equals("Deployment", StringComparison.OrdinalIgnoreCase) ? LadderStep.Rebuild : LadderStep.Reboot;
        return new Finding("dcgm." + ConditionName(r.Test), r.Status + where + detail, "Pass", Remedy: remedy);
    }

    /// <summary>"Page Retirement/Row Remap" → "page_retirement_row_remap".</summary>
    internal static string ConditionName(string test)
    {
        var name = new StringBuilder(test.Length);
        foreach (var c in test)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                name.Append(char.ToLowerInvariant(c));
            }
            else if (name.Length > 0 && name[^1] != '_')
            {
                name.Append('_');
            }
        }

        return name.ToString().TrimEnd('_');
    }
}
