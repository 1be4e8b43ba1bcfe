namespace AwsAio;

/// <summary>Settings only S3 calls read.</summary>
/// <param name="UseChunkEncoding">Whether uploads use the SDK's chunked signing (false for endpoint overrides: some
/// S3-compatible stores, s3rver among them, would store the chunk framing as the object's content).</param>
public sealed record S3Settings(bool UseChunkEncoding = true)
{
    /// <summary>The defaults: chunked signing on, as AWS expects.</summary>
    public static S3Settings Default { get; } = new();

    /// <summary>The settings of a provider, or the defaults when it has none.</summary>
    /// <param name="provider">The provider a wrapper was given.</param>
    internal static S3Settings Of(IAwsClientProvider provider) => provider.GetSettings<S3Settings>() ?? Default;
}
