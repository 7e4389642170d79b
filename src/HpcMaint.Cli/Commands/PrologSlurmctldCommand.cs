using System.CommandLine;
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
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public static Command Create(CliEnvironment env, GlobalOptions options)
    {
        var command = new Command("prolog-slurmctld", "PrologSlurmctld mode: hold a rebuild job until its nodes have booted");
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
        var start = env.Time.GetTimestamp();
        var waiting = nodes.ToList();
        while (waiting.Count > 0)
        {
            if (env.Time.GetElapsedTime(start) > config.Rebuild.PrologTimeout)
            {
                env.Error.WriteLine($"hpcmaint prolog-slurmctld: job {job}: {Hostlist.Compress(waiting)} not booted after {config.Rebuild.PrologTimeout}; letting Slurm decide");
                return ExitCodes.Ok;
            }

            foreach (var node in waiting.ToArray())
            {
                var read = await slurm.GetNodeAsync(node, ct).ConfigureAwait(false);
                if (read.IsSuccess && BootWait.HasFailed(read.Value))
                {
                    env.Error.WriteLine($"hpcmaint prolog-slurmctld: job {job}: {node} will not boot ({read.Value.Reason}); failing the job");
                    return ExitCodes.Failed;
                }

                if (read.IsSuccess && !BootWait.IsBooting(read.Value))
                {
                    waiting.Remove(node);
                }
            }

            if (waiting.Count > 0)
            {
                await Task.Delay(Poll, env.Time, ct).ConfigureAwait(false);
            }
        }

        return ExitCodes.Ok;
    }
}
