using HpcMaint.Adapters.Processes;

namespace HpcMaint.Integration.Tests.Executables;

/// <summary>
/// The shipped executables are Native AOT: they run on a machine without .NET. Each is run in a root
/// that holds nothing but it and the C libraries ldd lists for it (no .NET, no /proc, no /etc), with
/// no environment at all.
/// </summary>
public sealed class NativeExecutableSpecs : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hpcmaint-bare-root-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static async Task<CommandResult> RunAsync(Command command) => await new ProcessRunner(TimeProvider.System).RunAsync(command);

    [Fact]
    public async Task Each_runs_in_a_root_with_only_itself_and_its_C_libraries()
    {
        foreach (var executable in new[] { Executables.Hpcmaint, Executables.Health, Executables.Reboot })
        {
            var ldd = await RunAsync(Command.For("/usr/bin/ldd").WithArguments([executable]));
            Assert.True(ldd.IsSuccess, ldd.StandardOutput + ldd.StandardError);
            var libraries = ldd.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(word => word.StartsWith('/')))
                .OfType<string>()
                .ToList();
            Assert.Equal(["ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6"], libraries.Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var library in libraries)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(root + library)!);
                File.Copy(library, root + library, overwrite: true);
            }

            File.Copy(executable, Path.Combine(root, Path.GetFileName(executable)), overwrite: true);
        }

        Assert.DoesNotContain(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories), f => f.Contains("dotnet", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".dll", StringComparison.Ordinal));

        var version = await InRootAsync("/hpcmaint", "--version");
        var expand = await InRootAsync("/hpcmaint", "hostlist", "expand", "gpu[001-003],cpu7");
        var health = await InRootAsync("/hpcmaint-health", "--version");
        var reboot = await InRootAsync("/hpcmaint-reboot", "--version");

        Assert.True(version.IsSuccess, version.StandardError);
        Assert.StartsWith(File.ReadAllText(Path.Combine(Executables.RepositoryRoot, "packaging", "VERSION")).Trim(), version.StandardOutput, StringComparison.Ordinal);
        Assert.True(expand.IsSuccess, expand.StandardError);
        Assert.Equal("gpu001\ngpu002\ngpu003\ncpu7\n", expand.StandardOutput);
        Assert.True(health.IsSuccess, health.StandardError);
        Assert.True(reboot.IsSuccess, reboot.StandardError);
    }

    private Task<CommandResult> InRootAsync(string program, params string[] arguments) =>
        RunAsync(Command.For("/usr/sbin/chroot").WithArguments([root, program, .. arguments]).WithCleanEnvironment());
}
