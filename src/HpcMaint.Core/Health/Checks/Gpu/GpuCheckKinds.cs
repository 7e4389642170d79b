using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>The GPU check kinds a config line can name: gpu.nvidia, gpu.nvidia.query, gpu.xid, gpu.amd, dcgm.</summary>
public static class GpuCheckKinds
{
    private static readonly string[] NvidiaSmiXml = ["/usr/bin/nvidia-smi", "-q", "-x"];
    private static readonly string[] NvidiaSmiQuery = ["/usr/bin/nvidia-smi", "--query-gpu=" + Gpu.NvidiaSmiCsv.DefaultFields, "--format=csv"];
    private static readonly string[] Dmesg = ["/usr/bin/dmesg"];
    private static readonly string[] RocmSmi = ["/opt/rocm/bin/rocm-smi", "--showtemp", "--showuse", "--showmeminfo", "vram", "--showbus", "--json"];
    private static readonly string[] RocmInfo = ["/opt/rocm/bin/rocminfo"];

    public static IReadOnlyList<CheckKind> All { get; } =
    [
        new("gpu.nvidia", "NVIDIA GPUs from nvidia-smi -q -x: count, lost, ECC, remapped rows, throttling, temperature, persistence, NVLink",
            section => Nvidia(section, "gpu.nvidia", NvidiaSmiXml, Gpu.NvidiaSmiXml.Parse)),
        new("gpu.nvidia.query", "The gpu.nvidia conditions from nvidia-smi --query-gpu … --format=csv",
            section => Nvidia(section, "gpu.nvidia.query", NvidiaSmiQuery, Gpu.NvidiaSmiCsv.Parse)),
        new("gpu.xid", "NVIDIA Xid events in the kernel log that need a GPU reset or a person",
            section => new XidCheck(
                section.Argv("kernel_log", Dmesg, CheckSettings.Argv),
                section.Duration("window", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromDays(365)))),
        new("gpu.amd", "AMD GPUs from rocm-smi --json (count, temperature, VRAM, RAS) and rocminfo's GPU agents",
            section => new AmdGpuCheck(
                section.Argv("rocm_smi", RocmSmi, CheckSettings.Argv),
                section.Argv("rocminfo", RocmInfo, argv => argv.Count == 0 ? null : CheckSettings.Argv(argv)),
                AmdExpectations.Read(section))),
        new("dcgm", "NVIDIA DCGM diagnostics: dcgmi diag -r N -j",
            section => new DcgmCheck(
                section.PathFor("dcgmi", "/usr/bin/dcgmi", Trust.PathUse.Program),
                DcgmLevel(section),
                section.Bool("warn_fails", false))),
    ];

    // dcgmi diag -r 2 and above run for minutes; a health run ends within its budget (at most 55 s),
    // so those levels could only ever time out and drain the node.
    private static int DcgmLevel(ConfigSection section)
    {
        var level = section.Int("level", 1, 1, 4);
        if (level > 1)
        {
            section.Fail("level", $"level {level} diagnostics take minutes, longer than a health run may last (budget at most 55 s); write level = 1 and run deeper dcgmi diagnostics outside hpcmaint-health");
        }

        return 1;
    }

    private static NvidiaCheck Nvidia(ConfigSection section, string id, string[] defaultArgv, Func<string, Parsed<NvidiaReport>> parse)
    {
        var argv = section.Argv("nvidia_smi", defaultArgv, CheckSettings.Argv);
        return new NvidiaCheck(id, argv, parse, NvidiaExpectations.Read(section), NvLinkExpectations.Read(section));
    }
}
