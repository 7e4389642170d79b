using HpcMaint.Core.Health;
using HpcMaint.Core.Health.Checks.Gpu;

namespace HpcMaint.Core.Tests.Health.Gpu;

/// <summary>Fixture access and a one-line way to configure and run a GPU check kind.</summary>
internal static class GpuSpecKit
{
    public static readonly string[] XmlArgv = ["/usr/bin/nvidia-smi", "-q", "-x"];
    public static readonly string[] NvLinkArgv = ["/usr/bin/nvidia-smi", "nvlink", "--status"];
    public static readonly string[] DmesgArgv = ["/usr/bin/dmesg"];

    public static string Fixture(string relative) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "gpu", relative));

    /// <summary>Every fixture file (not sidecars) in a sub-folder, relative to Fixtures/gpu.</summary>
    public static TheoryData<string> Fixtures(string folder, string extension)
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "gpu", folder), "*" + extension).Order(StringComparer.Ordinal))
        {
            data.Add(folder + "/" + Path.GetFileName(path));
        }

        return data;
    }

    public static IHealthCheck Create(string kind, string toml = "")
    {
        var config = new TestConfigSection(toml);
        var check = GpuCheckKinds.All.Single(k => k.Id == kind).Create(config.Section);
        config.Section.Done();
        Assert.Empty(config.Errors);
        return check;
    }

    public static Task<CheckVerdict> RunAsync(string kind, FakeHostProbe probe, string toml = "") =>
        Create(kind, toml).RunAsync(probe, CancellationToken.None);
}
