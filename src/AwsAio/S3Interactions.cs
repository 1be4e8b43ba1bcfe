using Amazon.Runtime;
using Amazon.S3.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;

namespace AwsAio;

/// <summary>
/// S3 over <c>Either</c>: every call checks its input before any request, lets the F# core decide what S3's answers
/// mean, and never throws. This file holds the bucket calls; objects and listings are in the other parts.
/// </summary>
public static partial class S3Interactions
{
    private const string S3 = "S3";

    /// <summary>Whether a bucket exists and the caller may use it: one HeadBucket.</summary>
    public static async Task<Either<DomainError, BucketStatus>> GetBucketStatusAsync(
        string bucket, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (AwsCall.NoProvider(provider) is { } missing) return missing;
        if (AwsCall.ErrorOf(Validate.BucketName(bucket)) is { } invalid) return invalid;

        var head = await HeadBucketAsync(bucket, provider, ct).ConfigureAwait(false);
        return head.Match(
            Right: _ => Right<DomainError, BucketStatus>(BucketStatus.ExistsHaveAccess),
            Left: error => S3Rules.BucketStatusOf(error).ToEither());
    }

    /// <summary>
    /// Creates a bucket in the provider's region (no LocationConstraint in us-east-1). A bucket the caller already owns
    /// counts as created; a name another account owns is <c>BucketNameNotAvailable</c>. Decided by error code.
    /// </summary>
    public static async Task<Either<DomainError, Unit>> CreateBucketAsync(
        string bucket, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (AwsCall.NoProvider(provider) is { } missing) return missing;
        if (AwsCall.ErrorOf(Validate.BucketName(bucket)) is { } invalid) return invalid;

        // The region comes from configuration, never from an STS call made just to learn it.
        var region = provider.Region ?? ConfiguredRegion(provider);
        return region is null
            ? DomainError.NewRegionUnresolved("the provider names no region and its S3 client has none configured")
            : await PutBucketAsync(bucket, region, provider, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes sure a bucket exists and the caller may use it, in at most two requests (HeadBucket, then CreateBucket
    /// when needed). A bucket the caller may not use, or a name owned by someone else, is
    /// <c>CouldNotEnsureBucketExists</c> with the reason.
    /// </summary>
    public static async Task<Either<DomainError, Unit>> EnsureBucketExistsAsync(
        string bucket, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (AwsCall.NoProvider(provider) is { } missing) return missing;
        if (AwsCall.ErrorOf(Validate.BucketName(bucket)) is { } invalid) return invalid;

        var head = await HeadBucketAsync(bucket, provider, ct).ConfigureAwait(false);
        var step = S3Rules.EnsureStep(bucket, head.ErrorOrNull());
        if (step is EnsureStep.Stop stop) return stop.Error;
        if (step.IsAlreadyThere) return unit;

        var created = await CreateBucketAsync(bucket, provider, ct).ConfigureAwait(false);
        return created.MapLeft(error => S3Rules.EnsureCreateFailed(bucket, error));
    }

    /// <summary>
    /// Deletes every object version and delete marker of a bucket (at most 1000 per DeleteObjects, every refused key
    /// reported), then the bucket. A bucket that does not exist is success, but only when S3 says NoSuchBucket; a denied
    /// request is an error, never a silent skip.
    /// </summary>
    public static async Task<Either<DomainError, Unit>> DestroyBucketAsync(
        string bucket, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (AwsCall.NoProvider(provider) is { } missing) return missing;
        if (AwsCall.ErrorOf(Validate.BucketName(bucket)) is { } invalid) return invalid;

        var emptied = await DeleteAllVersionsAsync(bucket, provider, ct).ConfigureAwait(false);
        if (emptied.IsLeft)
        {
            return SuccessIfGone(emptied);
        }

        var deleted = await AwsCall.RunAsync(S3, "DeleteBucket", ErrorTarget.Of(bucket),
            c => provider.GetS3().DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket }, c), ct).ConfigureAwait(false);
        return SuccessIfGone(deleted);
    }

    /// <summary>A destroy whose bucket S3 says is gone (NoSuchBucket, not a bare 404 or a denial) has succeeded.</summary>
    private static Either<DomainError, Unit> SuccessIfGone<T>(Either<DomainError, T> result) =>
        result.Match(
            Right: _ => Right<DomainError, Unit>(unit),
            Left: error => S3Rules.BucketAlreadyGone(error) ? Right<DomainError, Unit>(unit) : Left<DomainError, Unit>(error));

    /// <summary>The S3 client's own region (or signing region, for an endpoint override); null when it has none or
    /// the client cannot be had.</summary>
    private static string? ConfiguredRegion(IAwsClientProvider provider)
    {
        try
        {
            var config = provider.GetS3().Config;
            return config?.RegionEndpoint?.SystemName ?? (string.IsNullOrEmpty(config?.AuthenticationRegion) ? null : config.AuthenticationRegion);
        }
        catch (Exception e) when (e is AmazonClientException or InvalidOperationException or TypeInitializationException)
        {
            return null;
        }
    }

    private static Task<Either<DomainError, HeadBucketResponse>> HeadBucketAsync(
        string bucket, IAwsClientProvider provider, CancellationToken ct)
    {
        return AwsCall.RunAsync(S3, "HeadBucket", ErrorTarget.Of(bucket),
            c => provider.GetS3().HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, c), ct);
    }

    private static async Task<Either<DomainError, Unit>> PutBucketAsync(
        string bucket, string region, IAwsClientProvider provider, CancellationToken ct)
    {
        var request = new PutBucketRequest { BucketName = bucket };
        if (S3Rules.LocationConstraint(region) is { } constraint)
        {
            request.BucketRegionName = constraint;
        }

        var result = await AwsCall.RunAsync(S3, "CreateBucket", ErrorTarget.Of(bucket), c => provider.GetS3().PutBucketAsync(request, c), ct)
            .ConfigureAwait(false);
        return result.Match(
            Right: _ => unit,
            Left: error =>
            {
                var d = error.ErrorDetails;
                return ErrorMapping.IsAlreadyDone(d.Service, d.Operation, d.Code, d.HttpStatus) ? unit : Left<DomainError, Unit>(error);
            });
    }
}
