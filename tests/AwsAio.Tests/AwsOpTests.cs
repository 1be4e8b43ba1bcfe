using Amazon.Runtime;
using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Xunit;
using static AwsAio.Tests.Support.GeneratedOps;

namespace AwsAio.Tests;

/// <summary>The operation type: its laws over generated operations, laziness counted at a stub, and running that
/// never throws.</summary>
public sealed partial class AwsOpTests
{
    private static Func<int, int> Linear(int mul, int add) => x => unchecked(x * mul + add);

    // ---- functor and monad laws -----------------------------------------------------------------------------------

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Map_Identity_ChangesNothing() =>
        Prop.ForAll(Ops.ToArbitrary(), spec => Equivalent(spec.Build().Map(x => x), spec.Build()));

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Map_Composition_EqualsMappingTheComposedFunction() =>
        Prop.ForAll(Ops.ToArbitrary(), Gen.Choose(-9, 9).Two().ToArbitrary(), Gen.Choose(-9, 9).Two().ToArbitrary(), (spec, f, g) =>
        {
            var (ff, gg) = (Linear(f.Item1, f.Item2), Linear(g.Item1, g.Item2));
            return Equivalent(spec.Build().Map(ff).Map(gg), spec.Build().Map(x => gg(ff(x))));
        });

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Bind_LeftIdentity_RightOfAValueBoundToFIsF() =>
        Prop.ForAll(Gen.Choose(-1000, 1000).ToArbitrary(), Fns.ToArbitrary(), (a, fn) =>
            Equivalent(AwsOp.Right(a).Bind(fn.Build()), fn.Build()(a)));

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Bind_RightIdentity_BindingRightChangesNothing() =>
        Prop.ForAll(Ops.ToArbitrary(), spec => Equivalent(spec.Build().Bind(AwsOp.Right), spec.Build()));

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Bind_Associativity_NestingDoesNotMatter() =>
        Prop.ForAll(Ops.ToArbitrary(), Fns.ToArbitrary(), Fns.ToArbitrary(), (spec, f, g) =>
            Equivalent(spec.Build().Bind(f.Build()).Bind(g.Build()), spec.Build().Bind(x => f.Build()(x).Bind(g.Build()))));

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Map_EqualsBindWithRight() =>
        Prop.ForAll(Ops.ToArbitrary(), Gen.Choose(-9, 9).Two().ToArbitrary(), (spec, f) =>
            Equivalent(spec.Build().Map(Linear(f.Item1, f.Item2)), spec.Build().Bind(x => AwsOp.Right(Linear(f.Item1, f.Item2)(x)))));

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property MapLeft_Identity_AndComposition_AndRightsUntouched() =>
        Prop.ForAll(Ops.ToArbitrary(), spec =>
        {
            static DomainError Wrap(DomainError e) => DomainError.NewCouldNotEnsureBucketExists("b", e);
            static DomainError Twice(DomainError e) => Wrap(Wrap(e));
            return Equivalent(spec.Build().MapLeft(e => e), spec.Build())
                   && Equivalent(spec.Build().MapLeft(Wrap).MapLeft(Wrap), spec.Build().MapLeft(Twice))
                   && (spec.Fail is not null || Equivalent(spec.Build().MapLeft(Wrap), spec.Build()));
        });

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Catch_OnASuccess_ChangesNothing_AndOnAChosenFailure_RunsTheRecovery() =>
        Prop.ForAll(Ops.ToArbitrary(), Ops.ToArbitrary(), (spec, recovery) =>
        {
            var caught = spec.Build().Catch(_ => true, _ => recovery.Build());
            return spec.Fail is null
                ? Equivalent(caught, spec.Build())
                : Equivalent(caught, spec.Build().Bind(_ => recovery.Build()).OrElse(recovery.Build()))
                  && Run(caught).Journal.SequenceEqual(spec.Effects.Concat(recovery.Effects));
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Laziness_BuildingSendsNothing_AndEachRunRunsAgain() =>
        Prop.ForAll(Ops.ToArbitrary(), Fns.ToArbitrary(), (spec, fn) =>
        {
            var provider = new JournalProvider();
            var op = spec.Build().Bind(fn.Build()).Map(x => x + 1).Catch(_ => false, AwsOp.Left<int>).Retry(Backoff.Default.WithMaxAttempts(1))
                .Timeout(TimeSpan.FromMinutes(1));
            var built = provider.Journal.Count;
            var first = op.RunAsync(provider).GetAwaiter().GetResult();
            var once = provider.Journal.ToList();
            var second = op.RunAsync(provider).GetAwaiter().GetResult();
            return built == 0 && first.Equals(second) && provider.Journal.SequenceEqual(once.Concat(once)) && once.Count >= spec.Effects.Length;
        });

    // ---- cases ----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Laziness_CountedAtAStub_BuildingSendsNothing_RunningTwiceSendsTwice()
    {
        using var stub = new AwsWireStub().HeadBucket("awsaio-lazy");
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            Region = "us-east-1",
            Endpoint = new EndpointOverride(stub.Url),
            MaxErrorRetry = 0,
        }).Right();

        var op =
            from status in S3Ops.GetBucketStatus("awsaio-lazy")
            from again in S3Ops.GetBucketStatus("awsaio-lazy")
            select (status, again);
        Assert.Equal(0, stub.Total);

        var first = await op.RunAsync(provider).Right();
        Assert.Equal(2, stub.Total);
        await op.RunAsync(provider).Right();
        Assert.Equal(4, stub.Total);
        Assert.Equal((BucketStatus.ExistsHaveAccess, BucketStatus.ExistsHaveAccess), first);
    }

