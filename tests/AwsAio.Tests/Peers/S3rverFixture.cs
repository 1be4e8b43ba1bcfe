namespace AwsAio.Tests.Peers;

/// <summary>
/// A real S3 peer for integration tests: the npm package <c>s3rver</c> 3.7.1, started by
/// <c>tests/peers/start-s3rver.js</c> on 127.0.0.1 (a port the OS chooses) over a fresh temporary directory, and
/// stopped, with its directory deleted, when the fixture is disposed. Use it as an <see cref="Xunit.IClassFixture{T}"/>.
/// </summary>
public sealed class S3rverFixture() : NodeS3Peer("s3rver", "s3rver", "start-s3rver.js", withDataDirectory: true, Credentials)
{
    /// <summary>The access key and secret key s3rver accepts (it checks SigV4 signatures against these).</summary>
    public static (string AccessKey, string SecretKey) Credentials => ("S3RVER", "S3RVER");
}
