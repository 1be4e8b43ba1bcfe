using Amazon.EC2;
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
}
