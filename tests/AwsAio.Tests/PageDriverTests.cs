using AwsAio.Core;
using AwsAio.Tests.Support;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace AwsAio.Tests;

/// <summary>The one paging driver: what it yields, and where it says to resume, for each way a run ends.</summary>
public sealed class PageDriverTests
{
    private static readonly PagingState Start = Pagination.Start(PageLimits.Unlimited);

    private static Either<DomainError, Page<int>> Served(int[] items, bool? truncated, string? next) =>
        Page<int>.Create(items, truncated, next);

    [Fact]
    public void APageWithAToken_Continues_WithNoEnd()
    {
        var (step, end) = PageDriver.Advance(Start, Served([1, 2], true, "t1"), "ListX");
        Assert.Null(end);
        Assert.Equal([1, 2], step!.Deliver);
        Assert.Equal("t1", step.State.RequestToken);
    }

    [Fact]
    public void TheLastPage_EndsCleanly()
    {
        var (step, end) = PageDriver.Advance(Start, Served([3], false, null), "ListX");
        Assert.Equal([3], step!.Deliver);
        Assert.NotNull(end);
        Assert.Null(end!.Failure);
    }

    [Fact]
    public void AFailedFetch_EndsWithTheFailure_AndResumesAtThatRequest()
    {
        var throttled = DomainError.NewThrottled(AwsErrorDetails.NoResponse("S", "ListX"));
        var (step, end) = PageDriver.Advance<int>(Start, throttled, "ListX");
        Assert.Null(step);
        Assert.Equal(throttled, end!.Failure);
        Assert.Null(end.Resume!.Token);
        Assert.Equal(0, end.Resume.SkipItems);
    }

    [Fact]
    public void AnAnomaly_EndsWithAPaginationAnomaly_NamingTheOperation()
    {
        var (_, end) = PageDriver.Advance(Start, Served([1], true, null), "ListX");
        var anomaly = Assert.IsType<DomainError.PaginationAnomaly>(end!.Failure);
        Assert.Equal("ListX", anomaly.Operation);
        Assert.True(anomaly.Anomaly.IsTruncatedWithoutToken);
    }

    [Fact]
    public async Task ARun_YieldsEachNonEmptyPage_ThenStops_AndFetchesExactlyThePagesItNeeds()
    {
        var pages = new Dictionary<string, Page<int>>
        {
            [""] = Page<int>.Create([1], true, "a"), ["a"] = Page<int>.Create([], true, "b"), ["b"] = Page<int>.Create([2, 3], false, null),
        };
        var fetched = new List<string?>();
        var events = new List<PageEvent<int>>();

        await foreach (var e in PageDriver.RunAsync<int>(Start, "ListX", (token, _) =>
                       {
                           fetched.Add(token);
                           return Task.FromResult(Right<DomainError, Page<int>>(pages[token ?? ""]));
                       }, CancellationToken.None))
        {
            events.Add(e);
        }

        Assert.Equal([null, "a", "b"], fetched);
        Assert.Equal([[1], [2, 3]], events.Select(e => e.Items.ToArray()));
        Assert.All(events, e => Assert.Null(e.Failure));
    }

    [Fact]
    public void PageItems_EnumerateEveryItemMapped_InOrder_MappingEachOnlyWhenRead()
    {
        var mapped = 0;
        var items = new PageItems<int, string>([1, 2, 3], x =>
        {
            mapped++;
            return $"item-{x}";
        });

        Assert.Equal(0, mapped);
        Assert.Equal(3, items.Count);
        Assert.Equal("item-2", items[1]);
        Assert.Equal(["item-1", "item-2", "item-3"], items.ToList());
        Assert.Equal(4, mapped);
        var untyped = new List<object?>();
        var enumerator = ((System.Collections.IEnumerable)items).GetEnumerator();
        while (enumerator.MoveNext()) untyped.Add(enumerator.Current);
        Assert.Equal(["item-1", "item-2", "item-3"], untyped);
    }

    [Fact]
    public void PageItems_OverNoSdkItems_AreEmpty_AndHaveNoFirstItem()
    {
        var items = new PageItems<int, string>(null, x => $"item-{x}");

        Assert.Empty(items);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => items[0]).ParamName);
    }

    [Fact]
    public async Task Collecting_ARunThatCompletes_GivesEveryItemInOrder_AndNoStopEvent()
    {
        var pages = new Dictionary<string, Page<int>>
        {
            [""] = Page<int>.Create([1], true, "a"), ["a"] = Page<int>.Create([], true, "b"), ["b"] = Page<int>.Create([2, 3], false, null),
        };

        var (items, stopped) = await PageDriver.CollectAsync<int>(Start, "ListX",
            (token, _) => Task.FromResult(Right<DomainError, Page<int>>(pages[token ?? ""])), CancellationToken.None);

        Assert.Equal([1, 2, 3], items);
        Assert.Null(stopped);
    }
}
