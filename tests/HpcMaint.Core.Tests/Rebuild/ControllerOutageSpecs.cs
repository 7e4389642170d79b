using HpcMaint.Core.Rebuild;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class ControllerOutageSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_outage_is_told_once_when_it_begins_and_once_when_slurmctld_answers_with_its_length()
    {
        // Passes every 0.2 s: five that cannot reach slurmctld, then two that can.
        ControllerOutage? outage = null;
        var news = new List<OutageNews>();
        var seen = new[] { true, true, true, true, true, false, false };
        for (var i = 0; i < seen.Length; i++)
        {
            (outage, var told) = ControllerOutage.Next(outage, seen[i], "slurmctld is unreachable: x", T0.AddMilliseconds(200 * i));
            if (told is not null)
            {
                news.Add(told);
            }
        }

        Assert.Null(outage);
        Assert.Equal([true, false], news.Select(n => n.Began));
        Assert.StartsWith("slurmctld is unreachable: x; the plan waits", news[0].Text, StringComparison.Ordinal);
        Assert.Equal("slurmctld answers again after 1 s unreachable (since 10:00:00Z); the plan goes on", news[1].Text);
        Assert.Equal(TimeSpan.FromSeconds(1), news[1].Length);
    }

    [Fact]
    public void Two_outages_are_two_stories_and_the_first_error_of_each_is_kept()
    {
        var (first, _) = ControllerOutage.Next(null, unreachable: true, "down", T0);
        var (still, none) = ControllerOutage.Next(first, unreachable: true, "timed out", T0.AddSeconds(5));
        var (over, _) = ControllerOutage.Next(still, unreachable: false, null, T0.AddSeconds(9));
        var (second, began) = ControllerOutage.Next(over, unreachable: true, "down again", T0.AddSeconds(30));

        Assert.Null(none);
        Assert.Equal("down", still!.FirstError);
        Assert.Null(over);
        Assert.Equal((T0.AddSeconds(30), "down again"), (second!.Since, second.FirstError));
        Assert.True(began!.Began);
    }

    [Fact]
    public void A_controller_that_answers_from_the_start_is_never_told()
    {
        var (outage, news) = ControllerOutage.Next(null, unreachable: false, "`scontrol update` failed (exit 1): Invalid node name specified", T0);

        Assert.Null(outage);
        Assert.Null(news);
    }
}
