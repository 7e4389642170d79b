using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health;

/// <summary>
/// A kind of check a config line can ask for (<c>check = "fs.mount"</c>). <see cref="Create"/> reads
/// only the kind's own keys from the section; the common keys (hosts, timeout, priority, strikes,
/// ladder…) and the unknown-key report are handled by the caller.
/// </summary>
public sealed record CheckKind(string Id, string Summary, Func<ConfigSection, IHealthCheck> Create);
