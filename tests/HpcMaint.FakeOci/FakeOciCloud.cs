using System.Globalization;
using System.Text.Json;

namespace HpcMaint.FakeOci;

/// <summary>
/// The fake's whole state behind one lock: compartments, instances, maintenance events, work requests,
/// injected faults, the call log and the count of writes. The HTTP layer and in-process specs both drive it.
/// </summary>
public sealed class FakeOciCloud(FakeOciOptions options)
{
    private readonly Lock gate = new();
    private readonly List<(string Id, string Parent, string Name)> compartments = [];
    private readonly List<FakeOciInstance> instances = [];
    private readonly List<FakeOciEvent> events = [];
    private readonly Dictionary<string, FakeOciWorkRequest> workRequests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Fingerprint, FakeOciAnswer Answer)> retried = new(StringComparer.Ordinal);
    private readonly List<FakeOciFault> faults = [];
    private readonly List<FakeOciCall> calls = [];
    private int next;

    public FakeOciOptions Options => options;

    public DateTimeOffset Now => options.Time.GetUtcNow();

    /// <summary>Calls that changed state (a replayed retry token changes nothing): dry runs must leave this at 0.</summary>
    public int Writes
    {
        get
        {
            lock (gate)
            {
                return calls.Count(c => c.Wrote);
            }
        }
    }

    public string AddCompartment(string name, string? parent = null)
    {
        lock (gate)
        {
            var id = $"ocid1.compartment.oc1..{name}";
            compartments.Add((id, parent ?? options.Tenancy, name));
            return id;
        }
    }

    public FakeOciInstance AddInstance(string displayName, string? compartmentId = null, Dictionary<string, string>? tags = null)
    {
        lock (gate)
        {
            var instance = new FakeOciInstance($"ocid1.instance.oc1.iad.{displayName}-{++next}", displayName, compartmentId ?? options.Tenancy);
            if (tags is not null)
            {
                instance.FreeformTags = new(tags, StringComparer.Ordinal);
            }

            instances.Add(instance);
            return instance;
        }
    }

    public FakeOciEvent AddEvent(FakeOciInstance instance, string? faultId = null, string? correlationToken = null, DateTimeOffset? hardDueDate = null)
    {
        lock (gate)
        {
            var maintenance = new FakeOciEvent($"ocid1.instancemaintenanceevent.oc1.iad.e{++next}", instance.Id, instance.CompartmentId)
            {
                TimeWindowStart = Now + TimeSpan.FromDays(7),
                TimeHardDueDate = hardDueDate,
                CorrelationToken = correlationToken,
            };
            if (faultId is not null)
            {
                maintenance.AdditionalDetails["faultDetails"] = JsonSerializer.Serialize(new[]
                {
                    new Dictionary<string, string> { ["faultId"] = faultId, ["faultComponent"] = "GPU", ["customerDescription"] = "a GPU failed its diagnostics", ["recommendedAction"] = "replace" },
                });
                maintenance.AdditionalDetails["primaryVnicAddress"] = "10.0.0." + next;
            }

            events.Add(maintenance);
            return maintenance;
        }
    }

    public void AddFault(FakeOciFault fault)
    {
        lock (gate)
        {
            faults.Add(fault);
        }
    }

    /// <summary>Runs <paramref name="change"/> on the state under the lock (a spec planting an outcome, a state).</summary>
    public void Change(Action change)
    {
        lock (gate)
        {
            change();
        }
    }

    public List<FakeOciCall> Calls()
    {
        lock (gate)
        {
            return [.. calls];
        }
    }

    public FakeOciFault? TakeFault(string method, string path)
    {
        lock (gate)
        {
            var index = faults.FindIndex(f => f.Count > 0 && f.Matches(method, path));
            if (index < 0)
            {
                return null;
            }

            var fault = faults[index];
            faults[index] = fault with { Count = fault.Count - 1 };
            return fault;
        }
    }

    /// <summary>
    /// Told of each call once it is carried out and before its answer goes back (outside the lock): a spec
    /// can kill its client at that point, so OCI has done what the client never heard.
    /// </summary>
    public Action<FakeOciCall>? Answering { get; set; }

    public void Record(FakeOciCall call)
    {
        lock (gate)
        {
            calls.Add(call);
        }

        Answering?.Invoke(call);
    }

    /// <summary>One API call (signature already checked), routed by method and path below /20160918.</summary>
    public FakeOciAnswer Answer(FakeOciRequest request)
    {
        lock (gate)
        {
            foreach (var instance in instances)
            {
                instance.Advance(Now, options);
            }

            foreach (var maintenance in events)
            {
                maintenance.Advance(Now, options);
            }

            // A write retried with its opc-retry-token is answered as the first time and not carried out again.
            var replayKey = request.RetryToken is null ? null : request.Method + " " + request.Path + " " + request.RetryToken;
            if (replayKey is not null && retried.TryGetValue(replayKey, out var earlier))
            {
                return earlier.Fingerprint == Convert.ToBase64String(request.Body)
                    ? new FakeOciAnswer(earlier.Answer.Status, earlier.Answer.Body).WithHeaders(earlier.Answer)
                    : FakeOciAnswer.Error(409, "RetryTokenReused", "the opc-retry-token was used for a different request");
            }

            var answer = Route(request);
            if (replayKey is not null && answer.Status is >= 200 and < 300)
            {
                retried[replayKey] = (Convert.ToBase64String(request.Body), answer);
            }

            return answer;
        }
    }

    private FakeOciAnswer Route(FakeOciRequest r)
    {
        var parts = r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts[0] != "20160918")
        {
            return FakeOciAnswer.NotFound(r.Path);
        }

        return (r.Method, parts[1], parts.Length) switch
        {
            ("GET", "compartments", 2) => ListCompartments(r),
            ("GET", "instanceMaintenanceEvents", 2) => ListEvents(r),
            ("GET", "instanceMaintenanceEvents", 3) => GetEvent(parts[2]),
            ("PUT", "instanceMaintenanceEvents", 3) => UpdateEvent(parts[2], r),
            ("GET", "workRequests", 3) => workRequests.TryGetValue(parts[2], out var wr) ? new FakeOciAnswer(200, wr.Json(Now, options)) : FakeOciAnswer.NotFound(parts[2]),
            ("GET", "instances", 2) => ListInstances(r),
            ("GET", "instances", 3) => Instance(parts[2]) is { } i ? new FakeOciAnswer(200, i.Json()).With("etag", i.Etag) : FakeOciAnswer.NotFound(parts[2]),
            ("POST", "instances", 3) => InstanceAction(parts[2], r),
            ("PUT", "instances", 3) => UpdateInstance(parts[2], r),
            _ => FakeOciAnswer.NotFound(r.Method + " " + r.Path),
        };
    }

    private FakeOciAnswer ListCompartments(FakeOciRequest r)
    {
        var root = r.Query("compartmentId");
        var subtree = r.Query("compartmentIdInSubtree") == "true";
        if (root is null)
        {
            return FakeOciAnswer.Error(400, "MissingParameter", "compartmentId is required");
        }

        if (subtree && root != options.Tenancy)
        {
            return FakeOciAnswer.Error(400, "InvalidParameter", "compartmentIdInSubtree is only allowed when compartmentId is the tenancy");
        }

        var found = compartments.Where(c => subtree ? Descends(c.Id, root) : c.Parent == root)
            .Select(c => (object)new { id = c.Id, compartmentId = c.Parent, name = c.Name, description = c.Name, lifecycleState = "ACTIVE", timeCreated = "2026-01-01T00:00:00.000Z" });
        return Page(found.ToList(), r);
    }

    private bool Descends(string id, string root)
    {
        for (var c = compartments.FirstOrDefault(x => x.Id == id); c.Id is not null; c = compartments.FirstOrDefault(x => x.Id == c.Parent))
        {
            if (c.Parent == root)
            {
                return true;
            }
        }

        return false;
    }

    private FakeOciAnswer ListEvents(FakeOciRequest r)
    {
        if (r.Query("compartmentId") is not { } compartment)
        {
            return FakeOciAnswer.Error(400, "MissingParameter", "compartmentId is required");
        }

        var state = r.Query("lifecycleState");
        var instance = r.Query("instanceId");
        var found = events.Where(e => e.CompartmentId == compartment && (state is null || e.LifecycleState == state) && (instance is null || e.InstanceId == instance))
            .Select(e => (object)e.Json(full: false));
        return Page(found.ToList(), r);
    }

    private FakeOciAnswer GetEvent(string id) =>
        events.FirstOrDefault(e => e.Id == id) is { } e ? new FakeOciAnswer(200, e.Json(full: true)).With("etag", e.Etag) : FakeOciAnswer.NotFound(id);

    private FakeOciAnswer UpdateEvent(string id, FakeOciRequest r)
    {
        if (events.FirstOrDefault(e => e.Id == id) is not { } maintenance)
        {
            return FakeOciAnswer.NotFound(id);
        }

        if (r.IfMatch is { } etag && etag != maintenance.Etag)
        {
            return FakeOciAnswer.Error(412, "NoEtagMatch", $"The if-match etag {etag} does not match the resource's {maintenance.Etag}");
        }

        if (!r.TryJson(out var body))
        {
            return FakeOciAnswer.Error(400, "InvalidParameter", "the body is not JSON");
        }

        DateTimeOffset? start = null;
        if (body.TryGetProperty("timeWindowStart", out var startText))
        {
            if (startText.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(startText.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                || !(startText.GetString()!.EndsWith('Z') || startText.GetString()!.Contains('+', StringComparison.Ordinal)))
            {
                return FakeOciAnswer.Error(400, "InvalidParameter", "timeWindowStart must be an RFC 3339 date-time with its offset");
            }

            if (maintenance.LifecycleState != "SCHEDULED")
            {
                return FakeOciAnswer.Error(409, "IncorrectState", $"the event is {maintenance.LifecycleState}; only a SCHEDULED event can be rescheduled");
            }

            start = parsed;
        }

        if (body.TryGetProperty("freeformTags", out var tags))
        {
            if (tags.ValueKind != JsonValueKind.Object || tags.EnumerateObject().Any(t => t.Value.ValueKind != JsonValueKind.String))
            {
                return FakeOciAnswer.Error(400, "InvalidParameter", "freeformTags values must be strings");
            }

            maintenance.FreeformTags = tags.EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetString()!, StringComparer.Ordinal);
        }

        maintenance.Version++;
        string? workRequest = null;
        if (start is { } at)
        {
            // A work request that fails leaves the event as it was: scheduled by OCI's own window.
            if (WorkRequestOutcome == "SUCCEEDED")
            {
                maintenance.TimeWindowStart = at;
                maintenance.ScheduledFor = at < Now ? Now : at;
            }

            maintenance.Schedules++;
            workRequest = $"ocid1.coreservicesworkrequest.oc1.iad.w{++next}";
            workRequests[workRequest] = new FakeOciWorkRequest(workRequest, maintenance.CompartmentId, maintenance.Id, Now, WorkRequestOutcome);
            WorkRequestOutcome = "SUCCEEDED";
            maintenance.WorkRequestId = workRequest;
        }

        return new FakeOciAnswer(200, null, Wrote: true).With("opc-work-request-id", workRequest).With("etag", maintenance.Etag);
    }

    /// <summary>How the next event update's work request ends (FAILED, CANCELED); back to SUCCEEDED after it.</summary>
    public string WorkRequestOutcome { get; set; } = "SUCCEEDED";

    private FakeOciAnswer ListInstances(FakeOciRequest r)
    {
        if (r.Query("compartmentId") is not { } compartment)
        {
            return FakeOciAnswer.Error(400, "MissingParameter", "compartmentId is required");
        }

        var name = r.Query("displayName");
        return Page(instances.Where(i => i.CompartmentId == compartment && (name is null || i.DisplayName == name)).Select(i => i.Json()).ToList(), r);
    }

    private FakeOciInstance? Instance(string id) => instances.FirstOrDefault(i => i.Id == id);

    private FakeOciAnswer InstanceAction(string id, FakeOciRequest r)
    {
        if (Instance(id) is not { } instance)
        {
            return FakeOciAnswer.NotFound(id);
        }

        var action = r.Query("action");
        if (action is not ("SOFTRESET" or "RESET"))
        {
            return FakeOciAnswer.Error(400, "InvalidParameter", $"action {action} is not one the fake knows (SOFTRESET, RESET)");
        }

        if (instance.LifecycleState != "RUNNING" && !(action == "RESET" && instance.LifecycleState == "STOPPED"))
        {
            return FakeOciAnswer.Error(409, "IncorrectState", $"instance {id} is {instance.LifecycleState}");
        }

        instance.Reset(Now);
        return new FakeOciAnswer(200, instance.Json(), Wrote: true).With("etag", instance.Etag);
    }

    private FakeOciAnswer UpdateInstance(string id, FakeOciRequest r)
    {
        if (Instance(id) is not { } instance)
        {
            return FakeOciAnswer.NotFound(id);
        }

        if (r.IfMatch is { } etag && etag != instance.Etag)
        {
            return FakeOciAnswer.Error(412, "NoEtagMatch", $"The if-match etag {etag} does not match the resource's {instance.Etag}");
        }

        if (!r.TryJson(out var body) || !body.TryGetProperty("freeformTags", out var tags) || tags.ValueKind != JsonValueKind.Object
            || tags.EnumerateObject().Any(t => t.Value.ValueKind != JsonValueKind.String))
        {
            return FakeOciAnswer.Error(400, "InvalidParameter", "the fake updates freeformTags (string values) only");
        }

        instance.FreeformTags = tags.EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetString()!, StringComparer.Ordinal);
        instance.Version++;
        return new FakeOciAnswer(200, instance.Json(), Wrote: true).With("etag", instance.Etag);
    }

    /// <summary>A page of at most limit (and the fake's page size) items from the page token on; opc-next-page when more are left.</summary>
    private FakeOciAnswer Page(List<object> items, FakeOciRequest r)
    {
        var limit = int.TryParse(r.Query("limit"), CultureInfo.InvariantCulture, out var asked) && asked > 0 ? Math.Min(asked, options.PageSize) : options.PageSize;
        var from = 0;
        if (r.Query("page") is { } token && (!token.StartsWith('p') || !int.TryParse(token[1..], CultureInfo.InvariantCulture, out from)))
        {
            return FakeOciAnswer.Error(400, "InvalidParameter", $"page {token} is not a page token this fake gave");
        }

        var answer = new FakeOciAnswer(200, items.Skip(from).Take(limit).ToList());
        return from + limit < items.Count ? answer.With("opc-next-page", "p" + (from + limit)) : answer;
    }
}
