using HpcMaint.Core.Hostlists;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>Parses `scontrol show reservation -o` ("No reservations in the system" → empty).</summary>
public static class ScontrolReservationParser
{
    public static IReadOnlyList<Reservation> Parse(string text) =>
        ScontrolRecords.Parse(text).Select(ParseRecord).ToArray();

    private static Reservation ParseRecord(IReadOnlyDictionary<string, string> r)
    {
        var name = ScontrolValues.Text(r, "ReservationName") ?? throw new SlurmParseException("scontrol show reservation", "a record without ReservationName");
        var nodes = ScontrolValues.Text(r, "Nodes");
        return new Reservation(
            name,
            nodes ?? string.Empty,
            nodes is null ? [] : Hostlist.Expand(nodes),
            ScontrolValues.Time(r, "StartTime"),
            ScontrolValues.Time(r, "EndTime"),
            ScontrolValues.List(r, "Flags"),
            ScontrolValues.Text(r, "Users"),
            ScontrolValues.Text(r, "State") ?? "UNKNOWN");
    }
}
