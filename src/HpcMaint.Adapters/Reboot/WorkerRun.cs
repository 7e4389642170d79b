using HpcMaint.Adapters.Cloud;
using HpcMaint.Adapters.Files;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Config;
using HpcMaint.Core.Reboot;
using HpcMaint.Core.Trust;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Adapters.Reboot;

/// <summary>
/// hpcmaint-reboot --worker PLAN: the detached half. Carries out the plan's cloud work, journals
/// every outcome, drains failed nodes, then removes the plan (a plan left behind is work not finished).
/// </summary>
public sealed class WorkerRun(HpcMaintConfig config, IAuditJournal journal, TimeProvider time, ILoggerFactory logging)
{
    /// <summary>The worker's own option, followed by the plan file.</summary>
    public const string Option = "--worker";

    private readonly ILogger log = logging.CreateLogger("hpcmaint-reboot worker");

    /// <returns>0 every node done, 1 some failed, 2 a plan that cannot be used.</returns>
    public async Task<int> ExecuteAsync(string planFile, CancellationToken cancellationToken)
    {
        var records = new RebootJournal(journal, time, log);
        string text;
        try
        {
            text = System.Text.Encoding.UTF8.GetString(NoFollowFile.ReadAllBytes(PlanInWorkDir(planFile, config.Reboot.WorkDir)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogError("cannot read the plan {Plan}: {Error}", planFile, e.Message);
            records.RecordNote(null, $"worker: cannot read the plan {planFile}: {e.Message}; its nodes were not rebooted", RebootCall.Worker);
            return 2;
        }

        var plan = RebootPlanFile.Decode(text);
        if (!plan.IsSuccess)
        {
            log.LogError("{Plan}: {Problem}", planFile, plan.Problem);
            records.RecordNote(null, $"worker: {planFile}: {plan.Problem}; its nodes were not rebooted", RebootCall.Worker);
            return 2;
        }

        var slurm = new SlurmClient(new SlurmCommands(config.Slurm), new ProcessRunner(time));
        var drainer = new SlurmNodeDrainer(slurm, slurm);
        var metrics = new RebootMetrics(config.Reboot.MetricsFile, time);
        var failed = await RunAsync(plan.Value, drainer, records, metrics, cancellationToken).ConfigureAwait(false);
        File.Delete(planFile);
        log.LogInformation("plan {Plan} done: {Count} node(s), {Failed} failed", planFile, plan.Value.Actions.Count, failed);
        return failed == 0 ? 0 : 1;
    }

    /// <summary>A plan says what runs as this user: only one in [reboot] work_dir, a directory no one else can write, is carried out.</summary>
    private static string PlanInWorkDir(string planFile, string workDir)
    {
        var full = Path.GetFullPath(planFile);
        if (Path.GetDirectoryName(full) != Path.TrimEndingDirectorySeparator(Path.GetFullPath(workDir)))
        {
            throw new UntrustedPathException($"{full} is not in [reboot] work_dir {workDir}, where hpcmaint-reboot writes its plans");
        }

        return StatePaths.Problem(workDir, PathUse.PrivateDirectory) is { } problem ? throw new UntrustedPathException(problem) : full;
    }

    /// <summary>Each cloud's nodes through that cloud (a plan can hold OpenStack and OCI nodes side by side).</summary>
    private async Task<int> RunAsync(RebootPlan plan, INodeDrainer drainer, RebootJournal records, RebootMetrics metrics, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var group in plan.Actions.GroupBy(a => RebootMethods.IsOci(a.Method)))
        {
            var actions = group.ToArray();
            var cloud = CloudProviders.ForReboots(config, time, actions[0].Method);
            if (!cloud.IsSuccess)
            {
                log.LogError("{Problem}", cloud.Problem);
                failed += await RebootWorker.FailAllAsync(actions, plan.Mode, cloud.Problem!.Words, drainer, records, metrics, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (cloud.Value)
            {
                failed += await new RebootWorker(cloud.Value, drainer, records, metrics, log).RunAsync(actions, plan.Mode, cancellationToken).ConfigureAwait(false);
            }
        }

        return failed;
    }
}
