using HpcMaint.Adapters.Audit;
using HpcMaint.Adapters.OpenStack;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Reboot;
using HpcMaint.Adapters.Rebuild;
using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Config;
using HpcMaint.Core.Health;
using HpcMaint.Core.Rebuild;
using Microsoft.Extensions.Logging;

namespace HpcMaint.Cli.Rebuild;

/// <summary>What every `hpcmaint rebuild` verb works with, built from the config.</summary>
internal sealed class RebuildContext : IDisposable
{
    private readonly OpenStackClient? cloud;
    private readonly ILoggerFactory logging;

    private RebuildContext(CliEnvironment env, HpcMaintConfig config, bool verbose, INodeImageSource images, OpenStackClient? cloud)
    {
        this.cloud = cloud;
        logging = CliConfig.Logging(env, config, verbose);
        Log = logging.CreateLogger("hpcmaint rebuild");
        Env = env;
        Settings = config.Rebuild;
        RecordField = config.Health.RecordField;
        Runner = new ProcessRunner(env.Time);
        Slurm = new SlurmClient(new SlurmCommands(config.Slurm), Runner);
        Store = new RebuildPlanStore(config.Rebuild.StateDir);
        Audit = new AuditJournal(config.Audit.Journal);
        Images = images;
        Reader = new ClusterReader(Slurm, images, env.Time, config.Health.RecordField);
        Metrics = new PlanMetrics(config.Rebuild.MetricsFile, env.Time);
    }

    public CliEnvironment Env { get; }

    public TimeProvider Time => Env.Time;

    public RebuildSettings Settings { get; }

    /// <summary>Where the nodes' hpcmaint records are kept ([health] record_field): holds, tickets.</summary>
    public RecordField RecordField { get; }

    public ProcessRunner Runner { get; }

    public SlurmClient Slurm { get; }

    public RebuildPlanStore Store { get; }

    public AuditJournal Audit { get; }

    public INodeImageSource Images { get; }

    public ClusterReader Reader { get; }

    /// <summary>[rebuild] metrics_file (writes nothing when it is not set).</summary>
    public PlanMetrics Metrics { get; }

    public ILogger Log { get; }

    /// <summary>Reads the cluster and decides one pass, logging (at debug) how long each took.</summary>
    public async Task<(ClusterView? View, string? Error, bool ControllerUnreachable, RebuildTurn? Turn)> PassAsync(RebuildPlan plan, CancellationToken ct)
    {
        var start = Time.GetTimestamp();
        var (view, error, unreachable) = await Reader.ReadAsync(ct).ConfigureAwait(false);
        var read = Time.GetElapsedTime(start);
        if (view is null)
        {
            return (null, error, unreachable, null);
        }

        var decided = Time.GetTimestamp();
        var turn = RebuildStepper.Next(plan, view, Settings);
        Log.LogDebug(
            "pass: cluster read in {ReadMs:0.0} ms (sinfo, squeue, scontrol show reservation; images from {Source}), {Nodes} nodes decided in {DecideMs:0.00} ms: {Admitted} admitted, {Deferred} waiting",
            read.TotalMilliseconds, Images.Name, view.Nodes.Count, Time.GetElapsedTime(decided).TotalMilliseconds, turn.Decision.Admitted.Count(), turn.Decision.Deferred.Count());
        return (view, null, false, turn);
    }

    /// <summary>
    /// The image source named in [rebuild] image_source; "openstack" finds the servers as hpcmaint-reboot
    /// does, through [openstack] (cloud, clouds_file, server_lookup), so both agree on every node's image.
    /// </summary>
    public static RebuildContext? Create(CliEnvironment env, HpcMaintConfig config, bool verbose, out string? problem)
    {
        // Plans say what runs as root (their gate): kept only where no one else can change them.
        problem = new RebuildPlanStore(config.Rebuild.StateDir).TrustProblem() is { } untrusted ? "[rebuild] state_dir: " + untrusted : null;
        if (problem is not null)
        {
            return null;
        }

        if (config.Rebuild.ImageSource != "openstack")
        {
            return new RebuildContext(env, config, verbose, new FeatureImageSource(), null);
        }

        var (client, mapping, error) = OpenStackConnection.Open(config.OpenStack ?? new OpenStackSettings(), CloudsEnvironment.OfThisProcess(), time: env.Time);
        if (client is null)
        {
            problem = "image_source = \"openstack\": " + error;
            return null;
        }

        return new RebuildContext(env, config, verbose, new OpenStackImageSource(client, mapping!), client);
    }

    public void Dispose()
    {
        cloud?.Dispose();
        logging.Dispose();
    }
}
