using System.Text;
using AwsAio.Core;

namespace AwsAio;

/// <summary>
/// A presigned URL: anyone holding it may <see cref="Method"/> the object until <see cref="Expires"/>, without
/// credentials. The URL is a bearer secret: <c>ToString()</c> shows it without its query string (where the signature
/// lives); use <see cref="Url"/> to hand it over.
/// </summary>
/// <param name="Url">The URL, signature included.</param>
/// <param name="Method">The HTTP method it is signed for: GET or PUT.</param>
/// <param name="Expires">When it stops working.</param>
public sealed record PresignedUrl(Uri Url, string Method, DateTimeOffset Expires)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Url = {Validate.SafeUrl(Url.OriginalString)} (signature hidden), Method = {Method}, Expires = {Expires:O}");
        return true;
    }
}
