using FsCheck;
using FsCheck.Fluent;
using HpcMaint.Core.Service;

namespace HpcMaint.Core.Tests.Service;

/// <summary>Over generated windows and moments: open exactly inside a window, and the next opening is the first moment it opens.</summary>
public sealed class MaintenanceWindowProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1000);
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    private static Gen<MaintenanceWindow> Windows(TimeZoneInfo zone) =>
        from days in Gen.SubListOf(Enum.GetValues<DayOfWeek>()).Where(d => d.Count > 0)
        from start in Gen.Choose(0, 24 * 60 - 1)
        from end in Gen.Choose(0, 24 * 60 - 1)
        select new MaintenanceWindow(days.ToHashSet(), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(start)), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(end)), zone);

    private static Gen<DateTimeOffset> Moments => Gen.Choose(0, 4 * 7 * 24 * 60).Select(m => Monday.AddMinutes(m));

    [Fact]
    public void A_window_crossing_midnight_holds_23_59_of_its_days_and_00_01_of_the_next()
    {
        var crossing = Windows(TimeZoneInfo.Utc).Where(w => w.End < w.Start && w.End > new TimeOnly(0, 1) && w.Start < new TimeOnly(23, 59));
        var property = Prop.ForAll(crossing.ToArbitrary(), Gen.Choose(0, 27).ToArbitrary(), (window, dayIndex) =>
        {
            var midnight = Monday.AddDays(dayIndex);
            var before = midnight.AddMinutes(-1);
            var after = midnight.AddMinutes(1);
            var opened = window.Days.Contains(before.DayOfWeek);
            return MaintenanceWindows.At([window], before).Open == opened && MaintenanceWindows.At([window], after).Open == opened;
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void Open_exactly_when_now_falls_in_an_opening_and_then_closes_at_its_end()
    {
        var property = Prop.ForAll(Windows(TimeZoneInfo.Utc).ToArbitrary(), Moments.ToArbitrary(), (window, now) =>
        {
            var state = MaintenanceWindows.At([window], now);
            var inside = Enumerable.Range(-1, 2).Any(back =>
            {
                var day = now.Date.AddDays(back);
                var start = new DateTimeOffset(day, TimeSpan.Zero) + window.Start.ToTimeSpan();
                return window.Days.Contains(day.DayOfWeek) && start <= now && now < start + window.Length;
            });
            return state.Open == inside && (!state.Open || state.ClosesAt > now) && (state.Open || state.NextOpening > now);
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void The_next_opening_is_open_and_nothing_before_it_is()
    {
        var property = Prop.ForAll(Windows(TimeZoneInfo.Utc).ToArbitrary(), Moments.ToArbitrary(), (window, now) =>
        {
            var state = MaintenanceWindows.At([window], now);
            if (state.Open)
            {
                return true;
            }

            var next = state.NextOpening!.Value;
            var stillClosed = MaintenanceWindows.At([window], next.AddMinutes(-1)).Open == false || next.AddMinutes(-1) < now;
            return MaintenanceWindows.At([window], next).Open && stillClosed && next - now <= TimeSpan.FromDays(7);
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void Several_windows_are_open_when_any_one_is()
    {
        var property = Prop.ForAll(Windows(TimeZoneInfo.Utc).ToArbitrary(), Windows(TimeZoneInfo.Utc).ToArbitrary(), Moments.ToArbitrary(), (a, b, now) =>
            MaintenanceWindows.At([a, b], now).Open == (MaintenanceWindows.At([a], now).Open || MaintenanceWindows.At([b], now).Open));

        Check.One(Runs, property);
    }

    [Fact]
    public void Without_windows_it_is_always_open()
    {
        Assert.True(MaintenanceWindows.At([], Monday).Open);
    }

    [Fact]
    public void A_zone_moves_the_window_with_its_clock_across_daylight_saving_time()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var window = new MaintenanceWindow(new HashSet<DayOfWeek> { DayOfWeek.Saturday }, new TimeOnly(22, 0), new TimeOnly(6, 0), berlin);

        // Winter (UTC+1): 22:00 local is 21:00 UTC; summer (UTC+2): 20:00 UTC.
        Assert.True(MaintenanceWindows.At([window], new DateTimeOffset(2026, 12, 12, 21, 0, 0, TimeSpan.Zero)).Open);
        Assert.False(MaintenanceWindows.At([window], new DateTimeOffset(2026, 12, 12, 20, 59, 0, TimeSpan.Zero)).Open);
        Assert.True(MaintenanceWindows.At([window], new DateTimeOffset(2026, 7, 11, 20, 0, 0, TimeSpan.Zero)).Open);
        Assert.Equal(new DateTimeOffset(2026, 12, 12, 21, 0, 0, TimeSpan.Zero), MaintenanceWindows.At([window], new DateTimeOffset(2026, 12, 8, 12, 0, 0, TimeSpan.Zero)).NextOpening);
    }
}
