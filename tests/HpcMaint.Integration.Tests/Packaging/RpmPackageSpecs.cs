namespace HpcMaint.Integration.Tests.Packaging;

/// <summary>
/// hpcmaint-&lt;version&gt;-1.x86_64.rpm installed with rpm into a scratch root (--nodeps: the root holds
/// no glibc; --noscripts: nor a shell for its %post), where it must hold what the .deb holds.
/// </summary>
public sealed class RpmPackageSpecs : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hpcmaint-rpm-root-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private Task<HpcMaint.Adapters.Processes.CommandResult> RpmAsync(params string[] arguments) =>
        Host.SucceedAsync("/usr/bin/rpm", ["--root", root, .. arguments]);

    [Fact]
    public async Task It_installs_the_files_of_the_deb_root_owned_with_the_config_kept_on_upgrade()
    {
        var rpm = Packages.Rpm;
        await RpmAsync("--initdb");

        await RpmAsync("--install", "--nodeps", "--noscripts", rpm);

        // The .deb's changelog.gz is Debian's; the rpm's changelog is in its header.
        var debFiles = (await Packages.DebFilesAsync()).Where(f => !f.EndsWith("/changelog.gz", StringComparison.Ordinal));
        var listed = (await RpmAsync("--query", "--list", "--noghost", "hpcmaint")).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var files = listed.Where(p => File.Exists(root + p)).ToList();
        Assert.Equal(debFiles.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
        Assert.Equal(["/etc/hpcmaint", "/usr/share/doc/hpcmaint"], listed.Where(p => Directory.Exists(root + p)).Order(StringComparer.Ordinal));
        foreach (var name in Executables.Executables.Names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(Executables.Executables.Hpcmaint)!, name)), File.ReadAllBytes(root + "/usr/sbin/" + name));
        }

        var owners = await Host.OwnershipAsync(files.Select(f => root + f));
        foreach (var (path, ownership) in owners)
        {
            var expected = path.StartsWith(root + "/usr/sbin/", StringComparison.Ordinal) ? "root:root 755" : "root:root 644";
            Assert.True(expected == ownership, $"{path}: {ownership}, expected {expected}");
        }

        // The state directories are systemd-tmpfiles' (%ghost): listed, made by its %post, never reset by an upgrade.
        var ghosts = (await RpmAsync("--query", "--queryformat", "[%{FILENAMES} %{FILEFLAGS:fflags} %{FILEMODES:perms} %{FILEUSERNAME}:%{FILEGROUPNAME}\n]", "hpcmaint")).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Split(' ')[1].Contains('g', StringComparison.Ordinal));
        Assert.Equal(Packages.StateDirectories.Select(d => $"{d} g drwxr-x--- root:root"), ghosts.Order(StringComparer.Ordinal));
        var config = await RpmAsync("--query", "--configfiles", "hpcmaint");
        Assert.Equal(["/etc/hpcmaint/hpcmaint.toml", "/etc/logrotate.d/hpcmaint"], config.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

        var edited = File.ReadAllText(root + "/etc/hpcmaint/hpcmaint.toml") + "\n# edited by the site\n";
        File.WriteAllText(root + "/etc/hpcmaint/hpcmaint.toml", edited);
        await RpmAsync("--upgrade", "--replacepkgs", "--nodeps", "--noscripts", rpm);
        Assert.Equal(edited, File.ReadAllText(root + "/etc/hpcmaint/hpcmaint.toml"));
    }
}
