using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;
using HpcMaint.Core.Health;

namespace HpcMaint.Adapters.Health;

/// <summary>Wires a <see cref="HealthRunner"/> for this node from the config (used by hpcmaint-health and `hpcmaint verify`).</summary>
public static class HealthRunnerFactory
{
    public static HealthRunner Create(HpcMaintConfig config, HealthSettings health, string node, string actor, TimeProvider time)
    {
        var runner = new ProcessRunner(time);
        var slurm = new SlurmClient(new SlurmCommands(config.Slurm with { CommandTimeout = health.SlurmTimeout }), runner);
        var journal = new AuditJournal(config.Audit.Journal);
        var executor = new HealthActionExecutor(slurm, slurm, new ManualNotifier(health.Notify, runner, time), runner, journal, health.RecordField, time, actor);
        return new HealthRunner(health, new HostProbe("/", runner, time, health.OutputLimit), slurm, executor, new LocalHealthStateStore(HealthSettings.ForNode(health.StateFile, node)), journal, time);
    }
}
