using System.CommandLine;
using HpcMaint.Cli.Commands;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli;

/// <summary>The `hpcmaint` command tree. Exit codes: 0 ok, 1 failed, 2 bad input or config.</summary>
public static class CliApplication
{
    /// <param name="stop">Cancelled by SIGTERM/SIGINT (<see cref="StopSignals"/>): the commands' cancellation token.</param>
    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken stop = default)
    {
        if (PrologSlurmctldCommand.EndsAtOnce(args, env))
        {
            return ExitCodes.Ok;
        }

        var options = new GlobalOptions();
        var root = new RootCommand("hpcmaint: Slurm-native node maintenance and self-healing for GPU/HPC clusters.");
        options.AddTo(root);
        root.Subcommands.Add(HostlistCommands.Create(env));
        root.Subcommands.Add(ConfigCommands.Create(env, options));
        root.Subcommands.Add(AuditCommands.Create(env, options));
        root.Subcommands.Add(StatusCommand.Create(env, options));
        foreach (var command in HoldCommands.Create(env, options))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(BreakerCommands.Create(env, options));
        root.Subcommands.Add(VerifyCommand.Create(env, options));
        root.Subcommands.Add(RebuildCommands.Create(env, options));
        root.Subcommands.Add(RebuildCommands.Create(env, options, PlanKind.Reboot));
        root.Subcommands.Add(ServiceCommand.Create(env, options));
        root.Subcommands.Add(OciCommands.Create(env, options));
        root.Subcommands.Add(PrologSlurmctldCommand.Create(env, options));

        try
        {
            var parsed = root.Parse(args);
            var invocation = new InvocationConfiguration { Output = env.Out, Error = env.Error, ProcessTerminationTimeout = null };
            return await parsed.InvokeAsync(invocation, stop).ConfigureAwait(false);
        }
        finally
        {
            await env.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
