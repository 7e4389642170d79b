namespace HpcMaint.Integration.Tests.Packaging;

/// <summary>
/// hpcmaint_&lt;version&gt;_amd64.deb as a site installs it: lintian's verdict, then dpkg -i on this
/// machine, the programs run from /usr/sbin as Slurm starts them (no environment at all), and a purge
/// that leaves nothing in /etc, /usr or /var.
/// </summary>
[Collection(MachinePackages.Name)]
public sealed class DebPackageSpecs
{
    [Fact]
    public async Task Lintian_reports_no_errors()
    {
        var result = await Host.RunAsync("/usr/bin/lintian", "--fail-on", "error", "--tag-display-limit", "0", Packages.Deb);

        Assert.True(result.IsSuccess, Host.Show(result));
        Assert.DoesNotContain(result.StandardOutput.Split('\n'), line => line.StartsWith("E:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Installed_it_holds_root_owned_programs_config_and_state_that_run_from_usr_sbin_and_a_purge_leaves_nothing()
    {
        await using var deb = await InstalledDeb.InstallAsync();

        var owners = await Host.OwnershipAsync(deb.Footprint);
        foreach (var (path, ownership) in owners)
        {
            var expected = path switch
            {
                _ when path.StartsWith("/usr/sbin/", StringComparison.Ordinal) => "root:root 755",
                _ when Packages.StateDirectories.Contains(path) => "root:root 750",
                _ when Directory.Exists(path) => "root:root 755",
                _ => "root:root 644",
            };
            Assert.True(expected == ownership, $"{path}: {ownership}, expected {expected}");
        }

        Assert.Equal(Packages.Programs.Order(StringComparer.Ordinal), deb.Files.Where(f => f.StartsWith("/usr/sbin/", StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in Executables.Executables.Names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(Executables.Executables.Hpcmaint)!, name)), File.ReadAllBytes("/usr/sbin/" + name));
        }

        // The service's unit ships, as written in packaging/systemd (not enabled: a site turns the service on).
        var unit = File.ReadAllText("/usr/lib/systemd/system/hpcmaint.service");
        Assert.Equal(File.ReadAllText(Path.Combine(Executables.Executables.RepositoryRoot, "packaging", "systemd", "hpcmaint.service")), unit);
        Assert.Contains("ExecStart=/usr/sbin/hpcmaint service", unit, StringComparison.Ordinal);

        var conffiles = await Host.SucceedAsync("/usr/bin/dpkg-query", "--show", "--showformat=${Conffiles}", "hpcmaint");
        Assert.Equal(["/etc/hpcmaint/hpcmaint.toml", "/etc/logrotate.d/hpcmaint"], conffiles.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Split(' ')[0]).Order(StringComparer.Ordinal));

        // As slurmd and slurmctld run them: no PATH, no DOTNET_ROOT, nothing; the config is /etc/hpcmaint/hpcmaint.toml.
        var version = await Host.RunBareAsync("/usr/sbin/hpcmaint", "--version");
        Assert.True(version.IsSuccess && version.StandardOutput.StartsWith(Packages.Version, StringComparison.Ordinal), Host.Show(version));
        var check = await Host.RunBareAsync("/usr/sbin/hpcmaint", "config", "check");
        Assert.True(check.IsSuccess && check.StandardOutput.Contains("from /etc/hpcmaint/hpcmaint.toml", StringComparison.Ordinal), Host.Show(check));
        var health = await Host.RunBareAsync("/usr/sbin/hpcmaint-health", "--once", "--dry-run");
        Assert.True(health.IsSuccess, Host.Show(health));
        var reboot = await Host.RunBareAsync("/usr/sbin/hpcmaint-reboot", "--dry-run", "n1");
        Assert.True(reboot.IsSuccess && reboot.StandardOutput.Contains("/usr/sbin/reboot", StringComparison.Ordinal), Host.Show(reboot));
        var prolog = await Host.RunBareAsync("/usr/sbin/hpcmaint-prolog-slurmctld");
        Assert.True(prolog.IsSuccess, Host.Show(prolog));
        // hpcmaint-health journalled its run in the package's log directory, and hpcmaint reads it back.
        var audit = await Host.RunBareAsync("/usr/sbin/hpcmaint", "audit", "--json");
        Assert.True(audit.IsSuccess, Host.Show(audit));
        using (var records = System.Text.Json.JsonDocument.Parse(audit.StandardOutput))
        {
            Assert.Contains(records.RootElement.EnumerateArray(), r => r.GetProperty("actor").GetString() == "hpcmaint-health");
        }


        // The config is the site's once edited: a reinstall keeps it.
        var edited = File.ReadAllText("/etc/hpcmaint/hpcmaint.toml") + "\n# edited by the site\n";
        File.WriteAllText("/etc/hpcmaint/hpcmaint.toml", edited);
        var again = await InstalledDeb.ReinstallAsync();
        Assert.True(again.IsSuccess, Host.Show(again));
        Assert.Equal(edited, File.ReadAllText("/etc/hpcmaint/hpcmaint.toml"));

        var purge = await InstalledDeb.PurgeAsync();
        Assert.True(purge.IsSuccess, Host.Show(purge));
        Assert.DoesNotContain(deb.Footprint, Path.Exists);
        Assert.False(await InstalledDeb.IsKnownToDpkgAsync(), "dpkg still knows hpcmaint after the purge");
    }
}
