using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace HpcMaint.FakeOpenStack;

/// <summary>
/// The fake's whole state behind one lock: tokens, servers, injected faults and the call log. The HTTP
/// layer and in-process specs both drive it.
/// </summary>
public sealed class FakeCloud(FakeOptions options, IEnumerable<FakeServer> servers)
{
    private readonly Lock gate = new();
    private readonly List<FakeServer> servers = [.. servers];
    private readonly Dictionary<string, DateTimeOffset> tokens = new(StringComparer.Ordinal);
    private readonly List<FakeFault> faults = [];
    private readonly List<FakeDelay> delays = [];
    private readonly List<FakeCall> calls = [];
    private readonly Dictionary<string, int> rebuildsPerServer = new(StringComparer.Ordinal);
    private int requestsInFlight;
    private int maxConcurrentRebuilds;
    private int maxConcurrentRequests;

    public FakeOptions Options => options;

    public DateTimeOffset Now => options.Time.GetUtcNow();

    public string IssueToken()
    {
        var id = "tok-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (gate)
        {
            tokens[id] = Now + options.TokenLifetime;
        }

        return id;
    }

    public DateTimeOffset ExpiryOf(string token)
    {
        lock (gate)
        {
            return tokens[token];
        }
    }

    public bool IsValidToken(string? token)
    {
        lock (gate)
        {
            return token is not null && tokens.TryGetValue(token, out var expires) && Now < expires;
        }
    }

    /// <summary>Every token issued so far stops working (as after a Keystone key rotation).</summary>
    public void ExpireTokens()
    {
        lock (gate)
        {
            tokens.Clear();
        }
    }

    public void AddFault(FakeFault fault)
    {
        lock (gate)
        {
            faults.Add(fault);
        }
    }

    public void AddDelay(FakeDelay delay)
    {
        lock (gate)
        {
            delays.Add(delay);
        }
    }

    /// <summary>The injected status for this call, if one is due (each use counts one down).</summary>
    public FakeFault? TakeFault(string method, string path) => Take(faults, f => f.Matches(method, path), f => f.Count, (f, n) => f with { Count = n });

    public FakeDelay? TakeDelay(string method, string path) => Take(delays, d => d.Matches(method, path), d => d.Count, (d, n) => d with { Count = n });

    public bool PlantRebuildFault(string server, int code, string message) => Change(server, s => s.NextRebuildFault = (code, message));

    public bool SetState(string server, string status, string? taskState) => Change(server, s =>
    {
        s.Settle();
        s.Status = status;
        s.TaskState = taskState;
    });

    public FakeServer? Find(string idOrName)
    {
        lock (gate)
        {
            var server = Locate(idOrName);
            server?.Advance(Now, options);
            return server;
        }
    }

    /// <summary>Nova's name filter: a regular expression searched anywhere in the name.</summary>
    public List<FakeServer> List(string? namePattern)
    {
        var regex = namePattern is null ? null : new Regex(namePattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        lock (gate)
        {
            foreach (var server in servers)
            {
                server.Advance(Now, options);
            }

            return servers.Where(s => regex is null || regex.IsMatch(s.Name)).ToList();
        }
    }

    /// <summary>Nova's rule: ACTIVE, SHUTOFF or ERROR with no task running; else 409.</summary>
    public (int Status, string Message) Rebuild(string id, string imageId) => Act(id, "rebuild", s => s.Status is "ACTIVE" or "SHUTOFF" or "ERROR", s =>
    {
        s.StartRebuild(imageId, Now);
        rebuildsPerServer[s.Id] = rebuildsPerServer.GetValueOrDefault(s.Id) + 1;
        maxConcurrentRebuilds = Math.Max(maxConcurrentRebuilds, servers.Count(x => x.IsRebuilding));
    });

    /// <summary>A soft reboot needs ACTIVE; a hard one also takes SHUTOFF and ERROR.</summary>
    public (int Status, string Message) Reboot(string id, bool hard) =>
        Act(id, "reboot", s => hard ? s.Status is "ACTIVE" or "SHUTOFF" or "ERROR" : s.Status == "ACTIVE", s => s.StartReboot(hard, Now));

    public void EnterRequest()
    {
        lock (gate)
        {
            requestsInFlight++;
            maxConcurrentRequests = Math.Max(maxConcurrentRequests, requestsInFlight);
        }
    }

    public void ExitRequest()
    {
        lock (gate)
        {
            requestsInFlight--;
        }
    }

    public void Record(FakeCall call)
    {
        lock (gate)
        {
            calls.Add(call);
        }
    }

    public (List<FakeCall> Calls, Dictionary<string, int> RebuildsPerServer, int MaxRebuilds, int MaxRequests) Log()
    {
        lock (gate)
        {
            return ([.. calls], new Dictionary<string, int>(rebuildsPerServer, StringComparer.Ordinal), maxConcurrentRebuilds, maxConcurrentRequests);
        }
    }

    public void ResetLog()
    {
        lock (gate)
        {
            calls.Clear();
            rebuildsPerServer.Clear();
            maxConcurrentRebuilds = 0;
            maxConcurrentRequests = requestsInFlight;
        }
    }

    /// <summary>Every server as it will be once its action ends, for scripts and the state file.</summary>
    public List<FakeServer> SettledServers()
    {
        lock (gate)
        {
            return servers.Select(s => s.SettledCopy()).ToList();
        }
    }

    /// <summary>Writes the state file, when there is one.</summary>
    public void SaveState()
    {
        if (options.StateFile is null)
        {
            return;
        }

        lock (gate)
        {
            FakeServerFile.Save(options.StateFile, servers.Select(s => s.SettledCopy()));
        }
    }

    private (int Status, string Message) Act(string id, string action, Func<FakeServer, bool> allowed, Action<FakeServer> start)
    {
        lock (gate)
        {
            foreach (var server in servers)
            {
                server.Advance(Now, options);
            }

            var target = servers.FirstOrDefault(s => s.Id == id);
            if (target is null)
            {
                return (404, $"Instance {id} could not be found.");
            }

            if (target.TaskState is not null || !allowed(target))
            {
                return (409, $"Cannot '{action}' instance {id} while it is in vm_state {target.VmState}, task_state {target.TaskState ?? "None"} (status {target.Status})");
            }

            start(target);
            return (202, "");
        }
    }

    private bool Change(string idOrName, Action<FakeServer> change)
    {
        lock (gate)
        {
            var server = Locate(idOrName);
            if (server is null)
            {
                return false;
            }

            server.Advance(Now, options);
            change(server);
            return true;
        }
    }

    /// <summary>By id first, then by name; the caller holds the lock.</summary>
    private FakeServer? Locate(string idOrName) =>
        servers.FirstOrDefault(s => s.Id == idOrName) ?? servers.FirstOrDefault(s => s.Name == idOrName);

    private T? Take<T>(List<T> list, Func<T, bool> matches, Func<T, int> count, Func<T, int, T> withCount)
        where T : class
    {
        lock (gate)
        {
            var index = list.FindIndex(x => matches(x));
            if (index < 0)
            {
                return null;
            }

            var item = list[index];
            var left = count(item) - 1;
            if (left <= 0)
            {
                list.RemoveAt(index);
            }
            else
            {
                list[index] = withCount(item, left);
            }

            return item;
        }
    }
}
