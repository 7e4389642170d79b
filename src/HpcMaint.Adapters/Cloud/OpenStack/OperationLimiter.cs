using HpcMaint.Adapters.Files;

namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>
/// Caps the OpenStack operations in flight: in this process (callers over the cap wait in order) and,
/// with shared slots, across every process using the same slot directory.
/// </summary>
internal sealed class OperationLimiter : IDisposable
{
    private readonly SemaphoreSlim slots;
    private readonly SlotDirectory? shared;

    public OperationLimiter(int maxInFlight, SlotDirectory? shared = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        this.shared = shared;
    }

    /// <summary>Waits for a slot; dispose the lease to give it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        IDisposable? held = null;
        try
        {
            held = shared is null ? null : await shared.EnterAsync(cancellationToken);
        }
        catch
        {
            slots.Release();
            throw;
        }

        return new Lease(slots, held);
    }

    public void Dispose() => slots.Dispose();

    private sealed class Lease(SemaphoreSlim slots, IDisposable? held) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                held?.Dispose();
                slots.Release();
            }
        }
    }
}
