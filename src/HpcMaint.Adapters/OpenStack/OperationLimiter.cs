namespace HpcMaint.Adapters.OpenStack;

/// <summary>Caps the OpenStack operations in flight in this process; callers over the cap wait in order.</summary>
internal sealed class OperationLimiter : IDisposable
{
    private readonly SemaphoreSlim slots;

    public OperationLimiter(int maxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        slots = new SemaphoreSlim(maxInFlight, maxInFlight);
    }

    /// <summary>Waits for a slot; dispose the lease to give it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        return new Lease(slots);
    }

    public void Dispose() => slots.Dispose();

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
