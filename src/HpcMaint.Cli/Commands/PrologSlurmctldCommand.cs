using System.CommandLine;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Commands;

/// <summary>
/// `hpcmaint prolog-slurmctld`, run by slurmctld as PrologSlurmctld (through a one-line wrapper: Slurm
/// passes no arguments). Environment: SLURM_JOB_ID, SLURM_JOB_NAME, SLURM_JOB_NODELIST; no PATH and no
/// SLURM_CONF, so Slurm is found through the config file. A rebuild job's prolog waits until its nodes
/// have booted (then Slurm launches the job at once instead of on its 30 s tick); any other job's
/// returns at once. It exits 0, except when hpcmaint-reboot drained a node because its rebuild or cloud
/// reboot failed (exit 1), or the config is refused (exit 2, every problem on standard error): then Slurm
/// ends the (never requeued) rebuild job at once instead of after ResumeTimeout.
/// </summary>
public static class PrologSlurmctldCommand
{
    public const string Name = "prolog-slurmctld";

    /// <summary>
    /// slurmctld runs the prolog for every job: for any job but a rebuild job (the wrapper passes the verb,
    /// perhaps with --config) it returns before the command tree is built, the rest of the line unread.
    /// </summary>
    public static bool EndsAtOnce(string[] args, CliEnvironment env) =>
        args is [Name] or [Name, "--config", _] or ["--config", _, Name] && !BootWait.Applies(env.GetVariable("SLURM_JOB_NAME"));

    public static Command Create(CliEnvironment env, GlobalOptions options)
    {
        var command = new Command(Name, "PrologSlurmctld mode: hold a rebuild job until its nodes have booted");
        command.SetAction((parse, ct) => RunAsync(env, parse.GetValue(options.Config), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment env, string? configPath, CancellationToken ct)
    {
        var name = env.GetVariable("SLURM_JOB_NAME");
        var job = env.GetVariable("SLURM_JOB_ID") ?? "?";
        if (!BootWait.Applies(name))
        {
            return ExitCodes.Ok;
        }

        var list = env.GetVariable("SLURM_JOB_NODELIST");
        if (list is null || !Hostlist.TryExpand(list, out var nodes, out _) || nodes.Count == 0)
        {
            env.Error.WriteLine($"hpcmaint prolog-slurmctld: job {job}: no usable SLURM_JOB_NODELIST ('{list}'); not waiting");
            return ExitCodes.Ok;
        }

        // A config hpcmaint-reboot refuses (an error, or a file others can write) rebuilds nothing: end the job now.
        if (!CliConfig.TryLoad(env, configPath, out var config, fileMustBeTrusted: true))
        {
            return ExitCodes.BadInput;
        }

        var slurm = new SlurmClient(new SlurmCommands(config.Slurm), new HpcMaint.Adapters.Processes.ProcessRunner(env.Time));
        switch (await new BootWaitLoop(slurm, env.Time).WaitAsync(nodes, config.Rebuild.PrologTimeout, ct).ConfigureAwait(false))
        {
            case BootWaitEnd.WillNotBoot failed:
                env.Error.WriteLine($"hpcmaint prolog-slurmctld: job {job}: {failed.Node} will not boot ({failed.Reason}); failing the job");
                return ExitCodes.Failed;
            case BootWaitEnd.TimedOut timedOut:
                env.Error.WriteLine($"hpcmaint prolog-slurmctld: job {job}: {Hostlist.Compress(timedOut.Waiting)} not booted after {config.Rebuild.PrologTimeout}; letting Slurm decide");
                return ExitCodes.Ok;
            default:
                return ExitCodes.Ok;
        }
    }
}
