using HpcMaint.Adapters.Processes;

namespace HpcMaint.Adapters.Tests.Processes;

public sealed class CommandSpecs
{
    [Fact]
    public void A_new_command_has_a_30_second_timeout_and_a_2_second_grace_period()
    {
        // Act
        var command = Command.For("scontrol");

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(30), command.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2), command.GracePeriod);
        Assert.Empty(command.Arguments);
        Assert.Empty(command.Environment);
        Assert.Equal(EnvironmentBase.Minimal, command.EnvironmentBase);
        Assert.Null(command.WorkingDirectory);
        Assert.Null(command.StandardInput);
    }

    [Fact]
    public void Configuring_a_command_returns_a_new_one_and_leaves_the_original_alone()
    {
        // Arrange
        var original = Command.For("scontrol").WithArguments(["show", "node"]);

        // Act
        var changed = original
            .WithArguments(["reboot", "n1"])
            .WithEnvironment(new Dictionary<string, string?> { ["SLURM_CONF"] = "/etc/slurm/slurm.conf" })
            .WithCleanEnvironment(true)
            .WithWorkingDirectory("/var/tmp")
            .WithStandardInput("yes\n")
            .WithTimeout(TimeSpan.FromSeconds(5))
            .WithGracePeriod(TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(["show", "node"], original.Arguments);
        Assert.Empty(original.Environment);
        Assert.Equal(EnvironmentBase.Minimal, original.EnvironmentBase);
        Assert.Null(original.WorkingDirectory);
        Assert.Null(original.StandardInput);
        Assert.Equal(TimeSpan.FromSeconds(30), original.Timeout);
        Assert.Equal(["reboot", "n1"], changed.Arguments);
        Assert.Equal("/etc/slurm/slurm.conf", changed.Environment["SLURM_CONF"]);
        Assert.Equal(EnvironmentBase.Empty, changed.EnvironmentBase);
        Assert.Equal("/var/tmp", changed.WorkingDirectory);
        Assert.Equal("yes\n", changed.StandardInput);
        Assert.Equal(TimeSpan.FromSeconds(5), changed.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(1), changed.GracePeriod);
    }

    [Fact]
    public void Changing_the_list_a_command_was_built_from_does_not_change_the_command()
    {
        // Arrange
        var arguments = new List<string> { "show", "node" };
        var environment = new Dictionary<string, string?> { ["A"] = "1" };
        var command = Command.For("scontrol").WithArguments(arguments).WithEnvironment(environment);

        // Act
        arguments.Add("n1");
        environment["A"] = "2";

        // Assert
        Assert.Equal(["show", "node"], command.Arguments);
        Assert.Equal("1", command.Environment["A"]);
    }

    [Fact]
    public void ToString_shell_quotes_only_the_arguments_that_need_it()
    {
        // Arrange
        var command = Command.For("scontrol").WithArguments(
            ["update", "NodeName=n[1-3]", "Reason=hpcmaint: gpu down", "", "it's", "State=DRAIN"]);

        // Act
        var rendered = command.ToString();

        // Assert
        Assert.Equal(
            @"scontrol update 'NodeName=n[1-3]' 'Reason=hpcmaint: gpu down' '' 'it'\''s' State=DRAIN", rendered);
    }

    [Fact]
    public void Nonsense_settings_are_rejected_when_the_command_is_built()
    {
        var command = Command.For("true");

        Assert.Throws<ArgumentException>(() => Command.For(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => command.WithTimeout(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => command.WithTimeout(TimeSpan.FromSeconds(-5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => command.WithGracePeriod(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentException>(() => command.WithArguments(["a\0b"]));
        Assert.Throws<ArgumentException>(() => command.WithEnvironment(new Dictionary<string, string?> { ["A=B"] = "1" }));
        Assert.Equal(Timeout.InfiniteTimeSpan, command.WithTimeout(Timeout.InfiniteTimeSpan).Timeout);
    }
}
