using HpcMaint.Adapters.Hosting;

namespace HpcMaint.Adapters.Tests.Hosting;

/// <summary>The hooks take only the options and arguments their usage documents; nothing else becomes a node name.</summary>
public sealed class HookArgumentsSpecs
{
    private static readonly HookSyntax Reboot = new(["--dry-run"], ["NODES", "FEATURES"]);
    private static readonly HookSyntax Health = new(["--once", "--dry-run", "--json"], []);

    [Fact]
    public void Slurmctld_passes_a_node_list_and_features()
    {
        var args = HookArguments.Parse(["n[1-3]", "img_b"], Reboot);

        Assert.Null(args.Error);
        Assert.Equal(new[] { "n[1-3]", "img_b" }, args.Positionals);
    }

    [Fact]
    public void Documented_options_go_anywhere()
    {
        var args = HookArguments.Parse(["n1", "--dry-run", "--config", "/etc/x.toml"], Reboot);

        Assert.Null(args.Error);
        Assert.True(args.DryRun);
        Assert.Equal("/etc/x.toml", args.ConfigPath);
        Assert.Equal(new[] { "n1" }, args.Positionals);
    }

    [Theory]
    [InlineData("-v")]
    [InlineData("-n")]
    [InlineData("--verbose")]
    [InlineData("--json")]
    [InlineData("--once")]
    public void An_option_the_reboot_hook_does_not_document_is_refused_not_taken_for_a_node(string option)
    {
        var args = HookArguments.Parse([option, "n1"], Reboot);

        Assert.Equal($"unknown option '{option}'; see --help", args.Error);
        Assert.Empty(args.Positionals);
    }

    [Fact]
    public void More_arguments_than_nodes_and_features_are_refused()
    {
        var args = HookArguments.Parse(["n1", "img", "extra"], Reboot);

        Assert.Equal("unexpected argument 'extra' after NODES FEATURES; see --help", args.Error);
    }

    [Fact]
    public void The_health_check_takes_no_arguments_at_all()
    {
        Assert.Equal("unexpected argument 'n1': it takes no arguments (Slurm passes none); see --help", HookArguments.Parse(["n1"], Health).Error);
        Assert.Equal("unknown option '-v'; see --help", HookArguments.Parse(["-v"], Health).Error);
        Assert.True(HookArguments.Parse(["--once", "--json", "--dry-run"], Health) is { Error: null, Once: true, Json: true, DryRun: true });
    }

    [Fact]
    public void Help_version_and_a_config_path_are_every_hooks()
    {
        Assert.True(HookArguments.Parse(["-h"], Health).Help);
        Assert.True(HookArguments.Parse(["--version"], Reboot).Version);
        Assert.Equal("--config needs a file path", HookArguments.Parse(["--config"], Reboot).Error);
    }
}
