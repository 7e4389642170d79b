namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>One HTTP request to Keystone or Nova; rebuilt for every try.</summary>
internal sealed record ApiRequest(HttpMethod Method, string Url, byte[]? JsonBody, string? Token, string? ComputeApiVersion)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Url);
        message.Headers.Accept.ParseAdd("application/json");
        if (Token is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Auth-Token", Token);
        }

        if (ComputeApiVersion is not null)
        {
            message.Headers.TryAddWithoutValidation("OpenStack-API-Version", "compute " + ComputeApiVersion);
        }

        if (JsonBody is not null)
        {
            message.Content = new ByteArrayContent(JsonBody);
            message.Content.Headers.ContentType = new("application/json");
        }

        return message;
    }
}
