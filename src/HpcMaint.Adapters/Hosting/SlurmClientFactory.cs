using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Hosting;

/// <summary>Wires a <see cref="SlurmClient"/> from the [slurm] settings.</summary>
public static class SlurmClientFactory
{
    public static SlurmClient Create(SlurmSettings settings, ICommandRunner runner) =>
        new(new SlurmCommands(new SlurmOptions
        {
            BinDirectory = settings.BinDir,
            SlurmConf = settings.Conf,
            CommandTimeout = settings.CommandTimeout,
        }), runner);
}
