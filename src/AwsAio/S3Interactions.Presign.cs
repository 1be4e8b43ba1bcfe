using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;
using S3Location = AwsAio.Core.S3Location;

namespace AwsAio;

public static partial class S3Interactions
{
    /// <summary>
    /// Presigns a GET of an object: a URL anyone may fetch it with until it expires. The lifetime is checked by the core
    /// (<c>S3Transfers.PresignExpiry</c>): positive, at most 7 days, and never past the expiry of the temporary
    /// credentials that sign it — known for a role the provider assumes itself (the role is assumed first if needed);
    /// for credentials from elsewhere (SSO, credential_process, web identity, container or instance roles) the expiry
    /// is unknown to AwsAio and the URL dies with them. No request is sent to S3.
    /// </summary>
    /// <param name="location">The object.</param>
    /// <param name="lifetime">How long the URL works.</param>
    /// <param name="provider">Supplies the S3 client, its credentials and the call settings.</param>
    /// <param name="ct">Cancels the call (a role being assumed).</param>
    public static Task<Either<DomainError, PresignedUrl>> PresignGetAsync(
        S3Location location, TimeSpan lifetime, IAwsClientProvider provider, CancellationToken ct = default) =>
        PresignAsync(location, HttpVerb.GET, lifetime, null, provider, ct);

    /// <summary>
    /// Presigns a PUT of an object: a URL anyone may upload its content with (one request, up to 5 GiB) until it expires,
    /// as <see cref="PresignGetAsync"/>. A Content-Type, when given, is part of the signature: the upload must send the
    /// same one.
    /// </summary>
    /// <param name="location">The object.</param>
    /// <param name="lifetime">How long the URL works.</param>
    /// <param name="provider">Supplies the S3 client, its credentials and the call settings.</param>
    /// <param name="contentType">The Content-Type the upload must send, or null for none.</param>
    /// <param name="ct">Cancels the call (a role being assumed).</param>
    public static Task<Either<DomainError, PresignedUrl>> PresignPutAsync(
        S3Location location, TimeSpan lifetime, IAwsClientProvider provider, string? contentType = null, CancellationToken ct = default) =>
        PresignAsync(location, HttpVerb.PUT, lifetime, contentType, provider, ct);

    private static async Task<Either<DomainError, PresignedUrl>> PresignAsync(
        S3Location location, HttpVerb verb, TimeSpan lifetime, string? contentType, IAwsClientProvider provider, CancellationToken ct)
    {
        if (location is null) return NoLocation<PresignedUrl>();
        var (bucket, key) = (location.Bucket, location.Key);
        var invalid = Inputs.S3(provider, bucket, key) ?? Inputs.OfOptional(contentType, v => Validate.HeaderValue("content type", v));
        if (invalid is not null) return invalid;

        var expiry = provider is ICredentialLifetime lifetimeKnown
            ? await lifetimeKnown.CredentialExpiryAsync(ct).ConfigureAwait(false)
            : new CredentialExpiry(null);
        if (!expiry.TryGetRight(out var credentials, out var unavailable)) return unavailable;
        var expires = S3Transfers.PresignExpiry(lifetime, DateTimeOffset.UtcNow, credentials.At);
        if (Inputs.Of(expires) is { } tooLong) return tooLong;

        var request = new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = key, Verb = verb, Expires = expires.ResultValue.UtcDateTime, ContentType = contentType,
        };
        if (EndpointIsPlainHttp(provider)) request.Protocol = Protocol.HTTP;
        var signed = await AwsCall.RunAsync(provider, S3Call(S3Operations.PresignUrl, bucket, key),
            c => provider.GetS3().GetPreSignedURLAsync(request), ct).ConfigureAwait(false);
        return signed.Bind(url => Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? Right<DomainError, PresignedUrl>(new PresignedUrl(uri, verb.ToString(), expires.ResultValue))
            : DomainError.NewUnexpected(AwsErrorDetails.Of(S3Operations.Service, S3Operations.PresignUrl, "", "the SDK made no absolute URL", 0, "")
                .On(ErrorTarget.Of(bucket, key)), null));
    }

    /// <summary>Whether the S3 client talks plain http (an emulator on loopback): the presigned URL must then say http.</summary>
    private static bool EndpointIsPlainHttp(IAwsClientProvider provider)
    {
        try
        {
            return provider.GetS3().Config?.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true;
        }
        catch (Exception e) when (e is AmazonClientException or InvalidOperationException)
        {
            return false;
        }
    }
}
