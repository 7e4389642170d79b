using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.OpenStack;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Rebuild;

/// <summary>What every `hpcmaint rebuild` verb works with, built from the config.</summary>
internal sealed class RebuildContext : IDisposable
{
    private readonly OpenStackClient? cloud;

    private RebuildContext(CliEnvironment env, HpcMaintConfig config, INodeImageSource images, OpenStackClient? cloud)
    {
        this.cloud = cloud;
        Env = env;
        Settings = config.Rebuild;
        Runner = new ProcessRunner(env.Time);
        Slurm = new SlurmClient(new SlurmCommands(config.Slurm), Runner);
        Store = new RebuildPlanStore(config.Rebuild.StateDir);
        Audit = new AuditJournal(config.Audit.Journal);
        Images = images;
        Reader = new ClusterReader(Slurm, images, env.Time);
    }

    public CliEnvironment Env { get; }

    public TimeProvider Time => Env.Time;

    public RebuildSettings Settings { get; }

    public ProcessRunner Runner { get; }

    public SlurmClient Slurm { get; }

    public RebuildPlanStore Store { get; }

    public AuditJournal Audit { get; }

    public INodeImageSource Images { get; }

    public ClusterReader Reader { get; }

    /// <summary>The image source named in [rebuild] image_source; "openstack" reads clouds.yaml (OS_CLOUD).</summary>
    public static RebuildContext? Create(CliEnvironment env, HpcMaintConfig config, out string? problem)
    {
        problem = null;
        if (config.Rebuild.ImageSource != "openstack")
        {
            return new RebuildContext(env, config, new FeatureImageSource(), null);
        }

        var clouds = CloudsConfigLoader.Load(CloudsEnvironment.OfThisProcess());
        if (!clouds.IsValid)
        {
            problem = "image_source = \"openstack\": " + string.Join("; ", clouds.Errors.Select(e => e.ToString()));
            return null;
        }

        var client = new OpenStackClient(clouds.Cloud!, time: env.Time);
        return new RebuildContext(env, config, new OpenStackImageSource(client, new ServerMapping.ByName()), client);
    }

    public void Dispose() => cloud?.Dispose();
}
