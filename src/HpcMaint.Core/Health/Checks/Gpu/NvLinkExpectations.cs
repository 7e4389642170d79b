using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>What a site expects of its GPUs' NVLinks (keys of gpu.nvidia and gpu.nvidia.query).</summary>
/// <param name="Argv">How to ask: <c>nvidia-smi nvlink --status</c>.</param>
/// <param name="Links">Active links every GPU must have (an H100 SXM 18, an A100 SXM 12); null: every listed link active.</param>
/// <param name="CheckMig">Hold MIG-mode GPUs to the link expectations too; by default they are left out, since nvidia-smi does not report NVLink in MIG mode.</param>
internal sealed record NvLinkExpectations(IReadOnlyList<string> Argv, int? Links, bool CheckMig)
{
    private static readonly string[] DefaultArgv = ["/usr/bin/nvidia-smi", "nvlink", "--status"];

    /// <summary>The expectations, or null when the section does not ask for NVLink (nvlink = false).</summary>
    public static NvLinkExpectations? Read(ConfigSection section)
    {
        var wanted = section.Bool("nvlink", false);
        var argv = section.Argv("nvlink_status", DefaultArgv, CheckSettings.Argv);
        var links = section.OptionalInt("nvlink_links", 1, 64);
        var onMig = section.String("nvlink_on_mig", "skip", MigChoice);
        if (!wanted && links is not null)
        {
            section.Fail("nvlink_links", "links are only counted with nvlink = true; add nvlink = true or remove nvlink_links");
        }

        return wanted ? new NvLinkExpectations(argv, links, onMig == "check") : null;
    }

    private static string? MigChoice(string value) =>
        value is "skip" or "check"
            ? null
            : $"\"{value}\" is not a choice; write nvlink_on_mig = \"skip\" (MIG GPUs report no NVLink, leave them out) or \"check\"";
}
