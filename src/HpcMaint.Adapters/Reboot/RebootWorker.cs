using HpcMaint.Core;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Cloud;
using HpcMaint.Core.Reboot;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Reboot;

/// <summary>
/// Carries out the cloud part of a reboot plan, away from Slurm's hook process: every node at once,
/// bounded by the provider's in-flight limit. Knows the cloud only through <see cref="ICloud"/>. A rebuild
/// to the image the instance already runs becomes a reboot. A node whose reboot or rebuild fails is drained with an hpcmaint reason; the others go on.
/// Each outcome is counted in the metrics file as it comes, with the operations in flight.
/// </summary>
public sealed class RebootWorker(ICloud cloud, INodeDrainer drainer, RebootJournal journal, RebootMetrics metrics, ILogger log)
{
    /// <summary>Returns how many nodes failed.</summary>
    public async Task<int> RunAsync(IReadOnlyList<RebootAction> actions, string mode, CancellationToken cancellationToken)
    {
        metrics.InFlight(actions.Count);
        Flush(metrics, journal, mode);
        var outcomes = await Task.WhenAll(actions.Select(a => Task.Run(() => CarryOutAsync(a, mode, cancellationToken), cancellationToken)));
        return outcomes.Count(ok => !ok);
    }

    /// <summary>When the cloud cannot even be reached (clouds.yaml, map file): every node fails the same way.</summary>
    public static async Task<int> FailAllAsync(
        IReadOnlyList<RebootAction> actions, string mode, string problem, INodeDrainer drainer, RebootJournal journal, RebootMetrics metrics, CancellationToken cancellationToken)
    {
        foreach (var action in actions)
        {
            journal.Record(action, mode, false, AuditOutcome.Failed, new Dictionary<string, string> { ["error"] = problem });
            metrics.Outcome(action, AuditOutcome.Failed);
            await DrainAsync(action, RebootFailureReason.For(action.Method, problem), mode, drainer, journal, cancellationToken);
        }

        Flush(metrics, journal, mode);
        return actions.Count;
    }

    private async Task<bool> CarryOutAsync(RebootAction action, string mode, CancellationToken cancellationToken)
    {
        var started = metrics.StartTiming();
        try
        {
            return await CarryOutAsync(action, mode, started, cancellationToken);
        }
        finally
        {
            metrics.InFlight(-1);
            Flush(metrics, journal, mode);
        }
    }

    private async Task<bool> CarryOutAsync(RebootAction action, string mode, long started, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string>();
        try
        {
            var server = await cloud.FindInstanceAsync(action.Node, cancellationToken);
            if (!server.IsSuccess)
            {
                return await FailAsync(action, mode, details, "no server: " + server.Problem!.Words, started, cancellationToken);
            }

            var instance = server.Value;
            details["server"] = instance.Id;
            details["server_image"] = instance.Image ?? "(volume)";
            var decided = RebootPlanner.ForServer(action, instance.Image, cloud.HardReboots);
            if (decided != action)
            {
                journal.Record(decided, mode, false, AuditOutcome.Planned, details);
            }

            if (decided.Method == RebootMethod.OpenStackRebuild)
            {
                log.LogInformation("node {Node}: rebuilding server {Server} to image {Image}", decided.Node, instance.Id, decided.Image);
                var rebuilt = await RebuildAsync(instance, decided.Image!, cancellationToken);
                if (!rebuilt.IsSuccess)
                {
                    return await FailAsync(decided, mode, details, rebuilt.Problem!.Words, started, cancellationToken);
                }

                details["status"] = rebuilt.Value.Status;
            }
            else
            {
                var accepted = await cloud.RebootAsync(instance, hard: RebootMethods.IsHard(decided.Method), cancellationToken);
                if (!accepted.IsSuccess)
                {
                    return await FailAsync(decided, mode, details, accepted.Problem!.Words, started, cancellationToken);
                }

                details["request_id"] = accepted.Value.RequestId ?? string.Empty;
            }

            log.LogInformation("node {Node}: {Method} done", decided.Node, decided.MethodName);
            journal.Record(decided, mode, false, AuditOutcome.Succeeded, details);
            metrics.Outcome(decided, AuditOutcome.Succeeded, started);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug for one node must not cost the others their reboot.
            log.LogError(e, "node {Node}: internal error", action.Node);
            details["error"] = "internal error: " + e.Message;
            journal.Record(action, mode, false, AuditOutcome.Failed, details);
            metrics.Outcome(action, AuditOutcome.Failed, started);
            return false;
        }
    }

    /// <summary>Rebuilds and follows the rebuild to its end; what the provider held for it is given back either way.</summary>
    private async Task<Result<CloudInstance>> RebuildAsync(CloudInstance instance, string image, CancellationToken cancellationToken)
    {
        var started = await cloud.RebuildAsync(instance, image, cancellationToken);
        if (!started.IsSuccess)
        {
            return started.Problem!;
        }

        using var operation = started.Value;
        return await cloud.FollowAsync(operation, cancellationToken);
    }

    private async Task<bool> FailAsync(RebootAction action, string mode, Dictionary<string, string> details, string problem, long started, CancellationToken cancellationToken)
    {
        log.LogError("node {Node}: {Method} failed: {Problem}", action.Node, action.MethodName, problem);
        details["error"] = problem;
        journal.Record(action, mode, false, AuditOutcome.Failed, details);
        metrics.Outcome(action, AuditOutcome.Failed, started);
        await DrainAsync(action, RebootFailureReason.For(action.Method, problem), mode, drainer, journal, cancellationToken);
        return false;
    }

    private static void Flush(RebootMetrics metrics, RebootJournal journal, string mode)
    {
        if (metrics.Flush() is { } problem)
        {
            journal.RecordNote(null, problem, mode);
        }
    }

    private static async Task DrainAsync(RebootAction action, string reason, string mode, INodeDrainer drainer, RebootJournal journal, CancellationToken cancellationToken)
    {
        var problem = await drainer.DrainAsync(action.Node, reason, cancellationToken);
        journal.RecordDrain(action.Node, reason, mode, problem);
    }
}
