namespace HpcMaint.Adapters.Processes;

internal static class CommandDefaults
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(2);

    /// <summary>Used when the child's environment has no PATH: slurmd starts health checks and prologs without one.</summary>
    public const string SearchPath = "/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>How long to wait for a SIGKILLed command to go away before giving up on it (a process stuck in the kernel, D state).</summary>
    public static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);
}
