namespace AwsAio;

/// <summary>Settings only S3 calls read.</summary>
/// <param name="UseChunkEncoding">Whether uploads use the SDK's chunked signing (false for endpoint overrides: some
/// S3-compatible stores, s3rver among them, would store the chunk framing as the object's content).</param>
/// <param name="AllowDotSegmentKeys">Whether object keys may hold <c>.</c> or <c>..</c> path segments (refused by default:
/// HTTP layers and path-style stores normalise them, so <c>../x</c> can land outside the bucket).</param>
public sealed record S3Settings(bool UseChunkEncoding = true, bool AllowDotSegmentKeys = false)
{
    /// <summary>The defaults: chunked signing on, as AWS expects.</summary>
    public static S3Settings Default { get; } = new();

    /// <summary>The settings of a provider, or the defaults when it has none.</summary>
    /// <param name="provider">The provider a wrapper was given.</param>
    internal static S3Settings Of(IAwsClientProvider provider) => provider.GetSettings<S3Settings>() ?? Default;
}
