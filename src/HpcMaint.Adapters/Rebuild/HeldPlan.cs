using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>A stored plan this process holds (its lock), as read under the lock; disposing lets it go.</summary>
public sealed record HeldPlan(RebuildPlan Plan, IDisposable Lock) : IDisposable
{
    public void Dispose() => Lock.Dispose();
}
