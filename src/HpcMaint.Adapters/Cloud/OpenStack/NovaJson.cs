using System.Text.Json;

namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>Nova's server documents read, and its action bodies written, without reflection.</summary>
internal static class NovaJson
{
    public static NovaServer? ParseServerDocument(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return OpenStackJson.Object(document.RootElement, "server") is { } server ? ParseServer(server) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A page of GET /servers or /servers/detail, and the next page's URL when there is one.</summary>
    public static (List<NovaServer> Servers, string? Next)? ParseServerList(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("servers", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var servers = new List<NovaServer>();
            foreach (var element in list.EnumerateArray())
            {
                if (ParseServer(element) is not { } server)
                {
                    return null;
                }

                servers.Add(server);
            }

            var next = OpenStackJson.Array(root, "servers_links")
                .Where(link => OpenStackJson.String(link, "rel") == "next")
                .Select(link => OpenStackJson.String(link, "href"))
                .FirstOrDefault();
            return (servers, next);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static byte[] Rebuild(string imageId) => OpenStackJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("rebuild");
        w.WriteString("imageRef", imageId);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static byte[] Reboot(RebootType type) => OpenStackJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("reboot");
        w.WriteString("type", type == RebootType.Hard ? "HARD" : "SOFT");
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>A list entry without detail has only id and name; status is then empty.</summary>
    private static NovaServer? ParseServer(JsonElement server)
    {
        if (OpenStackJson.String(server, "id") is not { } id)
        {
            return null;
        }

        var imageId = server.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.Object
            ? OpenStackJson.String(image, "id")
            : null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (OpenStackJson.Object(server, "metadata") is { } meta)
        {
            foreach (var entry in meta.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.String)
                {
                    metadata[entry.Name] = entry.Value.GetString()!;
                }
            }
        }

        return new NovaServer(
            id,
            OpenStackJson.String(server, "name") ?? "",
            OpenStackJson.String(server, "status") ?? "",
            imageId is { Length: > 0 } ? imageId : null,
            OpenStackJson.String(server, "OS-EXT-STS:task_state"),
            OpenStackJson.String(server, "OS-EXT-STS:vm_state"),
            metadata,
            OpenStackJson.Object(server, "fault") is { } fault ? ParseFault(fault) : null);
    }

    private static NovaFault ParseFault(JsonElement fault) => new(
        fault.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var number) ? number : 0,
        OpenStackJson.String(fault, "message") ?? "",
        OpenStackJson.String(fault, "details"));
}
