namespace HpcMaint.Core.Service;

/// <summary>
/// One [[maintenance.window]]: on these days, from <see cref="Start"/> to <see cref="End"/> in
/// <see cref="Zone"/>. A window whose end is at or before its start crosses midnight: it opens on one
/// of its days and closes on the next day (sat 22:00-06:00 ends on Sunday morning). Start equal to end
/// is the whole day.
/// </summary>
public sealed record MaintenanceWindow(IReadOnlySet<DayOfWeek> Days, TimeOnly Start, TimeOnly End, TimeZoneInfo Zone)
{
    /// <summary>How long the window stays open once it opens.</summary>
    public TimeSpan Length => End > Start ? End - Start : TimeSpan.FromDays(1) - (Start - End);

    /// <summary>As the config writes it: "sat,sun 22:00-06:00 UTC".</summary>
    public override string ToString() =>
        $"{string.Join(',', Enum.GetValues<DayOfWeek>().Where(Days.Contains).Select(MaintenanceDays.Name))} {Start:HH\\:mm}-{End:HH\\:mm} {Zone.Id}";

    public bool Equals(MaintenanceWindow? other) =>
        other is not null && Days.SetEquals(other.Days) && Start == other.Start && End == other.End && Zone.Id == other.Zone.Id;

    public override int GetHashCode() => HashCode.Combine(Days.Count, Start, End, Zone.Id);
}
