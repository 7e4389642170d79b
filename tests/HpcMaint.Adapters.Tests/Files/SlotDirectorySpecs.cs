using System.Diagnostics;
using HpcMaint.Adapters.Files;

namespace HpcMaint.Adapters.Tests.Files;

public sealed class SlotDirectorySpecs : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-slots-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task A_slot_held_by_another_process_is_waited_for_until_that_process_lets_go()
    {
        var slots = SlotDirectory.Open(Path.Combine(dir, "slots"), 1, TimeProvider.System).Value;
        using var holder = Process.Start(new ProcessStartInfo("/usr/bin/flock", ["-x", Path.Combine(dir, "slots", "slot-000"), "sleep", "1.5"]))!;
        await WaitUntilLockedAsync(Path.Combine(dir, "slots", "slot-000"));
        var started = TimeProvider.System.GetTimestamp();

        using (await slots.EnterAsync(CancellationToken.None))
        {
            Assert.True(holder.HasExited, "the slot was entered while another process held it");
        }

        Assert.True(TimeProvider.System.GetElapsedTime(started) > TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Two_slots_are_held_at_once_and_a_third_caller_waits_for_one_to_be_given_back()
    {
        var slots = SlotDirectory.Open(dir, 2, TimeProvider.System).Value;
        var first = await slots!.EnterAsync(CancellationToken.None);
        using var second = await slots.EnterAsync(CancellationToken.None);

        var third = slots.EnterAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);
        Assert.False(third.IsCompleted);
        first.Dispose();

        using var entered = await third.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System);
        Assert.Equal(["slot-000", "slot-001"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_directory_that_cannot_be_made_is_a_problem_naming_it()
    {
        var file = Path.Combine(dir, "file");
        File.WriteAllText(file, string.Empty);

        var slots = SlotDirectory.Open(Path.Combine(file, "slots"), 3, TimeProvider.System);

        Assert.False(slots.IsSuccess);
        Assert.Contains(file, slots.Problem!.Words, StringComparison.Ordinal);
    }

    /// <summary>flock(1) has taken the lock once a non-blocking try from here fails.</summary>
    private static async Task WaitUntilLockedAsync(string file)
    {
        for (var i = 0; i < 100; i++)
        {
            using var probe = Process.Start(new ProcessStartInfo("/usr/bin/flock", ["-n", "-x", file, "true"]))!;
            await probe.WaitForExitAsync();
            if (probe.ExitCode != 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        Assert.Fail("flock never took " + file);
    }
}
