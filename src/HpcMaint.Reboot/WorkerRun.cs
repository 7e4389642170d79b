using HpcMaint.Adapters.Files;
using HpcMaint.Adapters.OpenStack;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Reboot;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Audit;
using HpcMaint.Core.Config;
using HpcMaint.Core.Reboot;
using HpcMaint.Core.Trust;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Reboot;

/// <summary>
/// hpcmaint-reboot --worker PLAN: the detached half. Carries out the plan's OpenStack work, journals
/// every outcome, drains failed nodes, then removes the plan (a plan left behind is work not finished).
/// </summary>
internal static class WorkerRun
{
    public static int Execute(HpcMaintConfig config, string planFile, IAuditJournal journal, ILoggerFactory logging)
    {
        var log = logging.CreateLogger("hpcmaint-reboot worker");
        var records = new RebootJournal(journal, TimeProvider.System, log);
        string text;
        try
        {
            text = System.Text.Encoding.UTF8.GetString(NoFollowFile.ReadAllBytes(PlanInWorkDir(planFile, config.Reboot.WorkDir)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogError("cannot read the plan {Plan}: {Error}", planFile, e.Message);
            records.RecordNote(null, $"worker: cannot read the plan {planFile}: {e.Message}; its nodes were not rebooted", "worker");
            return 2;
        }

        if (!RebootPlanFile.TryDecode(text, out var mode, out var actions, out var problem))
        {
            log.LogError("{Plan}: {Problem}", planFile, problem);
            records.RecordNote(null, $"worker: {planFile}: {problem}; its nodes were not rebooted", "worker");
            return 2;
        }

        var slurm = new SlurmClient(new SlurmCommands(config.Slurm), new ProcessRunner(TimeProvider.System));
        var drainer = new SlurmNodeDrainer(slurm, slurm);
        var metrics = new RebootMetrics(config.Reboot.MetricsFile, TimeProvider.System);
        var failed = Run(config, actions, mode, drainer, records, metrics, log).GetAwaiter().GetResult();
        File.Delete(planFile);
        log.LogInformation("plan {Plan} done: {Count} node(s), {Failed} failed", planFile, actions.Count, failed);
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

    private static async Task<int> Run(
        HpcMaintConfig config, IReadOnlyList<RebootAction> actions, string mode, INodeDrainer drainer, RebootJournal records, RebootMetrics metrics, ILogger log)
    {
        if (config.OpenStack is not { } settings)
        {
            return await RebootWorker.FailAllAsync(actions, mode, "the config has no [openstack] section any more", drainer, records, metrics, CancellationToken.None);
        }

        var (client, mapping, problem) = OpenStackConnection.Open(settings, CloudsEnvironment.OfThisProcess());
        if (client is null)
        {
            log.LogError("{Problem}", problem);
            return await RebootWorker.FailAllAsync(actions, mode, problem!, drainer, records, metrics, CancellationToken.None);
        }

        using (client)
        {
            return await new RebootWorker(client, mapping!, drainer, records, metrics, settings, log).RunAsync(actions, mode, CancellationToken.None);
        }
    }
}
