using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Tests.Processes.Support;

namespace HpcMaint.Adapters.Tests.Processes;

public sealed class EnvironmentSpecs
{
    private readonly ProcessRunner _runner = new(TimeProvider.System);

    [Fact(Timeout = 15000)]
    public async Task A_clean_environment_really_is_empty()
    {
        // Act
        var result = await _runner.RunAsync(Command.For("/usr/bin/env").WithCleanEnvironment(true));

        // Assert
        Assert.True(result.IsSuccess);
        Assert.Equal(string.Empty, result.StandardOutput);
    }

    [Fact(Timeout = 15000)]
    public async Task A_clean_environment_holds_only_the_variables_given()
    {
        // Arrange
        var command = Command.For("/usr/bin/env")
            .WithCleanEnvironment(true)
            .WithEnvironment(new Dictionary<string, string?> { ["SLURM_CONF"] = "/etc/slurm/slurm.conf", ["GONE"] = null });

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.Equal("SLURM_CONF=/etc/slurm/slurm.conf\n", result.StandardOutput);
    }

    [Fact(Timeout = 15000)]
    public async Task By_default_the_child_gets_a_fixed_PATH_hpcmaint_s_own_variables_and_the_variables_given_and_nothing_else_of_ours()
    {
        // Arrange: a variable of ours stands for whatever an admin's shell holds (LD_PRELOAD, PYTHONPATH, PATH).
        Assert.False(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PATH")), "precondition: the test process has a PATH");
        Environment.SetEnvironmentVariable("SITE_SHELL_OF_OURS", "/tmp/evil.so");
        Environment.SetEnvironmentVariable("HPCMAINT_OF_OURS", "travels");
        try
        {
            var command = Command.For("/usr/bin/env")
                .WithEnvironment(new Dictionary<string, string?> { ["HPCMAINT_TEST"] = "a value with spaces" });

            // Act
            var result = await _runner.RunAsync(command);

            // Assert
            var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(["PATH=/usr/sbin:/usr/bin:/sbin:/bin"], lines.Where(l => !l.StartsWith("HPCMAINT_", StringComparison.Ordinal)));
            Assert.Contains("HPCMAINT_OF_OURS=travels", lines);
            Assert.Contains("HPCMAINT_TEST=a value with spaces", lines);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SITE_SHELL_OF_OURS", null);
            Environment.SetEnvironmentVariable("HPCMAINT_OF_OURS", null);
        }
    }

    [Fact(Timeout = 15000)]
    public async Task An_inherited_environment_is_ours_plus_the_variables_given()
    {
        // Arrange
        var path = Environment.GetEnvironmentVariable("PATH");
        var command = Command.For("/usr/bin/env").WithInheritedEnvironment()
            .WithEnvironment(new Dictionary<string, string?> { ["HPCMAINT_TEST"] = "a value with spaces" });

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        var lines = result.StandardOutput.Split('\n');
        Assert.Contains($"PATH={path}", lines);
        Assert.Contains("HPCMAINT_TEST=a value with spaces", lines);
    }

    [Fact(Timeout = 15000)]
    public async Task A_variable_set_to_null_is_removed_from_the_inherited_environment()
    {
        // Arrange
        var command = Command.For("/usr/bin/env").WithInheritedEnvironment().WithEnvironment(new Dictionary<string, string?> { ["PATH"] = null });

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.True(result.IsSuccess);
        Assert.DoesNotContain(result.StandardOutput.Split('\n'), line => line.StartsWith("PATH=", StringComparison.Ordinal));
    }

    [Fact(Timeout = 15000)]
    public async Task A_bare_program_name_is_looked_up_in_the_PATH_the_child_will_get()
    {
        // Arrange
        using var directory = new TestDirectory();
        directory.Script("hpcmaint-hello", "echo hello from PATH");
        var command = Command.For("hpcmaint-hello")
            .WithEnvironment(new Dictionary<string, string?> { ["PATH"] = "relative/dir::" + directory.Path });

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.True(result.IsSuccess, result.StandardError);
        Assert.Equal("hello from PATH\n", result.StandardOutput);
    }

    [Fact(Timeout = 15000)]
    public async Task Without_a_PATH_programs_are_found_in_the_system_directories()
    {
        // Arrange: slurmd starts health checks with no PATH at all.
        var command = Command.For("env").WithCleanEnvironment(true);

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        Assert.True(result.IsSuccess, result.StandardError);
        Assert.Equal(string.Empty, result.StandardOutput);
    }
}
