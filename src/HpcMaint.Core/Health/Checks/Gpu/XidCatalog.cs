using System.Collections.Frozen;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>
/// NVIDIA Xid codes and what they ask of the operator, from NVIDIA's public Xid catalogue (the
/// "Resolution Bucket (Immediate Action)" of https://docs.nvidia.com/deploy/xid-errors/ and the older
/// Xid error listing): RESTART_APP and IGNORE → <see cref="XidClass.Application"/>; RESET_GPU, RESTART_BM,
/// RESTART_VM, the ECC/NVLink workflows → <see cref="XidClass.Reset"/>; CONTACT_SUPPORT and CHECK_MECHANICALS
/// for a described event → <see cref="XidClass.Hardware"/>. Deliberate departures are commented.
/// Codes not listed (unused on current GPUs, or newer than this table) count as <see cref="XidClass.Reset"/>.
/// </summary>
public static class XidCatalog
{
    private static readonly FrozenDictionary<int, (XidClass Class, string Name)> Entries = Build();

    public static XidClass Classify(int xid) => Entries.TryGetValue(xid, out var e) ? e.Class : XidClass.Reset;

    /// <summary>
    /// Xids after which the GPU is unusable for every job (fallen off the bus, double bit or uncontained ECC
    /// error), and all hardware-class ones: hpcmaint acts at once instead of waiting for the strike count.
    /// </summary>
    public static bool IsFatal(int xid) => xid is 48 or 79 or 95 or 140 || Classify(xid) == XidClass.Hardware;

    /// <summary>A short name for a drain reason ("fallen off the bus"), or "unknown".</summary>
    public static string Name(int xid) => Entries.TryGetValue(xid, out var e) ? e.Name : "unknown";

    /// <summary>Every code the table names.</summary>
    public static IEnumerable<int> Known => Entries.Keys;

