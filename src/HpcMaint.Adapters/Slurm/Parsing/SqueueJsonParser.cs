using System.Text.Json;
using HpcMaint.Core.Slurm;

namespace HpcMaint.Adapters.Slurm.Parsing;

/// <summary>
/// Parses `squeue --json`. In 22.05 it ignores filters and includes finished jobs still in memory
/// (MinJobAge); callers filter. job_state is one word in 22.05 (a set flag instead of the base state)
/// and a list from 23.02 (base state and flags): both read as a <see cref="JobState"/>.
/// </summary>
public static class SqueueJsonParser
{
    public static IReadOnlyList<Job> ParseJobs(string json)
    {
        using var doc = JsonDocument.Parse(json);
        SlurmJsonErrors.ThrowIfAny(doc.RootElement, "squeue --json");
        if (!doc.RootElement.TryGetProperty("jobs", out var jobs) || jobs.ValueKind != JsonValueKind.Array)
        {
            throw new SlurmParseException("squeue --json", "no \"jobs\" array in the output");
        }

        var result = new List<Job>(jobs.GetArrayLength());
        foreach (var j in jobs.EnumerateArray())
        {
            result.Add(ParseJob(j));
        }

        return result;
    }

    private static Job ParseJob(JsonElement j)
    {
        var id = JsonFields.Number(j, "job_id") ?? throw new SlurmParseException("squeue --json", "a job without job_id");
        var nodes = JsonFields.String(j, "nodes");
        var state = JsonFields.List(j, "job_state");
        return new Job(
            id,
            JsonFields.String(j, "name") ?? string.Empty,
            JsonFields.String(j, "partition") ?? string.Empty,
            JobStateText.Parse(state),
            JsonFields.String(j, "state_reason") is { } reason && reason != "None" ? reason : null,
            nodes is null ? [] : NodeNames.Expanded(nodes, "squeue --json"),
            JsonFields.String(j, "required_nodes"),
            JsonFields.Bool(j, "reboot"),
            JsonFields.String(j, "comment"),
            JsonFields.Number(j, "priority") ?? 0,
            JsonFields.String(j, "user_name"),
            JsonFields.String(j, "resv_name") ?? JsonFields.String(j, "reservation"),
            JsonFields.Time(j, "submit_time"),
            JsonFields.Time(j, "start_time"))
        {
            EndTime = JsonFields.Time(j, "end_time"),
        };
    }
}
