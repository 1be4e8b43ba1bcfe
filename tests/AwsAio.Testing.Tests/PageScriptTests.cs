using Xunit;

namespace AwsAio.Testing.Tests;

/// <summary>A page script says where a careful listing stops, why, what it listed, and which anomalies it holds.</summary>
public sealed class PageScriptTests
{
    private static ScriptedPage<int> Page(int[]? items, bool? truncated, string? next) => new(items, truncated, next);

    [Fact]
    public void Completed_WhenAPageIsNotTruncated_WithEveryItemUpToIt()
    {
        var script = new PageScript<int>([Page([1, 2], true, "a"), Page([3], false, "leftover"), Page([4], false, null)]);

        Assert.Equal((ScriptEnd.Completed, 1), (script.End, script.EndsAt));
        Assert.Equal([1, 2, 3], script.ItemsUntilEnd);
        Assert.Equal([1, 2, 3, 4], script.AllItems);
        Assert.Equal(PageAnomaly.TokenOnLastPage, script.Anomalies);
        Assert.True(script.Completes);
    }

    [Fact]
    public void Completed_WhenAPageHasNeitherFlagNorToken_ButContinues_WhenItHasATokenWithoutAFlag()
    {
        var script = new PageScript<int>([Page([1], null, "a"), Page(null, null, null)]);

        Assert.Equal((ScriptEnd.Completed, 1), (script.End, script.EndsAt));
        Assert.Equal(PageAnomaly.MissingTruncationFlag | PageAnomaly.NullItems, script.Anomalies);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void TruncatedWithoutToken_WhenATruncatedPageNamesNothing(string? token)
    {
        var script = new PageScript<int>([Page([1], true, "a"), Page([2], true, token)]);

        Assert.Equal((ScriptEnd.TruncatedWithoutToken, 1), (script.End, script.EndsAt));
        Assert.Equal([1, 2], script.ItemsUntilEnd);
        Assert.Equal(PageAnomaly.TruncatedWithoutToken, script.Anomalies);
    }

    [Fact]
    public void RepeatedToken_WhenAPageNamesAnEarlierPosition_ACycle()
    {
        var script = new PageScript<int>([Page([1], true, "a"), Page([2], true, "b"), Page([], true, "a"), Page([9], false, null)]);

        Assert.Equal((ScriptEnd.RepeatedToken, 2), (script.End, script.EndsAt));
        Assert.Equal([1, 2], script.ItemsUntilEnd);
        Assert.Equal(PageAnomaly.RepeatedToken | PageAnomaly.EmptyPage, script.Anomalies);
    }

    [Fact]
    public void RepeatedToken_CountsTheVersionMarkerAsPartOfThePosition()
    {
        var sameKeyOtherVersion = new PageScript<int>([new([1], true, "k", null, "v1"), new([2], true, "k", null, "v2"), new([3], false, null)]);
        var same = new PageScript<int>([new([1], true, "k", null, "v1"), new([2], true, "k", null, "v1")]);

        Assert.Equal(ScriptEnd.Completed, sameKeyOtherVersion.End);
        Assert.Equal((ScriptEnd.RepeatedToken, 1), (same.End, same.EndsAt));
    }

    [Fact]
    public void Failure_EndsAListingThatDoesNotRetry_WithoutThatRequestsItems_ButLaterPagesStayForRetries()
    {
        var script = new PageScript<int>([Page([1], true, "a"), ScriptedPage<int>.Failing(new TimeoutException()), Page([2], false, null)]);

        Assert.Equal((ScriptEnd.Failure, 1), (script.End, script.EndsAt));
        Assert.Equal([1], script.ItemsUntilEnd);
        Assert.Equal([1, 2], script.AllItems);
        Assert.Equal(PageAnomaly.Failure, script.Anomalies);
    }

    [Fact]
    public void MalformedPage_WhenFlagsAreRequired_APageWithoutOneEndsTheListing_WithoutItsItems()
    {
        var pages = new[] { Page([1], true, "a"), Page([2], null, "b"), Page([3], false, null) };

        var s3 = new PageScript<int>(pages, requiresTruncationFlag: true);
        var ec2 = new PageScript<int>(pages);

        Assert.Equal((ScriptEnd.MalformedPage, 1), (s3.End, s3.EndsAt));
        Assert.Equal([1], s3.ItemsUntilEnd);
        Assert.Equal((ScriptEnd.Completed, 2), (ec2.End, ec2.EndsAt));
        Assert.Equal([1, 2, 3], ec2.ItemsUntilEnd);
    }

    [Fact]
    public void Exhausted_WhenTheScriptStopsOnAPageThatNamesANextOne()
    {
        var script = new PageScript<int>([Page([1], true, "a")]);

        Assert.Equal((ScriptEnd.Exhausted, 1), (script.End, script.EndsAt));
        Assert.Equal([1], script.ItemsUntilEnd);
    }

    [Fact]
    public void ToString_ShowsTheEndAndEveryEntry()
    {
        var script = new PageScript<int>([Page(null, true, "a"), ScriptedPage<int>.Failing(new TimeoutException())]);

        Assert.Equal("Failure at 1: [page(null items, truncated True, next 'a'), fails(TimeoutException)]", script.ToString());
    }
}
