namespace HpcMaint.Core.Health.Checks.Hw;

/// <summary>How many sockets, physical cores (in all) and hardware threads the kernel sees online.</summary>
internal sealed record CpuTopology(int Sockets, int Cores, int Threads);
