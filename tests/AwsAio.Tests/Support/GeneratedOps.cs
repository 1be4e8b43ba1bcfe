using Amazon.EC2;
using Amazon.S3;
using Amazon.SecurityToken;
using AwsAio.Core;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using static LanguageExt.Prelude;

namespace AwsAio.Tests.Support;

/// <summary>
/// A provider that records the effects operations have when they run, so that two operations can be compared by
/// what they do (the journal) as well as by what they yield. It hands out no AWS client.
/// </summary>
internal sealed class JournalProvider : IAwsClientProvider
{
    private readonly List<int> _journal = [];

    /// <summary>The effects so far, in order.</summary>
    internal IReadOnlyList<int> Journal
    {
        get
        {
            lock (_journal) return _journal.ToList();
        }
    }

    /// <summary>Records one effect.</summary>
    internal void Record(int effect)
    {
        lock (_journal) _journal.Add(effect);
    }

    public IAmazonS3 GetS3() => throw new NotSupportedException("no S3 here");

    public IAmazonEC2 GetEc2() => throw new NotSupportedException("no EC2 here");

    public IAmazonSecurityTokenService GetSts() => throw new NotSupportedException("no STS here");

    public Task<Either<DomainError, AwsEnvironment>> GetEnvironmentAsync(CancellationToken ct = default) =>
        Task.FromResult(Left<DomainError, AwsEnvironment>(DomainError.NewInvalidInput("environment", "none here")));
}

/// <summary>A generated operation: records its effects, then fails with its code or yields its value.</summary>
/// <param name="Effects">What it records when it runs.</param>
/// <param name="Fail">The error code it fails with, or null to succeed.</param>
/// <param name="Value">What it yields when it succeeds.</param>
public sealed record OpSpec(int[] Effects, int? Fail, int Value)
{
    internal AwsOp<int> Build() => AwsOp.Of((p, _) =>
    {
        foreach (var e in Effects) ((JournalProvider)p).Record(e);
        return Task.FromResult(Fail is { } code ? Left<DomainError, int>(GeneratedOps.Error(code)) : Right<DomainError, int>(Value));
    });

    public override string ToString() => $"op[{string.Join(",", Effects)}] -> {(Fail is { } c ? $"fail {c}" : Value.ToString())}";
}

/// <summary>A generated function to an operation: records its effects and its input, then fails when the input is a
/// multiple of <c>FailEvery</c> (never when 0), else yields <c>input × Mul + Add</c>.</summary>
public sealed record FnSpec(int[] Effects, int FailEvery, int Mul, int Add)
{
    internal Func<int, AwsOp<int>> Build() => x => AwsOp.Of((p, _) =>
    {
        var journal = (JournalProvider)p;
        foreach (var e in Effects) journal.Record(e);
        journal.Record(x);
        return Task.FromResult(FailEvery != 0 && x % FailEvery == 0
            ? Left<DomainError, int>(GeneratedOps.Error(x))
            : Right<DomainError, int>(unchecked(x * Mul + Add)));
    });

    public override string ToString() => $"fn[{string.Join(",", Effects)}] fail%{FailEvery} x*{Mul}+{Add}";
}

/// <summary>Generators of operations and functions, and the equivalence the laws use.</summary>
internal static class GeneratedOps
{
    internal static DomainError Error(int code) => DomainError.NewInvalidInput("code", code.ToString());

    private static readonly Gen<int[]> Effects = Gen.Choose(0, 99).ArrayOf().Select(a => a.Take(4).ToArray());

    internal static readonly Gen<OpSpec> Ops =
        from effects in Effects
        from fails in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from code in Gen.Choose(-50, 50)
        from value in Gen.Choose(-1000, 1000)
        select new OpSpec(effects, fails ? code : null, value);

    internal static readonly Gen<FnSpec> Fns =
        from effects in Effects
        from failEvery in Gen.Elements(0, 0, 2, 3, 7)
        from mul in Gen.Choose(-5, 5)
        from add in Gen.Choose(-100, 100)
        select new FnSpec(effects, failEvery, mul, add);

    /// <summary>Runs an operation once with a fresh journal: what it yielded, and what it did.</summary>
    internal static (Either<DomainError, T> Result, IReadOnlyList<int> Journal) Run<T>(AwsOp<T> op)
    {
        var provider = new JournalProvider();
        var result = op.RunAsync(provider).GetAwaiter().GetResult();
        return (result, provider.Journal);
    }

    /// <summary>Whether two operations yield the same and do the same, in the same order.</summary>
    internal static bool Equivalent<T>(AwsOp<T> a, AwsOp<T> b)
    {
        var (resultA, journalA) = Run(a);
        var (resultB, journalB) = Run(b);
        return resultA.Equals(resultB) && journalA.SequenceEqual(journalB);
    }
}
