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
    NvLinkExpectations? nvlink) : IHealthCheck
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
        if (nvlink is not null && report.Gpus.Count > 0)
        {
            var (links, linkError) = await GpuTool.RunAsync(probe, id, nvlink.Argv, cancellationToken).ConfigureAwait(false);
            var status = NvLinkStatus.Parse(links.StandardOutput);
            var problem = status.Problem;
            if (linkError is null && status.Value is { } gpus)
            {
                findings.AddRange(NvLinkStatus.Evaluate(gpus, report, nvlink, out problem));
            }

            // What the GPUs showed stands even when the link status cannot be read; that part is an error beside it.
            var unreadable = linkError ?? (problem is null ? null : GpuTool.Unreadable(id, nvlink.Argv, links, problem));
            if (unreadable is not null)
            {
                return findings.Count == 0 ? unreadable : CheckVerdict.Fail([.. findings, .. unreadable.Findings], unreadable.Output);
            }
        }

        return CheckVerdict.From(findings, GpuTool.Excerpt(output.StandardError));
    }
}
