using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using AwsAio.Core;
using LanguageExt;

namespace AwsAio;

/// <summary>
/// Hands out AWS clients configured for one set of credentials, region and endpoint, and the settings the wrappers
/// apply to every call. Wrappers take it as their last domain argument, so tests pass a Moq mock that returns mock
/// clients.
/// </summary>
public interface IAwsClientProvider
{
    /// <summary>The S3 client (created once, then reused).</summary>
    IAmazonS3 GetS3();

    /// <summary>The EC2 client (created once, then reused).</summary>
    IAmazonEC2 GetEc2();

    /// <summary>The STS client (created once, then reused).</summary>
    IAmazonSecurityTokenService GetSts();

    /// <summary>The account, region and profile the provider works in (one STS call, then cached).</summary>
    /// <param name="ct">Cancels the STS call.</param>
    Task<Either<DomainError, AwsEnvironment>> GetEnvironmentAsync(CancellationToken ct = default);

    /// <summary>The region the provider works in, known without any request; null means the S3 client's own
    /// configured region is used.</summary>
    string? Region => null;

    /// <summary>
    /// The provider's settings of one kind: <see cref="CallSettings"/> for every call (deadline, idle timeout, logger),
    /// <see cref="S3Settings"/> for S3 uploads, and so on for any service that has settings of its own. Null (or a
    /// mock that sets nothing up) means the kind's defaults.
    /// </summary>
    /// <typeparam name="TSettings">The kind of settings.</typeparam>
    TSettings? GetSettings<TSettings>() where TSettings : class => null;

    /// <summary>
    /// Any SDK client, built once with the provider's credentials (shared refreshing role credentials included), region
    /// or endpoint, timeouts, retries, bounded HTTP and the options' <c>ConfigureClient</c> hook, then reused — for a
    /// service AwsAio does not wrap (SQS, SSM, …). One instance per client type and provider. Run the calls through
    /// <see cref="AwsSdk"/> to get AwsAio's error mapping. A provider that builds no other clients (a test double)
    /// throws <see cref="NotSupportedException"/>, which <see cref="AwsSdk"/> reports as an error.
    /// </summary>
    /// <typeparam name="TClient">The client type.</typeparam>
    /// <typeparam name="TConfig">The client's configuration type.</typeparam>
    /// <param name="create">Builds the client from the credentials and the configured configuration.</param>
    /// <example><code>provider.Client&lt;AmazonSQSClient, AmazonSQSConfig&gt;((credentials, config) =&gt; new AmazonSQSClient(credentials, config))</code></example>
    TClient Client<TClient, TConfig>(Func<AWSCredentials, TConfig, TClient> create)
        where TClient : class, IDisposable
        where TConfig : ClientConfig, new() =>
        throw new NotSupportedException($"{GetType().Name} builds no clients other than its getters' ({typeof(TClient).Name} was asked for)");

    /// <summary>
    /// A provider for another account and/or region (a role to assume, with its external id, and/or a region), cached
    /// by target; the target is checked first, with the same errors <c>Create</c> gives. A provider that cannot work
    /// elsewhere (a test double) answers with an <c>InvalidInput</c> Left.
    /// </summary>
    /// <param name="target">The role and/or region.</param>
    Either<DomainError, IAwsClientProvider> For(AwsTarget target) =>
        DomainError.NewInvalidInput("target", $"{GetType().Name} cannot work for other accounts or regions");
}
