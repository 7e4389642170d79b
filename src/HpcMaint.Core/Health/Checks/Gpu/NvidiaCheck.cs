namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>
/// gpu.nvidia and gpu.nvidia.query: runs nvidia-smi (XML or CSV form), reads every GPU and compares it with
/// the site's expectations; optionally runs <c>nvidia-smi nvlink --status</c> too.
/// </summary>
internal sealed class NvidiaCheck(
    string id,
    IReadOnlyList<string> argv,
    Func<string, Parsed<NvidiaReport>> parse,
    NvidiaExpectations expect,
    IReadOnlyList<string>? nvlinkArgv) : IHealthCheck
{
    public async Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var (output, error) = await GpuTool.RunAsync(probe, id, argv, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        // Lost-GPU lines may come on stderr; stderr goes first so the XML stays the end of the text.
        var text = output.StandardError.Length == 0 ? output.StandardOutput : output.StandardError + "\n" + output.StandardOutput;
        var parsed = parse(text);
        if (parsed.Value is not { } report)
        {
            return GpuTool.Unreadable(id, argv, output, parsed.Problem!);
        }

        var findings = NvidiaConditions.Evaluate(report, expect);
        if (nvlinkArgv is not null && report.Gpus.Count > 0)
        {
            var (links, linkError) = await GpuTool.RunAsync(probe, id, nvlinkArgv, cancellationToken).ConfigureAwait(false);
            if (linkError is not null)
            {
                return linkError;
            }

            var status = NvLinkStatus.Parse(links.StandardOutput);
            if (status.Value is not { } gpus)
            {
                return GpuTool.Unreadable(id, nvlinkArgv, links, status.Problem!);
            }

            findings.AddRange(NvLinkStatus.Evaluate(gpus));
        }

        return CheckVerdict.From(findings, GpuTool.Excerpt(output.StandardError));
    }
}
