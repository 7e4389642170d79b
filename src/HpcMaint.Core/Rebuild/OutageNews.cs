using System.Globalization;

namespace HpcMaint.Core.Rebuild;

/// <summary>A slurmctld outage that began or ended at <paramref name="At"/>, in the operator's words.</summary>
public sealed record OutageNews(bool Began, ControllerOutage Outage, DateTimeOffset At)
{
    public TimeSpan Length => Outage.Length(At);

    public string Text => Began
        ? $"{Outage.FirstError}; the plan waits for it: nothing new is started until slurmctld answers"
        : $"slurmctld answers again after {Seconds} s unreachable (since {Outage.Since.UtcDateTime:HH:mm:ss}Z); the plan goes on";

    public string Seconds => Length.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
