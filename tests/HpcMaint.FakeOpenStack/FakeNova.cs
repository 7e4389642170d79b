using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace HpcMaint.FakeOpenStack;

/// <summary>
/// The compute API under any prefix ending in /v2.1: token check (401), microversion check (406 out of
/// range), server list with Nova's regex name filter, show, and the rebuild and reboot actions.
/// </summary>
public static class FakeNova
{
    public static async Task<FakeAnswer> AnswerAsync(FakeCloud cloud, HttpContext context, string path, string baseUrl)
    {
        var versionAt = path.IndexOf("/v2.1", StringComparison.Ordinal);
        if (versionAt < 0)
        {
            return new FakeAnswer(404, FakeJson.Error("itemNotFound", 404, $"no such path {path}"), "unknown");
        }

        var computeUrl = baseUrl + path[..(versionAt + 5)];
        var rest = path[(versionAt + 5)..];
        if (!cloud.IsValidToken(context.Request.Headers["X-Auth-Token"].FirstOrDefault()))
        {
            return new FakeAnswer(401, FakeJson.Error("error", 401, "The request you have made requires authentication.", "Unauthorized"), "unauthorized");
        }

        if (Microversion(context, cloud.Options) is { } refused)
        {
            return refused;
        }

        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method;
        return (method, segments) switch
        {
            ("GET", ["servers"]) => List(cloud, context, computeUrl, detail: false),
            ("GET", ["servers", "detail"]) => List(cloud, context, computeUrl, detail: true),
            ("GET", ["servers", var id]) => Show(cloud, id, computeUrl),
            ("POST", ["servers", var id, "action"]) => await ActAsync(cloud, context, id, computeUrl),
            _ => new FakeAnswer(404, FakeJson.Error("itemNotFound", 404, $"{method} {rest} is not part of this fake"), "unknown"),
        };
    }

    /// <summary>Null when the header is absent or acceptable; else Nova's 400 or 406.</summary>
    private static FakeAnswer? Microversion(HttpContext context, FakeOptions options)
    {
        var header = context.Request.Headers["OpenStack-API-Version"].FirstOrDefault();
        if (header is null)
        {
            return null;
        }

        var match = Regex.Match(header, @"^compute (latest|2\.(\d+))$", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return new FakeAnswer(400, FakeJson.Error("badRequest", 400, $"Invalid OpenStack-API-Version header: {header}"), "microversion");
        }

        if (match.Groups[2].Success && int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) is var minor && (minor < 1 || minor > options.MaxMicroversion))
        {
            return new FakeAnswer(406, FakeJson.Error("notAcceptable", 406, $"Version 2.{minor} is not supported by the API. Minimum is 2.1 and maximum is 2.{options.MaxMicroversion}."), "microversion");
        }

        context.Response.Headers["OpenStack-API-Version"] = header;
        context.Response.Headers.Vary = "OpenStack-API-Version";
        return null;
    }

    private static FakeAnswer List(FakeCloud cloud, HttpContext context, string computeUrl, bool detail)
    {
        var name = context.Request.Query["name"].FirstOrDefault();
        List<FakeServer> servers;
        try
        {
            servers = cloud.List(name);
        }
        catch (ArgumentException e)
        {
            return new FakeAnswer(400, FakeJson.Error("badRequest", 400, "Invalid name filter: " + e.Message), "list");
        }

        var body = FakeJson.Document(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("servers");
            foreach (var server in servers)
            {
                FakeJson.Server(w, server, computeUrl, detail);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        return new FakeAnswer(200, body, "list");
    }

    private static FakeAnswer Show(FakeCloud cloud, string id, string computeUrl)
    {
        var server = cloud.Find(id);
        if (server is null || server.Id != id)
        {
            return new FakeAnswer(404, FakeJson.Error("itemNotFound", 404, $"Instance {id} could not be found."), "show", id);
        }

        return new FakeAnswer(200, ServerDocument(server, computeUrl), "show", id);
    }

    private static async Task<FakeAnswer> ActAsync(FakeCloud cloud, HttpContext context, string id, string computeUrl)
    {
        using var body = await FakeRequest.ReadJsonAsync(context);
        if (body is null || body.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new FakeAnswer(400, FakeJson.Error("badRequest", 400, "Malformed request body"), "action", id);
        }

        var root = body.RootElement;
        if (root.TryGetProperty("rebuild", out var rebuild))
        {
            var image = FakeRequest.Text(rebuild, "imageRef");
            if (string.IsNullOrEmpty(image))
            {
                return new FakeAnswer(400, FakeJson.Error("badRequest", 400, "Invalid input for field/attribute rebuild. 'imageRef' is a required property"), "rebuild", id);
            }

            var (status, message) = cloud.Rebuild(id, image);
            return status == 202
                ? new FakeAnswer(202, ServerDocument(cloud.Find(id)!, computeUrl), "rebuild", id)
                : Refused(status, message, "rebuild", id);
        }

        if (root.TryGetProperty("reboot", out var reboot))
        {
            var type = FakeRequest.Text(reboot, "type");
            if (type is not ("SOFT" or "HARD"))
            {
                return new FakeAnswer(400, FakeJson.Error("badRequest", 400, "Invalid input for field/attribute type. Value should be SOFT or HARD"), "reboot", id);
            }

            var (status, message) = cloud.Reboot(id, type == "HARD");
            var action = "reboot-" + type.ToLowerInvariant();
            return status == 202 ? FakeAnswer.Empty(202, action, id) : Refused(status, message, action, id);
        }

        return new FakeAnswer(400, FakeJson.Error("badRequest", 400, "This fake knows the rebuild and reboot actions only"), "action", id);
    }

    /// <summary>An action Nova would not start: the server is missing (404) or busy or in the wrong state (409).</summary>
    private static FakeAnswer Refused(int status, string message, string action, string id) =>
        new(status, FakeJson.Error(status == 404 ? "itemNotFound" : "conflictingRequest", status, message), action, id);

    private static byte[] ServerDocument(FakeServer server, string computeUrl) => FakeJson.Document(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("server");
        FakeJson.Server(w, server, computeUrl, detail: true);
        w.WriteEndObject();
    });
}
