namespace HpcMaint.FakeOci;

/// <summary>A Compute instance; a reset moves it STOPPING → STARTING → RUNNING, one <see cref="FakeOciOptions.ResetPhase"/> each.</summary>
public sealed class FakeOciInstance(string id, string displayName, string compartmentId)
{
    private DateTimeOffset? resetAt;

    public string Id { get; } = id;

    public string DisplayName { get; set; } = displayName;

    public string CompartmentId { get; } = compartmentId;

    public string LifecycleState { get; set; } = "RUNNING";

    public string ImageId { get; set; } = "ocid1.image.oc1..fakeimage";

    public Dictionary<string, string> FreeformTags { get; set; } = new(StringComparer.Ordinal);

    public int Version { get; set; } = 1;

    public int Resets { get; set; }

    public string Etag => "inst-" + Version;

    public void Reset(DateTimeOffset now)
    {
        resetAt = now;
        Resets++;
        Version++;
        LifecycleState = "STOPPING";
    }

    public void Advance(DateTimeOffset now, FakeOciOptions options)
    {
        if (resetAt is not { } at)
        {
            return;
        }

        var state = now - at < options.ResetPhase ? "STOPPING" : now - at < 2 * options.ResetPhase ? "STARTING" : "RUNNING";
        if (state != LifecycleState)
        {
            LifecycleState = state;
            Version++;
        }

        if (state == "RUNNING")
        {
            resetAt = null;
        }
    }

    public object Json() => new
    {
        id = Id,
        displayName = DisplayName,
        compartmentId = CompartmentId,
        availabilityDomain = "Uocm:US-ASHBURN-AD-1",
        faultDomain = "FAULT-DOMAIN-1",
        shape = "BM.GPU.H100.8",
        region = "iad",
        imageId = ImageId,
        lifecycleState = LifecycleState,
        freeformTags = FreeformTags,
        definedTags = new Dictionary<string, object>(),
        timeCreated = "2026-01-05T10:00:00.000Z",
    };
}
