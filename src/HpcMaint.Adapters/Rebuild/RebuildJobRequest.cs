using System.Text;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>
/// The sbatch request for one node's rebuild job: `-p rebuild -w NODE --reboot --exclusive --no-requeue
/// -J hpcmaint-rebuild-NODE --comment "hpcmaint image=IMG plan=ID"` and the plan's --sbatch-option
/// options last, whose payload execs the plan's gate argv.
/// </summary>
public static class RebuildJobRequest
{
    public static BatchJobRequest For(RebuildPlan plan, string node, string? reservation, RebuildSettings settings) =>
        new(Script(plan.GateOr(settings)))
        {
            Name = RebuildJobs.Name(node),
            Partition = settings.Partition,
            NodeList = node,
            Reboot = true,
            Exclusive = true,
            NoRequeue = true,
            Comment = plan.JobComment,
            Reservation = reservation,
            Output = "/dev/null",
            ExtraOptions = ["--nodes=1", "--chdir=/", .. plan.SbatchOptions],
        };

    /// <summary>A batch script is a shell script by Slurm's design; it only execs the gate, every word quoted.</summary>
    public static string Script(IReadOnlyList<string> gate)
    {
        var script = new StringBuilder("#!/bin/sh\n# hpcmaint rebuild: the health gate on the freshly booted node.\nexec");
        foreach (var word in gate)
        {
            script.Append(' ').Append(ShellQuoting.Quote(word));
        }

        return script.Append('\n').ToString();
    }

    /// <summary>Words as a shell would need them typed (the gate and options in status and the journal).</summary>
    public static string Typed(IEnumerable<string> words) => string.Join(' ', words.Select(ShellQuoting.Quote));
}
