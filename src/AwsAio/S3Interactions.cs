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
    /// <summary>A call to S3 about a bucket, or about one of its objects.</summary>
    private static CallInfo S3Call(string operation, string bucket, string? key = null) =>
        CallInfo.Of(S3Operations.Service, operation, key is null ? ErrorTarget.Of(bucket) : ErrorTarget.Of(bucket, key));

    /// <summary>Whether a bucket exists and the caller may use it: one HeadBucket.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="provider">Supplies the S3 client and the call settings.</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<Either<DomainError, BucketStatus>> GetBucketStatusAsync(
        string bucket, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (Inputs.S3(provider, bucket) is { } invalid) return invalid;

        var head = await HeadBucketAsync(bucket, provider, ct).ConfigureAwait(false);
        return head.Match(
            Right: _ => Right<DomainError, BucketStatus>(BucketStatus.ExistsHaveAccess),
            Left: error => S3Rules.BucketStatusOf(error).ToEither());
    }

    /// <summary>
    /// Creates a bucket in the provider's region (no LocationConstraint in us-east-1, the region verbatim elsewhere).
    /// A bucket the caller already owns counts as created; a name another account owns is
    /// <c>BucketNameNotAvailable</c>. Decided by error code, by the core.
    /// </summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="provider">Supplies the S3 client, its region and the call settings.</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<Either<DomainError, Unit>> CreateBucketAsync(
        string bucket, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (Inputs.S3(provider, bucket) is { } invalid) return invalid;

        // The region comes from configuration, never from an STS call made just to learn it.
        var region = S3Rules.CreateBucketRegion(provider.Region, () => ConfiguredRegion(provider));
        if (!region.IsOk) return region.ErrorValue;

        var request = new PutBucketRequest { BucketName = bucket };
        if (S3Rules.LocationConstraint(region.ResultValue) is { } constraint)
        {
            // The constraint is sent verbatim through the configuration: the SDK's region-name setters translate
            // eu-west-1 into the legacy alias EU.
            request.PutBucketConfiguration = new PutBucketConfiguration
            {
                LocationConstraint = new Amazon.S3.BucketLocationConstraint(constraint),
            };
        }

        var created = await AwsCall.RunStepAsync(provider, S3Call(S3Operations.CreateBucket, bucket).Toward(CallGoal.BucketExists),
            c => provider.GetS3().PutBucketAsync(request, c), ct).ConfigureAwait(false);
        return created.Match(Right: _ => unit, Left: ToGoal);
    }

    /// <summary>
    /// Makes sure a bucket exists and the caller may use it, in at most two requests (HeadBucket, then CreateBucket
    /// when needed). A bucket the caller may not use, or a name owned by someone else, is
    /// <c>CouldNotEnsureBucketExists</c> with the reason.
    /// </summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="provider">Supplies the S3 client, its region and the call settings.</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<Either<DomainError, Unit>> EnsureBucketExistsAsync(
        string bucket, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (Inputs.S3(provider, bucket) is { } invalid) return invalid;

        var head = await HeadBucketAsync(bucket, provider, ct).ConfigureAwait(false);
        var step = S3Rules.EnsureStep(bucket, head.ErrorOrNull());
        if (step is EnsureStep.Stop stop) return stop.Error;
        if (step.IsAlreadyThere) return unit;

        var created = await CreateBucketAsync(bucket, provider, ct).ConfigureAwait(false);
        return created.MapLeft(error => S3Rules.EnsureCreateFailed(bucket, error));
    }

    /// <summary>
    /// Deletes every object version and delete marker of a bucket (at most 1000 per DeleteObjects, every key accounted
    /// for and every refused key reported), then the bucket. A bucket that does not exist is success, but only when S3
    /// says NoSuchBucket; a denied request is an error, never a silent skip.
    /// </summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="provider">Supplies the S3 client and the call settings.</param>
    /// <param name="ct">Cancels the call (objects already deleted stay deleted).</param>
    public static async Task<Either<DomainError, Unit>> DestroyBucketAsync(
        string bucket, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (Inputs.S3(provider, bucket) is { } invalid) return invalid;

        var emptied = await DeleteAllVersionsAsync(bucket, provider, ct).ConfigureAwait(false);
        if (!emptied.TryGetRight(out _, out var stopped))
        {
            return ToGoal(stopped);
        }

        var deleted = await AwsCall.RunStepAsync(provider, S3Call(S3Operations.DeleteBucket, bucket).Toward(CallGoal.BucketGone),
            c => provider.GetS3().DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket }, c), ct).ConfigureAwait(false);
        return deleted.Match(Right: _ => unit, Left: ToGoal);
    }

    /// <summary>A failure whose goal already holds is success; any other outcome is its error.</summary>
    private static Either<DomainError, Unit> ToGoal(FailureOutcome outcome) =>
        outcome.IsGoalHolds ? unit : Left<DomainError, Unit>(outcome.Error);

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
        string bucket, IAwsClientProvider provider, CancellationToken ct) =>
        AwsCall.RunAsync(provider, S3Call(S3Operations.HeadBucket, bucket),
            c => provider.GetS3().HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, c), ct);
}
