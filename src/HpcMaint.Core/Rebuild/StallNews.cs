using System.Globalization;

namespace HpcMaint.Core.Rebuild;

/// <summary>A stall that began or ended at <paramref name="At"/>, in the operator's words (told once each way).</summary>
public sealed record StallNews(bool Began, PlanStall Stall, DateTimeOffset At)
{
    public string Seconds => Stall.Length(At).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    public string Text => Began
        ? $"{Stall.Text}: nothing can start and nothing is in flight; it goes on by itself once they are back in service"
        : $"no longer stalled after {Seconds} s (since {Stall.Since.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}, by {Stall.Blockers})";
}
