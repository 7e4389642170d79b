namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>gpu.amd: rocm-smi's cards (count, temperature, VRAM, RAS counts) and, unless disabled, rocminfo's GPU agents.</summary>
internal sealed class AmdGpuCheck(IReadOnlyList<string> rocmSmi, IReadOnlyList<string> rocminfo, AmdExpectations expect) : IHealthCheck
{
    private const string Id = "gpu.amd";

    public async Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var (output, error) = await GpuTool.RunAsync(probe, Id, rocmSmi, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var parsed = RocmSmiJson.Parse(output.StandardOutput);
        if (parsed.Value is not { } gpus)
        {
            return GpuTool.Unreadable(Id, rocmSmi, output, parsed.Problem!);
        }

        int? agents = null;
        if (rocminfo.Count > 0)
        {
            var (info, infoError) = await GpuTool.RunAsync(probe, Id, rocminfo, cancellationToken).ConfigureAwait(false);
            if (infoError is not null)
            {
                return infoError;
            }

            var (count, problem) = Rocminfo.CountGpuAgents(info.StandardOutput);
            if (problem is not null)
            {
                return GpuTool.Unreadable(Id, rocminfo, info, problem);
            }

            agents = count;
        }

        return CheckVerdict.From(AmdConditions.Evaluate(gpus, agents, expect), GpuTool.Excerpt(output.StandardError));
    }
}
