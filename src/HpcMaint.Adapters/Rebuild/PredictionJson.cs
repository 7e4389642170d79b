using System.Globalization;
using System.Text.Json;
using HpcMaint.Core.Rebuild;

namespace HpcMaint.Adapters.Rebuild;

/// <summary>A what-if prediction as JSON: in the plan file (kept from the run's start) and `--what-if --json`.</summary>
public static class PredictionJson
{
    public static void Write(Utf8JsonWriter j, Prediction prediction)
    {
        j.WriteStartObject();
        j.WriteString("made", Time(prediction.Made));
        if (prediction.Makespan is { } makespan)
        {
            j.WriteNumber("makespan_seconds", Math.Round(makespan.TotalSeconds, 3));
        }
        else
        {
            j.WriteNull("makespan_seconds");
        }

        j.WriteNumber("waves", prediction.Waves);
        j.WriteNumber("node_hours_lost", Math.Round(prediction.NodeHoursLost, 6));
        j.WriteStartArray("nodes");
        foreach (var n in prediction.Nodes)
        {
            j.WriteStartObject();
            j.WriteString("name", n.Name);
            j.WriteNumber("wave", n.Wave);
            j.WriteString("admitted", Time(n.Admitted));
            j.WriteString("free", Time(n.Free));
            j.WriteString("start", Time(n.Start));
            j.WriteString("back", Time(n.Back));
            j.WriteNumber("estimate_seconds", Math.Round(n.Estimate.Duration.TotalSeconds, 3));
            j.WriteString("estimate_source", n.Estimate.Source);
            j.WriteEndObject();
        }

        j.WriteEndArray();

        // Node → why it cannot be predicted.
        j.WriteStartObject("unpredicted");
        foreach (var u in prediction.Unpredicted)
        {
            j.WriteString(u.Name, u.Why);
        }

        j.WriteEndObject();
        j.WriteEndObject();
    }

    /// <exception cref="FormatException">Not a prediction.</exception>
    /// <exception cref="KeyNotFoundException">A field is missing.</exception>
    public static Prediction Read(JsonElement e)
    {
        var nodes = e.GetProperty("nodes").EnumerateArray().Select(n => new PredictedNode(
            n.GetProperty("name").GetString()!,
            n.GetProperty("wave").GetInt32(),
            ParseTime(n.GetProperty("admitted")),
            ParseTime(n.GetProperty("free")),
            ParseTime(n.GetProperty("start")),
            ParseTime(n.GetProperty("back")),
            new RebootEstimate(TimeSpan.FromSeconds(n.GetProperty("estimate_seconds").GetDouble()), n.GetProperty("estimate_source").GetString()!))).ToArray();
        var unpredicted = e.GetProperty("unpredicted").EnumerateObject().Select(u => new UnpredictedNode(u.Name, u.Value.GetString()!)).ToArray();
        return new Prediction(ParseTime(e.GetProperty("made")), nodes, unpredicted);
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(JsonElement e) =>
        DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
