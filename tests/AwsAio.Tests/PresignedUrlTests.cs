using Xunit;

namespace AwsAio.Tests;

/// <summary>A presigned URL (PresignedUrl.cs) is a bearer secret: its rendering never shows the query string.</summary>
public sealed class PresignedUrlTests
{
    [Fact]
    public void Rendering_HidesTheQueryString_WhereTheSignatureAndTokenLive()
    {
        var url = new PresignedUrl(
            new Uri("https://b.s3.eu-west-1.amazonaws.com/k.csv?X-Amz-Security-Token=IQoJb3JpZ2lu&X-Amz-Signature=abc123"), "GET",
            new DateTimeOffset(2026, 11, 30, 13, 0, 0, TimeSpan.Zero));

        var text = url.ToString();

        Assert.Contains("https://b.s3.eu-west-1.amazonaws.com/k.csv", text);
        Assert.DoesNotContain("IQoJb3JpZ2lu", text);
        Assert.DoesNotContain("abc123", text);
        Assert.Contains("2026-11-30T13:00:00", text);
    }
    [Fact]
    public void Rendering_IsTheWholeRecord_WithItsMembersInBraces()
    {
        var url = new PresignedUrl(new Uri("https://b.s3.eu-west-1.amazonaws.com/k.csv?X-Amz-Signature=abc123"), "PUT",
            new DateTimeOffset(2026, 11, 30, 13, 0, 0, TimeSpan.Zero));

        Assert.Equal("PresignedUrl { Url = https://b.s3.eu-west-1.amazonaws.com/k.csv (signature hidden), Method = PUT, "
                     + "Expires = 2026-11-30T13:00:00.0000000+00:00 }", url.ToString());
    }
}