    private static FrozenDictionary<int, (XidClass, string)> Build()
    {
        const XidClass App = XidClass.Application;
        const XidClass Reset = XidClass.Reset;
        const XidClass Hw = XidClass.Hardware;
        var table = new Dictionary<int, (XidClass, string)>
        {
            [8] = (App, "GPU stopped processing"),
            [11] = (App, "invalid push buffer stream"),
            [13] = (App, "graphics engine exception"),
            [14] = (App, "unused"),
            [25] = (App, "illegal push buffer stream"),
            [31] = (App, "GPU memory page fault"),
            [32] = (App, "corrupted push buffer stream"),
            [37] = (App, "driver firmware error"),
            [38] = (App, "driver firmware error"),
            [39] = (App, "copy engine exception"),
            [40] = (App, "copy engine exception"),
            [41] = (App, "copy engine exception"),
            [43] = (App, "GPU stopped processing"),
            [44] = (App, "graphics fault in context switch"),
            // Preemptive cleanup after another error: that other Xid carries the action.
            [45] = (App, "preemptive cleanup"),
            [46] = (Reset, "GPU stopped processing"),
            [48] = (Reset, "double bit ECC error"),
            [54] = (Hw, "auxiliary power not connected"),
            [56] = (Reset, "display engine error"),
            [57] = (Hw, "video memory interface error"),
            [58] = (Hw, "unstable video memory interface"),
            [60] = (App, "video processor exception"),
            [62] = (Reset, "micro-controller halt"),
            // NVIDIA says IGNORE, but the remap it records is only active after a GPU reset.
            [63] = (Reset, "row remapping pending"),
            // NVIDIA: RESET_GPU, then CONTACT_SUPPORT; a failed remap means the memory is out of spare rows.
            [64] = (Hw, "row remapping failure"),
            [65] = (Reset, "video processor exception"),
            [66] = (App, "illegal access by driver"),
            [67] = (App, "illegal access by driver"),
            [68] = (App, "NVDEC0 exception"),
            [69] = (App, "graphics engine class error"),
            [70] = (App, "CE3 error"),
            [71] = (App, "CE4 error"),
            [72] = (App, "CE5 error"),
            [74] = (Reset, "NVLink error"),
            [75] = (App, "CE6 error"),
            [76] = (App, "CE7 error"),
            [77] = (App, "CE8 error"),
            [78] = (Reset, "vGPU start error"),
            [79] = (Reset, "fallen off the bus"),
            [80] = (App, "corrupted data sent to GPU"),
            [81] = (Reset, "VGA subsystem error"),
            [82] = (App, "NVJPG0 error"),
            [83] = (App, "NVDEC1 error"),
            [84] = (App, "NVDEC2 error"),
            [85] = (App, "CE9 error"),
            [86] = (App, "OFA exception"),
            [88] = (App, "NVDEC3 error"),
            [89] = (App, "NVDEC4 error"),
            [92] = (App, "high single-bit ECC rate"),
            [93] = (App, "InfoROM wear limit"),
            [94] = (App, "contained memory error"),
            [95] = (Reset, "uncontained memory error"),
            [96] = (App, "NVDEC5 error"),
            [97] = (App, "NVDEC6 error"),
            [98] = (App, "NVDEC7 error"),
            [99] = (App, "NVJPG1 error"),
            [100] = (App, "NVJPG2 error"),
            [101] = (App, "NVJPG3 error"),
            [102] = (App, "NVJPG4 error"),
            [103] = (App, "NVJPG5 error"),
            [104] = (App, "NVJPG6 error"),
            [105] = (App, "NVJPG7 error"),
            [106] = (App, "SMBPBI test message"),
            [107] = (App, "SMBPBI test message"),
            [108] = (App, "unused"),
            [109] = (Reset, "context switch timeout"),
            [110] = (Reset, "security fault"),
            [119] = (Reset, "GSP RPC timeout"),
            [120] = (Reset, "GSP error"),
            [121] = (App, "C2C error"),
            [126] = (App, "CE10 error"),
            [127] = (App, "CE11 error"),
            [128] = (App, "CE12 error"),
            [129] = (App, "CE13 error"),
            [130] = (App, "CE14 error"),
            [131] = (App, "CE15 error"),
            [132] = (App, "CE16 error"),
            [133] = (App, "CE17 error"),
            [134] = (App, "CE18 error"),
            [135] = (App, "CE19 error"),
            [136] = (Reset, "link training failed"),
            [137] = (App, "NVLink privilege error"),
            [139] = (App, "OFA1 error"),
            [140] = (Reset, "ECC unrecovered error"),
            [141] = (App, "CUDA fast path error"),
            [142] = (Hw, "NVENC3 error"),
            [143] = (Reset, "GPU initialization error"),
            [144] = (Reset, "NVLink SAW error"),
            [145] = (Reset, "NVLink RLW error"),
            [146] = (Reset, "NVLink TLW error"),
            [147] = (Reset, "NVLink TREX error"),
            [148] = (Reset, "NVLink NVLPW_CTRL error"),
            [149] = (Reset, "NVLink NETIR error"),
            [150] = (Reset, "NVLink MSE error"),
            [151] = (Reset, "key rotation error"),
            [152] = (App, "DLA SMMU error"),
            [153] = (App, "DLA timeout"),
            // Says which recovery another Xid needs (reset, reboot, drain); treated as asking for a reset.
            [154] = (Reset, "recovery action changed"),
            [155] = (Reset, "NVLink SW defined error"),
            [156] = (Reset, "resource retirement event"),
            // NVIDIA: IGNORE then CONTACT_SUPPORT; like Xid 64, a retirement that failed is a hardware matter.
            [157] = (Hw, "resource retirement failure"),
            [158] = (Reset, "GPU fatal timeout"),
            [159] = (App, "CHI non-data error"),
            [160] = (App, "channel retirement event"),
            [161] = (App, "channel retirement failure"),
            // 162–172 have no bucket in the catalogue yet; read from their descriptions.
            [162] = (App, "power smoothing re-engaged"),
            [163] = (App, "power smoothing disengaged"),
            [164] = (App, "power smoothing low lifetime"),
            [165] = (Hw, "power smoothing lifetime exhausted"),
            [166] = (Reset, "NVLink encryption not set up"),
            [167] = (Reset, "PCIe fatal timeout"),
            [168] = (Hw, "reduced GPU memory capacity"),
            [169] = (Reset, "SEC2 micro-controller halt"),
            [170] = (App, "interrupt in CC mode"),
            [171] = (Reset, "uncorrectable DRAM error"),
            [172] = (Reset, "uncorrectable SRAM error"),
        };
        return table.ToFrozenDictionary();
    }
}
