namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>One OCI API request; signed afresh for every try (the date moves on).</summary>
internal sealed record OciRequest(HttpMethod Method, Uri Url, byte[]? Body = null, string? IfMatch = null, string? RetryToken = null)
{
    public HttpRequestMessage ToMessage(OciRequestSigner signer, string date, string requestId)
    {
        var message = new HttpRequestMessage(Method, Url);
        message.Headers.Accept.ParseAdd("application/json");
        message.Headers.TryAddWithoutValidation("opc-request-id", requestId);
        if (IfMatch is not null)
        {
            message.Headers.TryAddWithoutValidation("if-match", IfMatch);
        }

        if (RetryToken is not null)
        {
            message.Headers.TryAddWithoutValidation("opc-retry-token", RetryToken);
        }

        var body = OciRequestSigner.SignsBody(Method) ? Body ?? [] : null;
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
        }

        signer.Sign(Method, Url, date, body).ApplyTo(message);
        return message;
    }

    public override string ToString() => $"{Method} {Url.AbsolutePath}";
}
