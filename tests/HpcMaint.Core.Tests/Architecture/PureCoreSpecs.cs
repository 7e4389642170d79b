using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Core.Tests.Architecture;

/// <summary>
/// The core decides; it does not read files, run processes, use the network or know the adapters.
/// Checked on the compiled assembly's metadata: every type its code uses is listed there.
/// </summary>
public sealed class PureCoreSpecs
{
    private static readonly string[] ForbiddenNamespaces = ["System.Diagnostics.Process", "System.Net", "HpcMaint.Adapters", "Microsoft.Extensions"];

    private static readonly string[] ForbiddenTypes =
    [
        "System.IO.File", "System.IO.FileInfo", "System.IO.FileStream", "System.IO.Directory", "System.IO.DirectoryInfo",
        "System.Console", "System.Environment", "System.Diagnostics.Process", "System.Net.Http.HttpClient",
    ];

    [Fact]
    public void The_core_uses_no_file_process_console_network_or_adapter_type()
    {
        using var stream = File.OpenRead(typeof(Node).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();

        var used = metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(t => metadata.GetString(t.Namespace) + "." + metadata.GetString(t.Name))
            .ToArray();

        Assert.Contains("System.String", used); // the check reads real references
        Assert.DoesNotContain(used, t => ForbiddenTypes.Contains(t) || ForbiddenNamespaces.Any(n => t.StartsWith(n + ".", StringComparison.Ordinal)));
    }
}
