using HpcMaint.Core.Rebuild;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>One planning pass's debug line (-v), for a run's passes and a dry run's one alike: `make bench` reads its timings.</summary>
internal static class PassTiming
{
    public static void Log(ILogger log, TimeSpan read, string imageSource, int nodes, TimeSpan decided, RebuildTurn turn) =>
        log.LogDebug(
            "pass: cluster read in {ReadMs:0.0} ms (sinfo, squeue, scontrol show reservation; images from {Source}), {Nodes} nodes decided in {DecideMs:0.00} ms: {Admitted} admitted, {Deferred} waiting",
            read.TotalMilliseconds, imageSource, nodes, decided.TotalMilliseconds, turn.Decision.Admitted.Count(), turn.Decision.Deferred.Count());
}
