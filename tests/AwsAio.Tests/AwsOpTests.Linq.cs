using AwsAio.Core;
using AwsAio.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static AwsAio.Tests.Support.GeneratedOps;

namespace AwsAio.Tests;

/// <summary>LINQ over operations is the same algebra: select is Map, from-from is Bind, where is a Left, never Bottom.</summary>
public sealed partial class AwsOpTests
{
    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Select_IsMap() =>
        Prop.ForAll(Ops.ToArbitrary(), spec => Equivalent(from x in spec.Build() select x * 3 - 1, spec.Build().Map(x => x * 3 - 1)));

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property FromFromSelect_IsBindThenMap() =>
        Prop.ForAll(Ops.ToArbitrary(), Fns.ToArbitrary(), (spec, fn) =>
            Equivalent(
                from x in spec.Build()
                from y in fn.Build()(x)
                select x - y,
                spec.Build().Bind(x => fn.Build()(x).Map(y => x - y))));

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Where_KeepsWhatHolds_AndTurnsTheRestIntoALeft() =>
        Prop.ForAll(Ops.ToArbitrary(), spec =>
        {
            var (result, _) = Run(from x in spec.Build() where x % 2 == 0 select x);
            return spec.Fail is { } code
                ? result.Equals(Error(code))
                : spec.Value % 2 == 0
                    ? result.Equals(spec.Value)
                    : result.Equals(DomainError.NewInvalidInput("condition", "was not met"));
        });

    [Fact]
    public async Task SelectMany_WithOneFunction_IsBind()
    {
        var provider = new JournalProvider();

        var chained = await AwsOp.Right(20).SelectMany(x => AwsOp.Right(x + 22)).RunAsync(provider);
        var failed = await AwsOp.Right(20).SelectMany(_ => AwsOp.Left<int>(DomainError.NewInvalidInput("x", "is wrong"))).RunAsync(provider);

        Assert.Equal(42, chained.Right());
        Assert.Equal(DomainError.NewInvalidInput("x", "is wrong"), failed.Left());
    }

    [Fact]
    public async Task Where_WithAnError_GivesThatError()
    {
        var tooSmall = DomainError.NewInvalidInput("count", "must be at least 10");
        var error = await AwsOp.Right(3).Where(n => n >= 10, _ => tooSmall).RunAsync(new JournalProvider()).Left();
        Assert.Same(tooSmall, error);
    }
}
