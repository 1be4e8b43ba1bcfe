using System.Globalization;

namespace AwsAio.Tests.Peers;

/// <summary>
/// The second real S3 peer, for what s3rver lacks (AbortMultipartUpload, copies through x-amz-copy-source, ranged
/// reads): the npm package <c>fauxqs</c> 1.9.2, its S3 part started in memory by <c>tests/peers/start-fauxqs.js</c> on
/// 127.0.0.1. It accepts any credentials and takes requests up to 11 MiB, so tests keep single uploads and parts below
/// that. Use it as an <see cref="Xunit.IClassFixture{T}"/>.
/// </summary>
public sealed class FauxqsFixture() : NodeS3Peer("fauxqs", "fauxqs", "start-fauxqs.js", withDataDirectory: false, ("FAUXQS", "FAUXQS"))
{
    /// <summary>
    /// How many multipart uploads the peer's store holds open (created, neither completed nor aborted), read from the
    /// store itself by the launcher — what ListMultipartUploads would list, which the peer does not implement.
    /// </summary>
    public async Task<int> GetOpenUploadCountAsync()
    {
        var text = await Http.GetStringAsync("__awsaio/uploads");
        return int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
