namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>
/// What a signed request carries: the date and, for a request with a body, its length, type and hash,
/// exactly as signed; the signing string and signature (for the specs and for debugging a 401); and the
/// Authorization header value.
/// </summary>
public sealed record OciSignedHeaders(
    string Date,
    string? ContentLength,
    string? ContentType,
    string? ContentSha256,
    string SigningString,
    string Signature,
    string Authorization)
{
    /// <summary>Puts the signed headers on the message; the body's headers go on its content, which must be set already.</summary>
    public void ApplyTo(HttpRequestMessage message)
    {
        message.Headers.TryAddWithoutValidation("date", Date);
        message.Headers.TryAddWithoutValidation("authorization", Authorization);
        if (ContentSha256 is not null)
        {
            var content = message.Content ?? throw new InvalidOperationException("a signed body needs its content set first");
            content.Headers.ContentType = new(ContentType!);
            content.Headers.ContentLength = long.Parse(ContentLength!, System.Globalization.CultureInfo.InvariantCulture);
            message.Headers.TryAddWithoutValidation("x-content-sha256", ContentSha256);
        }
    }
}
