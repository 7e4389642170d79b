using System.Globalization;
using HpcMaint.Adapters.Processes;
using HpcMaint.Adapters.Tests.Processes.Support;

using HpcMaint.Adapters.Interop;

namespace HpcMaint.Adapters.Tests.Processes;

public sealed class SignalSpecs
{
    private const string NoSignals = "0000000000000000";

    private readonly ProcessRunner _runner = new(TimeProvider.System);

    [Fact(Timeout = 15000)]
    public async Task The_child_starts_with_no_blocked_and_no_ignored_signals_even_if_we_have_some()
    {
        // Arrange: .NET ignores SIGPIPE, and slurmctld may start us with SIGTERM and SIGCHLD blocked.
        Assert.NotEqual(NoSignals, StatusField("/proc/self/status", "SigIgn"));
        var command = Command.For("/bin/grep").WithArguments(["-E", "^Sig(Blk|Ign):", "/proc/self/status"]);

        // Act: the child is spawned on this thread before RunAsync first awaits.
        Task<CommandResult> running;
        using (SignalMask.Block(LibC.SIGTERM, LibC.SIGCHLD))
        {
            running = _runner.RunAsync(command);
        }

        var result = await running;

        // Assert
        Assert.Equal($"SigBlk:\t{NoSignals}\nSigIgn:\t{NoSignals}\n", SignalState.WithoutGlibcOwn(result.StandardOutput));
    }

    [Fact(Timeout = 15000)]
    public async Task The_child_leads_a_process_group_of_its_own()
    {
        // Arrange: field 5 of /proc/PID/stat is the process group.
        var command = Command.For("/bin/sh").WithArguments(["-c", "read -r _ _ _ _ group _ < /proc/$$/stat; echo $$ $group"]);
        var ours = ProcessTable.Read(Environment.ProcessId)!.ProcessGroup;

        // Act
        var result = await _runner.RunAsync(command);

        // Assert
        var ids = result.StandardOutput.Split(' ').Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ours, ids[1]);
    }

    private static string StatusField(string path, string name) =>
        File.ReadAllLines(path).Single(line => line.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 2)..];
}
