using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HpcMaint.FakeOpenStack;

/// <summary>
/// The server set as JSON: <c>{"servers": [{"name": "n1", "image": "img-a", "id": "…", "status": "ACTIVE",
/// "metadata": {…}}]}</c> (or the bare array). Without an id, one is derived from the name, so scripts can
/// know it in advance.
/// </summary>
public static class FakeServerFile
{
    public static List<FakeServer> Read(string text)
    {
        using var document = JsonDocument.Parse(text);
        var list = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement : document.RootElement.GetProperty("servers");
        var servers = new List<FakeServer>();
        foreach (var entry in list.EnumerateArray())
        {
            var name = entry.GetProperty("name").GetString()!;
            var server = new FakeServer(
                FakeRequest.Text(entry, "id") ?? IdFor(name),
                name,
                FakeRequest.Text(entry, "image") ?? throw new FormatException($"server {name}: no image"))
            {
                Status = FakeRequest.Text(entry, "status") ?? "ACTIVE",
            };
            if (entry.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
            {
                foreach (var item in metadata.EnumerateObject())
                {
                    server.Metadata[item.Name] = item.Value.GetString() ?? "";
                }
            }

            if (entry.TryGetProperty("fault", out var fault) && fault.ValueKind == JsonValueKind.Object)
            {
                server.Fault = (fault.GetProperty("code").GetInt32(), fault.GetProperty("message").GetString() ?? "");
            }

            servers.Add(server);
        }

        return servers;
    }

    public static void Write(Utf8JsonWriter w, IEnumerable<FakeServer> servers)
    {
        w.WriteStartObject();
        w.WriteStartArray("servers");
        foreach (var server in servers)
        {
            w.WriteStartObject();
            w.WriteString("id", server.Id);
            w.WriteString("name", server.Name);
            w.WriteString("image", server.ImageId);
            w.WriteString("status", server.Status);
            w.WriteStartObject("metadata");
            foreach (var (key, value) in server.Metadata)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            if (server.Fault is { } fault)
            {
                w.WriteStartObject("fault");
                w.WriteNumber("code", fault.Code);
                w.WriteString("message", fault.Message);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes the file whole, through a temporary file and a rename.</summary>
    public static void Save(string path, IEnumerable<FakeServer> servers)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, servers);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A UUID-shaped id that depends only on the name.</summary>
    public static string IdFor(string name) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16)).ToString();
}
