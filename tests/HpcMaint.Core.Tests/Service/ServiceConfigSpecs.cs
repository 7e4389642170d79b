using HpcMaint.Core.Config;
using HpcMaint.Core.Service;
using HpcMaint.Toml;

namespace HpcMaint.Core.Tests.Service;

public sealed class ServiceConfigSpecs
{
    private static ConfigResult Read(string toml) => HpcMaintConfigReader.Read(TomlParser.Parse(toml, "t.toml"), "t.toml");

    [Fact]
    public void Without_the_sections_the_service_only_reports_every_5_minutes_at_any_time()
    {
        var service = Read(string.Empty).Config!.Service;

        Assert.Equal((false, TimeSpan.FromMinutes(5), 0, (string?)null), (service.Act, service.Interval, service.Windows.Count, service.MetricsFile));
    }

    [Fact]
    public void Windows_take_a_list_of_days_or_a_range_hours_crossing_midnight_and_a_zone()
    {
        var result = Read("""
            [service]
            act = true
            interval = "30s"
            metrics_file = "/var/lib/hpcmaint/service.prom"
            [[maintenance.window]]
            days = ["sat", "sun"]
            hours = "22:00-06:00"
            [[maintenance.window]]
            days = "mon-fri"
            hours = "12:00-13:30"
            zone = "Europe/Berlin"
            """);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var service = result.Config!.Service;
        Assert.Equal((true, TimeSpan.FromSeconds(30), "/var/lib/hpcmaint/service.prom"), (service.Act, service.Interval, service.MetricsFile));
        Assert.Equal(["sun,sat 22:00-06:00 UTC", "mon,tue,wed,thu,fri 12:00-13:30 Europe/Berlin"], service.Windows.Select(w => w.ToString()));
    }

    [Theory]
    [InlineData("days = [\"sat\"]\nhours = \"25:00-06:00\"", 4, "maintenance.window[1].hours", "\"25:00-06:00\" is not a span of hours")]
    [InlineData("days = \"sat-funday\"\nhours = \"22:00-06:00\"", 3, "maintenance.window[1].days", "\"sat-funday\" is not a day or a range of days")]
    [InlineData("hours = \"22:00-06:00\"", 2, "maintenance.window[1].days", "every [[maintenance.window]] needs days")]
    [InlineData("days = [\"sat\"]", 2, "maintenance.window[1].hours", "needs hours")]
    [InlineData("days = [\"sat\"]\nhours = \"22:00-06:00\"\nzone = \"Mars/Olympus\"", 5, "maintenance.window[1].zone", "\"Mars/Olympus\" is not a time zone")]
    [InlineData("days = [\"sat\"]\nhours = \"22:00-06:00\"\nhour = \"x\"", 5, "maintenance.window[1].hour", "did you mean 'hours'?")]
    public void A_bad_window_names_the_file_line_key_and_what_to_write(string body, int line, string key, string problem)
    {
        var result = Read("\n[[maintenance.window]]\n" + body);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("t.toml", line, key), (error.File, error.Line, error.Key));
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_needs_no_zone_and_then_is_utc()
    {
        var window = Read("[[maintenance.window]]\ndays = \"fri-mon\"\nhours = \"00:00-00:00\"").Config!.Service.Windows.Single();

        Assert.Equal((TimeZoneInfo.Utc, TimeSpan.FromDays(1)), (window.Zone, window.Length));
        Assert.Equal(new HashSet<DayOfWeek> { DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday, DayOfWeek.Monday }, window.Days);
    }

    [Fact]
    public void Act_must_be_true_or_false()
    {
        var error = Assert.Single(Read("[service]\nact = \"yes\"").Errors);

        Assert.Equal((2, "service.act"), (error.Line, error.Key));
    }
}
