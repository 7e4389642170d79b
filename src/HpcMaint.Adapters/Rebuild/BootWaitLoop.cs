using HpcMaint.Adapters.Slurm;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>How a rebuild job's wait for its nodes ended.</summary>
public abstract record BootWaitEnd
{
    private BootWaitEnd()
    {
    }

    /// <summary>Every node has booted: the job may start.</summary>
    public sealed record Booted : BootWaitEnd;

    /// <summary>hpcmaint-reboot gave up on <paramref name="Node"/>: the job should fail now.</summary>
    public sealed record WillNotBoot(string Node, string? Reason) : BootWaitEnd;

    /// <summary>[rebuild] prolog_timeout passed with these nodes still booting: Slurm decides.</summary>
    public sealed record TimedOut(IReadOnlyList<string> Waiting) : BootWaitEnd;
}

/// <summary>
/// The PrologSlurmctld loop of a rebuild job: reads its nodes until each has booted (the core's
/// <see cref="BootWait"/> says which are still booting or will not boot), polling every 200 ms.
/// A node slurmctld does not answer for is asked again on the next poll.
/// </summary>
public sealed class BootWaitLoop(ISlurmReader reader, TimeProvider time)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public async Task<BootWaitEnd> WaitAsync(IReadOnlyList<string> nodes, TimeSpan timeout, CancellationToken ct)
    {
        var start = time.GetTimestamp();
        var waiting = nodes.ToList();
        while (waiting.Count > 0)
        {
            if (time.GetElapsedTime(start) > timeout)
            {
                return new BootWaitEnd.TimedOut(waiting);
            }

            foreach (var node in waiting.ToArray())
            {
                var read = await reader.GetNodeAsync(node, ct).ConfigureAwait(false);
                if (read.IsSuccess && BootWait.HasFailed(read.Value))
                {
                    return new BootWaitEnd.WillNotBoot(node, read.Value.Reason);
                }

                if (read.IsSuccess && !BootWait.IsBooting(read.Value))
                {
                    waiting.Remove(node);
                }
            }

            if (waiting.Count > 0)
            {
                await Task.Delay(Poll, time, ct).ConfigureAwait(false);
            }
        }

        return new BootWaitEnd.Booted();
    }
}
