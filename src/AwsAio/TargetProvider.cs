using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using AwsAio.Core;
using LanguageExt;

namespace AwsAio;

/// <summary>
/// The provider <see cref="AwsClientProvider.For"/> hands out for another account and/or region: a light handle on the
/// parent's cache of targets. Its clients come from the cached child provider for the target (rebuilt if it was
/// evicted while idle), its role credentials are shared with every other region of the same role, and its settings
/// are the parent's. It stays usable as long as the parent lives; calls through it hold the child in the cache.
/// </summary>
/// <param name="root">The provider the target is relative to.</param>
/// <param name="targets">The root's cache of targets.</param>
/// <param name="key">The resolved target.</param>
internal sealed class TargetProvider(AwsClientProvider root, ProviderTargets targets, TargetKey key) : IAwsClientProvider
{
    /// <summary>The resolved target.</summary>
    internal TargetKey Key => key;

    /// <inheritdoc />
    public IAmazonS3 GetS3() => targets.Current(key).GetS3();

    /// <inheritdoc />
    public IAmazonEC2 GetEc2() => targets.Current(key).GetEc2();

    /// <inheritdoc />
    public IAmazonSecurityTokenService GetSts() => targets.Current(key).GetSts();

    /// <inheritdoc />
    public string? Region => key.Region;

    /// <inheritdoc />
    public TSettings? GetSettings<TSettings>() where TSettings : class => root.GetSettings<TSettings>();

    /// <inheritdoc />
    public TClient Client<TClient, TConfig>(Func<AWSCredentials, TConfig, TClient> create)
        where TClient : class, IDisposable
        where TConfig : ClientConfig, new() =>
        targets.Current(key).Client(create);

    /// <inheritdoc />
    public async Task<Either<DomainError, AwsEnvironment>> GetEnvironmentAsync(CancellationToken ct = default)
    {
        using var lease = targets.TryLease(key);
        if (lease is not null) return await lease.Provider.GetEnvironmentAsync(ct).ConfigureAwait(false);
        if (targets.IsDisposed) return DomainError.NewInvalidInput("provider", "has been disposed");

        // The target's provider cannot be built (the options' ConfigureClient hook threw): the call runner reports why,
        // as it does for every other call through this target.
        return (await AwsClientProvider.CallerIdentityAsync(this, ct).ConfigureAwait(false))
            .Map(id => new AwsEnvironment(id.Account, key.Region, root.ProfileName));
    }

    /// <summary>
    /// Another target relative to this one: unset parts keep this target's role and region. A new role is assumed from
    /// the root provider's credentials (roles are not chained through this one).
    /// </summary>
    /// <param name="target">The role and/or region.</param>
    public Either<DomainError, IAwsClientProvider> For(AwsTarget target) =>
        target is null
            ? DomainError.NewInvalidInput("target", "is required")
            : root.For(target is { RoleArn: null, ExternalId: null }
                ? target with { RoleArn = key.RoleArn, ExternalId = key.ExternalId, Region = target.Region ?? key.Region }
                : target with { Region = target.Region ?? key.Region });

    /// <summary>Starts fetching the target role's credentials in the background (see <see cref="ProviderTargets.Warm"/>).</summary>
    internal void Warm() => targets.Warm(key);

    /// <summary>Holds the child in the cache while a call uses it; null when the parent has been disposed or the child
    /// cannot be built.</summary>
    internal IDisposable? Lease() => targets.TryLease(key);

    /// <summary>Names the target and the provider it belongs to; never a secret.</summary>
    public override string ToString() => $"AwsClientProvider for {key} (from {root})";
}
