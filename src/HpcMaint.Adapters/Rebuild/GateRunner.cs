using HpcMaint.Adapters.Processes;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>Runs the health gate for a node here (drain strategy): the plan's gate argv with the node name added.</summary>
public sealed class GateRunner(ICommandRunner runner, RebuildSettings settings)
{
    public async Task<(bool Passed, string Detail)> RunAsync(RebuildPlan plan, string node, CancellationToken ct)
    {
        var gate = plan.GateOr(settings);
        var command = Command.For(gate[0]).WithArguments([.. gate.Skip(1), node]).WithTimeout(settings.GateTimeout);
        var result = await runner.RunAsync(command, ct).ConfigureAwait(false);
        return result.IsSuccess ? (true, "exit 0") : (false, $"{command} {result.Ending()}");
    }
}
