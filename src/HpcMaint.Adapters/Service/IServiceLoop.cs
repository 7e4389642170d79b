namespace HpcMaint.Adapters.Service;

/// <summary>
/// One loop of `hpcmaint service` (the open rebuild plans; later the cloud's events). Each keeps its own
/// pace and runs until <c>stop</c>; with <c>once</c> it makes one pass and returns (cron-style use).
/// A stop leaves its work resumable; an exception ends the service with a failure (systemd restarts it).
/// </summary>
public interface IServiceLoop
{
    /// <summary>For the journal and the log: "rebuild plans".</summary>
    string Name { get; }

    Task RunAsync(bool once, CancellationToken stop);
}
