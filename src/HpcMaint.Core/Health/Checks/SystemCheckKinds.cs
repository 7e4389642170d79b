using HpcMaint.Core.Health.Checks.Cmd;
using HpcMaint.Core.Health.Checks.Fs;
using HpcMaint.Core.Health.Checks.Hw;
using HpcMaint.Core.Health.Checks.Ib;
using HpcMaint.Core.Health.Checks.Net;
using HpcMaint.Core.Health.Checks.Ps;

namespace HpcMaint.Core.Health.Checks;

/// <summary>The check kinds that need no GPU: hardware, filesystems, processes, network, InfiniBand and commands.</summary>
public static class SystemCheckKinds
{
    public static IReadOnlyList<CheckKind> All { get; } =
    [
        CpuCheck.Kind,
        MemoryCheck.Kind,
        MachineCheckCheck.Kind,
        MountCheck.Kind,
        SpaceCheck.Kind,
        FileCheck.Kind,
        RunningCheck.Kind,
        ForbiddenCheck.Kind,
        LinkCheck.Kind,
        ReachCheck.Kind,
        IbPortCheck.Kind,
        CommandCheck.Kind,
    ];
}
