using HpcMaint.Adapters.Slurm.Parsing;

namespace HpcMaint.Adapters.Slurm;

/// <summary>A reservation's start as scontrol takes it: "now", or a local time to the second (as scontrol shows them).</summary>
public static class ReservationTimes
{
    public static string Start(DateTimeOffset? start, DateTimeOffset now) =>
        start is { } at && at > now ? ScontrolValues.LocalText(at) : "now";
}
