using System.Globalization;
using System.Text.Json;

namespace HpcMaint.FakeOpenStack;

/// <summary>The fake's answers, shaped as the Keystone and Nova API references show them.</summary>
public static class FakeJson
{
    public static byte[] Document(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Keystone: <c>{"error": {…}}</c>; Nova: <c>{"conflictingRequest": {…}}</c> and the like.</summary>
    public static byte[] Error(string wrapper, int code, string message, string? title = null) => Document(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject(wrapper);
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        if (title is not null)
        {
            w.WriteString("title", title);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static byte[] Token(string method, DateTimeOffset issued, DateTimeOffset expires, FakeOptions options, string baseUrl) => Document(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("token");
        w.WriteString("expires_at", Timestamp(expires));
        w.WriteString("issued_at", Timestamp(issued));
        w.WriteStartArray("methods");
        w.WriteStringValue(method);
        w.WriteEndArray();
        w.WriteStartObject("user");
        w.WriteString("id", options.UserId);
        w.WriteString("name", options.Username);
        w.WriteEndObject();
        w.WriteStartObject("project");
        w.WriteString("id", options.ProjectId);
        w.WriteString("name", options.ProjectName);
        w.WriteEndObject();
        w.WriteStartArray("catalog");
        Service(w, "identity", "keystone", [("public", "RegionOne", baseUrl + "/v3")]);
        Service(w, "compute", "nova",
        [
            ("public", "RegionOne", baseUrl + "/compute/v2.1"),
            ("internal", "RegionOne", baseUrl + "/internal/compute/v2.1"),
            ("public", "RegionTwo", baseUrl + "/r2/compute/v2.1"),
        ]);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static void Server(Utf8JsonWriter w, FakeServer server, string computeUrl, bool detail)
    {
        w.WriteStartObject();
        w.WriteString("id", server.Id);
        w.WriteString("name", server.Name);
        w.WriteStartArray("links");
        w.WriteStartObject();
        w.WriteString("rel", "self");
        w.WriteString("href", computeUrl + "/servers/" + server.Id);
        w.WriteEndObject();
        w.WriteEndArray();
        if (detail)
        {
            w.WriteString("status", server.Status);
            w.WriteStartObject("image");
            w.WriteString("id", server.ImageId);
            w.WriteEndObject();
            w.WriteString("OS-EXT-STS:vm_state", server.VmState);
            if (server.TaskState is null)
            {
                w.WriteNull("OS-EXT-STS:task_state");
            }
            else
            {
                w.WriteString("OS-EXT-STS:task_state", server.TaskState);
            }

            w.WriteStartObject("metadata");
            foreach (var (key, value) in server.Metadata)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            if (server is { Status: "ERROR", Fault: { } fault })
            {
                w.WriteStartObject("fault");
                w.WriteNumber("code", fault.Code);
                w.WriteString("message", fault.Message);
                w.WriteString("created", Timestamp(DateTimeOffset.UnixEpoch));
                w.WriteEndObject();
            }
        }

        w.WriteEndObject();
    }

    public static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void Service(Utf8JsonWriter w, string type, string name, (string Interface, string Region, string Url)[] endpoints)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("name", name);
        w.WriteString("id", type + "-service");
        w.WriteStartArray("endpoints");
        foreach (var (iface, region, url) in endpoints)
        {
            w.WriteStartObject();
            w.WriteString("id", $"{type}-{iface}-{region}");
            w.WriteString("interface", iface);
            w.WriteString("region", region);
            w.WriteString("region_id", region);
            w.WriteString("url", url);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
