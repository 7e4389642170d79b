using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>The OCI bodies, read and written by source-generated System.Text.Json (no reflection: AOT-clean).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(OciTimeConverter)])]
[JsonSerializable(typeof(List<OciCompartment>))]
[JsonSerializable(typeof(List<OciMaintenanceEvent>))]
[JsonSerializable(typeof(OciMaintenanceEvent))]
[JsonSerializable(typeof(List<OciInstance>))]
[JsonSerializable(typeof(OciInstance))]
[JsonSerializable(typeof(OciWorkRequest))]
[JsonSerializable(typeof(OciError))]
[JsonSerializable(typeof(OciMaintenanceEventUpdate))]
[JsonSerializable(typeof(OciInstanceUpdate))]
internal sealed partial class OciJson : JsonSerializerContext;

/// <summary>The error body OCI answers with: <c>{"code": "NotAuthorizedOrNotFound", "message": "…"}</c>.</summary>
public sealed record OciError
{
    public string? Code { get; init; }

    public string? Message { get; init; }
}

/// <summary>UpdateInstanceMaintenanceEvent's body: only what is set is sent (freeformTags replaces the whole map).</summary>
public sealed record OciMaintenanceEventUpdate
{
    public DateTimeOffset? TimeWindowStart { get; init; }

    public Dictionary<string, string>? FreeformTags { get; init; }
}

/// <summary>UpdateInstance's body, for the freeform tags only (it replaces the whole map).</summary>
public sealed record OciInstanceUpdate
{
    public Dictionary<string, string>? FreeformTags { get; init; }
}

/// <summary>Times as the OCI SDKs write them: UTC, milliseconds, 'Z' (2025-09-06T01:08:00.000Z); any RFC 3339 time read.</summary>
internal sealed class OciTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("a time must be a string"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
