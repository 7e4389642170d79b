using System.Net.Http.Headers;

namespace HpcMaint.Adapters.Cloud;

/// <summary>The wait a cloud asked for in Retry-After (seconds or a date), cut to what the client honours.</summary>
internal static class RetryAfter
{
    public static TimeSpan? Asked(HttpResponseHeaders headers, TimeProvider time, TimeSpan longest)
    {
        var asked = headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        if (asked is not { } wait)
        {
            return null;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > longest ? longest : wait;
    }
}
