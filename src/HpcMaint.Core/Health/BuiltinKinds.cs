using HpcMaint.Core.Health.Checks;
using HpcMaint.Core.Health.Checks.Gpu;

namespace HpcMaint.Core.Health;

/// <summary>The check families shipped with hpcmaint.</summary>
internal static class BuiltinKinds
{
    public static IReadOnlyList<CheckKind> All { get; } = [.. SystemCheckKinds.All, .. GpuCheckKinds.All];
}
