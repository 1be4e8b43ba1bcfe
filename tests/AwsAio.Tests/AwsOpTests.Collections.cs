using AwsAio.Core;
using AwsAio.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Xunit;
using static AwsAio.Tests.Support.GeneratedOps;
using static LanguageExt.Prelude;

namespace AwsAio.Tests;

/// <summary>Lists of operations: Sequence is a fold of Bind; the parallel form with a bound of one is Sequence, and
/// with any bound yields the same values when all succeed; the bound holds.</summary>
public sealed partial class AwsOpTests
{
    private static readonly Gen<OpSpec[]> OpLists = Ops.ArrayOf().Select(a => a.Take(12).ToArray());

    private static AwsOp<Seq<int>> Folded(IEnumerable<AwsOp<int>> ops) =>
        ops.Aggregate(AwsOp.Right(Seq<int>()), (acc, op) => acc.Bind(xs => op.Map(x => xs.Add(x))));

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Sequence_IsAFoldOfBind() =>
        Prop.ForAll(OpLists.ToArbitrary(), specs =>
            Equivalent(AwsOp.Sequence(specs.Select(s => s.Build())), Folded(specs.Select(s => s.Build()))));

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Traverse_IsSequenceOfTheMappedList() =>
        Prop.ForAll(Gen.Choose(-20, 20).ArrayOf().ToArbitrary(), Fns.ToArbitrary(), (items, fn) =>
            Equivalent(AwsOp.Traverse(items, fn.Build()), AwsOp.Sequence(items.Select(fn.Build()))));

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property SequenceParallel_WithABoundOfOne_IsSequence() =>
        Prop.ForAll(OpLists.ToArbitrary(), specs =>
            Equivalent(AwsOp.SequenceParallel(specs.Select(s => s.Build()), 1), AwsOp.Sequence(specs.Select(s => s.Build()))));

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property SequenceParallel_WhenAllSucceed_YieldsSequencesValuesInOrder_AndRunsEachOnce() =>
        Prop.ForAll(OpLists.ToArbitrary(), Gen.Choose(1, 8).ToArbitrary(), (specs, bound) =>
        {
            var succeeding = specs.Select(s => s with { Fail = null }).ToArray();
            var (parallel, journal) = Run(AwsOp.SequenceParallel(succeeding.Select(s => s.Build()), bound));
            var (sequential, expected) = Run(AwsOp.Sequence(succeeding.Select(s => s.Build())));
            return parallel.Equals(sequential) && journal.Order().SequenceEqual(expected.Order());
        });

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property SequenceParallel_WhenSomethingFails_IsALeftFromTheList() =>
        Prop.ForAll(OpLists.ToArbitrary(), Gen.Choose(1, 8).ToArbitrary(), (specs, bound) =>
        {
            var (result, _) = Run(AwsOp.SequenceParallel(specs.Select(s => s.Build()), bound));
            var failures = specs.Where(s => s.Fail is not null).Select(s => Error(s.Fail!.Value)).ToList();
            return failures.Count == 0 ? result.IsRight : result.Match(Right: _ => false, Left: e => failures.Contains(e));
        });

    [Fact]
    public async Task SequenceParallel_NeverHasMoreInFlightThanItsBound_Measured()
    {
        var inFlight = 0;
        var most = 0;
        var ops = Enumerable.Range(0, 40).Select(i => AwsOp.Of<int>(async (_, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Delay(5, ct);
            Interlocked.Decrement(ref inFlight);
            return i;
        }));
        var values = await AwsOp.SequenceParallel(ops, 4).RunAsync(new JournalProvider()).Right();
        Assert.Equal(Enumerable.Range(0, 40), values);
        Assert.InRange(most, 1, 4);
    }

    [Fact]
    public async Task SequenceParallel_AfterTheFirstFailure_StartsNothingMore_AndCancelsWhatIsInFlight()
    {
        var started = 0;
        var cancelled = 0;
        var ops = Enumerable.Range(0, 50).Select(i => AwsOp.Of<int>(async (_, ct) =>
        {
            Interlocked.Increment(ref started);
            if (i == 0) return DomainError.NewInvalidInput("item", "0");
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }

            return i;
        }));
        var error = await AwsOp.SequenceParallel(ops, 3).RunAsync(new JournalProvider()).Left();
        Assert.Equal(DomainError.NewInvalidInput("item", "0"), error);
        Assert.InRange(started, 1, 3);
        Assert.Equal(started - 1, cancelled);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(AwsOp.MaxConcurrency + 1)]
    public async Task SequenceParallel_WithABoundOutOfRange_IsInvalidInput_AndRunsNothing(int bound)
    {
        var provider = new JournalProvider();
        var error = await AwsOp.SequenceParallel([new OpSpec([1], null, 1).Build()], bound).RunAsync(provider).Left();
        Assert.Equal("max concurrency", Assert.IsType<DomainError.InvalidInput>(error).Field);
        Assert.Empty(provider.Journal);
    }

    [Fact]
    public async Task Sequence_OfNull_IsInvalidInput()
    {
        Assert.IsType<DomainError.InvalidInput>(await AwsOp.Sequence<int>(null!).RunAsync(new JournalProvider()).Left());
        Assert.IsType<DomainError.InvalidInput>(await AwsOp.SequenceParallel<int>(null!, 2).RunAsync(new JournalProvider()).Left());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    [Fact]
    public async Task Sequence_OfNull_NamesTheItems()
    {
        var expected = DomainError.NewInvalidInput("items", "are required");
        Assert.Equal(expected, await AwsOp.Sequence<int>(null!).RunAsync(new JournalProvider()).Left());
        Assert.Equal(expected, await AwsOp.SequenceParallel<int>(null!, 2).RunAsync(new JournalProvider()).Left());
    }

    [Fact]
    public async Task SequenceParallel_AtTheLargestBound_Runs()
    {
        Assert.Equal(new[] { 7 }, (await AwsOp.SequenceParallel([AwsOp.Right(7)], AwsOp.MaxConcurrency).RunAsync(new JournalProvider()).Right()).ToArray());
    }

    [Fact]
    public async Task SequenceParallel_WithABoundOutOfRange_SaysTheRangeAndTheValue()
    {
        Assert.Equal(DomainError.NewInvalidInput("max concurrency", "must be 1 to 1024 (was 0)"),
            await AwsOp.SequenceParallel([AwsOp.Right(7)], 0).RunAsync(new JournalProvider()).Left());
    }
}
