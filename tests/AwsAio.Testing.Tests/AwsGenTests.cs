using System.Net;
using Amazon.S3.Model;
using AwsAio.Testing.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static AwsAio.Testing.Tests.Support.Sampling;

namespace AwsAio.Testing.Tests;

/// <summary>The building blocks produce the nulls, empties and odd values they promise, at the stated rates.</summary>
public sealed class AwsGenTests
{
    [Fact]
    public void OrNull_IsNullAboutOneTimeInFour_AndOtherwiseAValue()
    {
        var samples = Draw(AwsGen.OrNull(Gen.Constant("x")));

        ShareBetween(samples, s => s is null, 0.18, 0.32, "nulls");
        Assert.All(samples.Where(s => s is not null), s => Assert.Equal("x", s));
    }

    [Fact]
    public void OrNullValue_IsNullAboutOneTimeInFour()
    {
        ShareBetween(Draw(AwsGen.OrNullValue(Gen.Constant(7))), s => s is null, 0.18, 0.32, "nulls");
    }

    [Fact]
    public void ListOrNull_IsNullOrEmptyOrFilled_AndNeverLongerThanAsked()
    {
        var samples = Draw(AwsGen.ListOrNull(Gen.Constant(1), 3));

        ShareBetween(samples, l => l is null, 0.10, 0.25, "null lists");
        ShareBetween(samples, l => l is { Count: 0 }, 0.10, 0.25, "empty lists");
        ShareBetween(samples, l => l is { Count: > 0 }, 0.55, 0.80, "filled lists");
        Assert.All(samples, l => Assert.True(l is null || l.Count <= 3));
    }

    [Fact]
    public void ListOrNull_BuildsAFreshListForEverySample()
    {
        var samples = Draw(AwsGen.ListOrNull(Gen.Constant(1)), 500).Where(l => l is not null).ToList();

        Assert.Equal(samples.Count, samples.Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void Text_ReachesEmptyBlankNonAsciiXmlSpecialAndVeryLongStrings()
    {
        var samples = Draw(AwsGen.Text());

        Assert.Contains("", samples);
        Assert.Contains(samples, s => s.Length > 0 && string.IsNullOrWhiteSpace(s));
        Assert.Contains(samples, s => s.Any(c => c > 127));
        Assert.Contains(samples, s => s.Contains('<') || s.Contains('&'));
        Assert.Contains(samples, s => s.Length > 200);
    }

    [Fact]
    public void RequestIdAndTokens_IncludeNullEmptyAndValues()
    {
        var ids = Draw(AwsGen.RequestId());
        var tokens = Draw(AwsGen.TokenOrNull());

        Assert.Contains(ids, id => id is null);
        Assert.Contains(ids, id => id == "");
        Assert.Contains(ids, id => id is { Length: 16 });
        Assert.Contains(tokens, t => t is null);
        Assert.Contains(tokens, t => t == "");
        Assert.Contains(tokens, t => t is not null && (t.Contains('/') || t.Contains('+') || t.Contains('=')));
    }

    [Fact]
    public void Timestamp_ReachesNullTheExtremesAndEveryKind()
    {
        var samples = Draw(AwsGen.Timestamp());

        Assert.Contains(null, samples);
        Assert.Contains(DateTime.MinValue, samples.OfType<DateTime>());
        Assert.Contains(DateTime.MaxValue, samples.OfType<DateTime>());
        Assert.Equal(
            [DateTimeKind.Unspecified, DateTimeKind.Utc, DateTimeKind.Local],
            samples.OfType<DateTime>().Select(t => t.Kind).Distinct().Order());
    }

    [Fact]
    public void Response_SetsEveryFieldOnAFreshResponse_WithVariedStatusAndMetadata()
    {
        var samples = Draw(AwsGen.Response(
            AwsGen.Field(Gen.Constant("awsaio"), (ListObjectsV2Response r, string v) => r.Name = v)), 1000);

        Assert.All(samples, r => Assert.Equal("awsaio", r.Name));
        Assert.Equal(samples.Length, samples.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Contains(samples, r => r.HttpStatusCode == HttpStatusCode.OK);
        Assert.Contains(samples, r => r.HttpStatusCode != HttpStatusCode.OK);
        Assert.Contains(samples, r => r.ResponseMetadata is null);
        Assert.Contains(samples, r => r.ResponseMetadata is { RequestId: null });
        Assert.Contains(samples, r => r.ResponseMetadata is { RequestId.Length: > 0 });
    }

    [Fact]
    public void Constant_ReachesNullKnownAndUnknownValues()
    {
        var samples = Draw(S3Responses.StorageClass());

        Assert.Contains(null, samples);
        Assert.Contains(Amazon.S3.S3StorageClass.Glacier, samples);
        Assert.Contains(samples, c => c is not null && c.Value == "FUTURE_VALUE");
    }
}
