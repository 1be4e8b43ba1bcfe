using Amazon.EC2;
using Amazon.S3;
using Amazon.SecurityToken;
using AwsAio.Core;
using LanguageExt;

namespace AwsAio.Testing;

/// <summary>
/// An <see cref="IAwsClientProvider"/> for tests that hands out the clients it was given (mocks, fakes, or real clients
/// pointed at a loopback stub). A client it was not given is an <see cref="InvalidOperationException"/> when asked
/// for, which AwsAio's wrappers report as a Left. Its environment is the given one, or account 123456789012 in its
/// region.
/// </summary>
/// <example><code>
/// var provider = new FakeAwsClientProvider(s3: s3Mock.Object) { Region = "eu-west-1" };
/// var status = await S3Interactions.GetBucketStatusAsync("awsaio-logs", provider);
/// </code></example>
public sealed class FakeAwsClientProvider : IAwsClientProvider
{
    /// <summary>The account of the default environment.</summary>
    public const string DefaultAccount = "123456789012";

    private readonly IAmazonS3? _s3;
    private readonly IAmazonEC2? _ec2;
    private readonly IAmazonSecurityTokenService? _sts;

    /// <summary>Creates a provider handing out the given clients.</summary>
    /// <param name="s3">The S3 client, if any.</param>
    /// <param name="ec2">The EC2 client, if any.</param>
    /// <param name="sts">The STS client, if any.</param>
    public FakeAwsClientProvider(IAmazonS3? s3 = null, IAmazonEC2? ec2 = null, IAmazonSecurityTokenService? sts = null)
    {
        _s3 = s3;
        _ec2 = ec2;
        _sts = sts;
    }

    /// <summary>The region the provider works in (us-east-1 unless set; null means "the S3 client's own").</summary>
    public string? Region { get; init; } = "us-east-1";

    /// <summary>The settings <see cref="GetSettings{TSettings}"/> hands out, by type (for example a
    /// <see cref="CallSettings"/> with a short deadline, or <see cref="S3Settings"/>); none means every kind's
    /// defaults.</summary>
    public IReadOnlyList<object> Settings { get; init; } = [];

    /// <summary>The environment <see cref="GetEnvironmentAsync"/> answers; null for account
    /// <see cref="DefaultAccount"/> in <see cref="Region"/> (or us-east-1).</summary>
    public AwsEnvironment? Environment { get; init; }

    /// <inheritdoc />
    public IAmazonS3 GetS3() => _s3 ?? throw new InvalidOperationException("This FakeAwsClientProvider was given no S3 client.");

    /// <inheritdoc />
    public IAmazonEC2 GetEc2() => _ec2 ?? throw new InvalidOperationException("This FakeAwsClientProvider was given no EC2 client.");

    /// <inheritdoc />
    public IAmazonSecurityTokenService GetSts() =>
        _sts ?? throw new InvalidOperationException("This FakeAwsClientProvider was given no STS client.");

    /// <inheritdoc />
    public TSettings? GetSettings<TSettings>()
        where TSettings : class =>
        Settings.OfType<TSettings>().FirstOrDefault();

    /// <inheritdoc />
    public Task<Either<DomainError, AwsEnvironment>> GetEnvironmentAsync(CancellationToken ct = default) =>
        Task.FromResult(ct.IsCancellationRequested
            ? Either<DomainError, AwsEnvironment>.Left(DomainError.NewCancelled("GetEnvironment"))
            : Either<DomainError, AwsEnvironment>.Right(Environment ?? new AwsEnvironment(DefaultAccount, Region ?? "us-east-1", null)));

    /// <summary>Describes the provider (which clients it holds, its region).</summary>
    public override string ToString() =>
        $"FakeAwsClientProvider(region {Region ?? "none"}, s3 {(_s3 is null ? "no" : "yes")}, ec2 {(_ec2 is null ? "no" : "yes")}, sts {(_sts is null ? "no" : "yes")})";
}