    [Fact]
    public async Task RunAsync_WithoutAProvider_IsInvalidInput()
    {
        var error = await AwsOp.Right(1).RunAsync(null!).Left();
        Assert.Equal(DomainError.NewInvalidInput("provider", "is required"), error);
    }

    [Fact]
    public async Task RunAsync_WhenUserCodeThrows_IsUnexpected_KeepingTheException()
    {
        var boom = new InvalidOperationException("boom");
        var error = await AwsOp.Right(1).Map<int>(_ => throw boom).RunAsync(new JournalProvider()).Left();
        var unexpected = Assert.IsType<DomainError.Unexpected>(error);
        Assert.Same(boom, unexpected.Exception);
        Assert.Contains("threw InvalidOperationException", unexpected.Details.Message);
        Assert.DoesNotContain("boom", error.ToString());
    }

    [Fact]
    public async Task RunAsync_WhenTheWorkIsNull_OrGivesBottom_IsALeft_NotAnException()
    {
        Assert.IsType<DomainError.InvalidInput>(await AwsOp.Of<int>(null!).RunAsync(new JournalProvider()).Left());
        Assert.IsType<DomainError.Unexpected>(await AwsOp.FromEither(default(Either<DomainError, int>)).RunAsync(new JournalProvider()).Left());
        Assert.IsType<DomainError.Unexpected>(await AwsOp.Of<int>((_, _) => null!).RunAsync(new JournalProvider()).Left());
    }

    [Fact]
    public async Task RunAsync_WhenUserCodeHonoursCancellation_IsCancelled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var op = AwsOp.Of<int>(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return 1;
        });
        Assert.IsType<DomainError.Cancelled>(await op.RunAsync(new JournalProvider(), cts.Token).Left());
    }

    [Fact]
    public async Task RightOfNull_AndLeftOfNull_AreInvalidInput()
    {
        Assert.IsType<DomainError.InvalidInput>(await AwsOp.Right<string>(null!).RunAsync(new JournalProvider()).Left());
        Assert.IsType<DomainError.InvalidInput>(await AwsOp.Left<string>(null!).RunAsync(new JournalProvider()).Left());
    }

    [Fact]
    public async Task CatchOfACase_RecoversThatCaseOnly()
    {
        var missing = DomainError.NewBucketDoesNotExist("b", AwsErrorDetails.NoResponse("S3", "HeadBucket"));
        var denied = DomainError.NewAccessDenied(AwsErrorDetails.NoResponse("S3", "HeadBucket"));
        Assert.Equal(0, await AwsOp.Left<int>(missing).Catch<DomainError.BucketDoesNotExist>(_ => AwsOp.Right(0)).RunAsync(new JournalProvider()).Right());
        Assert.Same(denied, await AwsOp.Left<int>(denied).Catch<DomainError.BucketDoesNotExist>(_ => AwsOp.Right(0)).RunAsync(new JournalProvider()).Left());
    }

    [Fact]
    public async Task OrElse_FallsBackOnFailures_ButNeverOnACancellation()
    {
        var throttled = DomainError.NewThrottled(AwsErrorDetails.NoResponse("S3", "HeadBucket"));
        var cancelled = DomainError.NewCancelled("HeadBucket");
        Assert.Equal(7, await AwsOp.Left<int>(throttled).OrElse(AwsOp.Right(7)).RunAsync(new JournalProvider()).Right());
        Assert.Same(cancelled, await AwsOp.Left<int>(cancelled).OrElse(AwsOp.Right(7)).RunAsync(new JournalProvider()).Left());
        Assert.Equal(7, await AwsOp.Left<int>(cancelled).OrElse(_ => true, AwsOp.Right(7)).RunAsync(new JournalProvider()).Right());
        Assert.Same(throttled, await AwsOp.Left<int>(throttled).OrElse(e => e is DomainError.AccessDenied, AwsOp.Right(7)).RunAsync(new JournalProvider()).Left());
    }

    [Fact]
    public async Task MissingArguments_AreInvalidInput_NamingTheArgument()
    {
        Assert.Equal(DomainError.NewInvalidInput("run", "is required"), await AwsOp.Of<int>(null!).RunAsync(new JournalProvider()).Left());
        Assert.Equal(DomainError.NewInvalidInput("value", "must not be null"), await AwsOp.Right<string>(null!).RunAsync(new JournalProvider()).Left());
        Assert.Equal(DomainError.NewInvalidInput("error", "must not be null"), await AwsOp.Left<string>(null!).RunAsync(new JournalProvider()).Left());
    }

    [Fact]
    public async Task RunAsync_WhenTheWorkGivesBottom_IsUnexpected_SayingSo()
    {
        var error = await AwsOp.FromEither(default(Either<DomainError, int>)).RunAsync(new JournalProvider()).Left();
        Assert.Equal(AwsErrorDetails.Of("", "operation", "", "the operation returned an uninitialised Either", 0, ""),
            Assert.IsType<DomainError.Unexpected>(error).Details);
    }
}
