using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace HpcMaint.FakeOpenStack;

/// <summary>
/// The control API for specs and scripts:
/// GET /_fake/log, DELETE /_fake/log, GET /_fake/servers,
/// POST /_fake/faults {"status":500,"count":2,"method":"POST","path_contains":"/action","retry_after":1},
/// POST /_fake/slow {"delay_ms":3000,"count":1,"method":…,"path_contains":…,"after_answer":false},
/// POST /_fake/tokens/expire,
/// POST /_fake/servers/{id or name}/fail-next-rebuild {"code":500,"message":"…"},
/// POST /_fake/servers/{id or name}/state {"status":"PAUSED","task_state":null}.
/// </summary>
public static class FakeControl
{
    public static async Task<FakeAnswer> AnswerAsync(FakeCloud cloud, HttpContext context, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries)[1..];
        var method = context.Request.Method;
        if (method == "GET")
        {
            return segments switch
            {
                ["log"] => Ok(w => WriteLog(w, cloud)),
                ["servers"] => Ok(w => FakeServerFile.Write(w, cloud.SettledServers())),
                _ => NotFound(path),
            };
        }

        if (method == "DELETE" && segments is ["log"])
        {
            cloud.ResetLog();
            return FakeAnswer.Empty(204, "control");
        }

        if (method != "POST")
        {
            return NotFound(path);
        }

        using var body = await FakeRequest.ReadJsonAsync(context) ?? JsonDocument.Parse("{}");
        var root = body.RootElement;
        switch (segments)
        {
            case ["faults"]:
                cloud.AddFault(new FakeFault(Int(root, "status") ?? 500, Int(root, "count") ?? 1, FakeRequest.Text(root, "method"), FakeRequest.Text(root, "path_contains"), Int(root, "retry_after")));
                return FakeAnswer.Empty(204, "control");
            case ["slow"]:
                cloud.AddDelay(new FakeDelay(TimeSpan.FromMilliseconds(Int(root, "delay_ms") ?? 1000), Int(root, "count") ?? 1, FakeRequest.Text(root, "method"), FakeRequest.Text(root, "path_contains"), Bool(root, "after_answer")));
                return FakeAnswer.Empty(204, "control");
            case ["tokens", "expire"]:
                cloud.ExpireTokens();
                return FakeAnswer.Empty(204, "control");
            case ["servers", var server, "fail-next-rebuild"]:
                return Changed(cloud, server, cloud.PlantRebuildFault(server, Int(root, "code") ?? 500, FakeRequest.Text(root, "message") ?? "Build of instance aborted: injected by the fake"));
            case ["servers", var server, "state"]:
                return Changed(cloud, server, cloud.SetState(server, FakeRequest.Text(root, "status") ?? "ACTIVE", FakeRequest.Text(root, "task_state")));
            default:
                return NotFound(path);
        }
    }

    private static void WriteLog(Utf8JsonWriter w, FakeCloud cloud)
    {
        var (calls, rebuilds, maxRebuilds, maxRequests) = cloud.Log();
        w.WriteStartObject();
        w.WriteNumber("max_concurrent_rebuilds", maxRebuilds);
        w.WriteNumber("max_concurrent_requests", maxRequests);
        w.WriteStartObject("rebuilds_per_server");
        foreach (var (server, count) in rebuilds)
        {
            w.WriteNumber(server, count);
        }

        w.WriteEndObject();
        w.WriteStartArray("calls");
        foreach (var call in calls)
        {
            w.WriteStartObject();
            w.WriteString("time", FakeJson.Timestamp(call.Time));
            w.WriteString("method", call.Method);
            w.WriteString("path", call.Path);
            w.WriteString("action", call.Action);
            if (call.Server is null)
            {
                w.WriteNull("server");
            }
            else
            {
                w.WriteString("server", call.Server);
            }

            w.WriteNumber("status", call.Status);
            if (call.Microversion is not null)
            {
                w.WriteString("microversion", call.Microversion);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static FakeAnswer Changed(FakeCloud cloud, string server, bool found)
    {
        if (!found)
        {
            return NotFound("server " + server);
        }

        cloud.SaveState();
        return FakeAnswer.Empty(204, "control");
    }

    private static FakeAnswer Ok(Action<Utf8JsonWriter> write) => new(200, FakeJson.Document(write), "control");

    private static FakeAnswer NotFound(string what) => new(404, FakeJson.Error("itemNotFound", 404, $"the fake has no {what}"), "control");

    private static int? Int(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static bool Bool(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
