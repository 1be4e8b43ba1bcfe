using Amazon.Runtime;
using AwsAio.Core;
using LanguageExt;
using Xunit;
using Xunit.Sdk;

namespace AwsAio.Tests.Support;

/// <summary>
/// What the never-throws properties check about every result, and the oracle they compare Lefts with: the core's own
/// classification of the SDK failure that ended the call (an AWS error response — a status or a code — by
/// <c>ErrorMapping.Map</c>, anything else by <c>ErrorMapping.OfException</c>), as the shell promises to apply it.
/// </summary>
internal static class NeverThrowsAssert
{
    /// <summary>A valid bucket name used by every property (validation is not what they test).</summary>
    internal const string Bucket = "awsaio-never-throws";

    /// <summary>A valid object key.</summary>
    internal const string Key = "reports/2026/11/24.csv";

    /// <summary>Checks that a result is a real Either (never Bottom) and, when Left, a classified DomainError whose
    /// rendering, category and details do not throw. Returns the error, or null for a Right.</summary>
    internal static DomainError? Classified<T>(Either<DomainError, T> result)
    {
        Assert.False(result.IsBottom, "the result is Bottom (a default Either)");
        var error = result.MatchUnsafe(Right: _ => null, Left: e => e);
        if (error is null)
        {
            return null;
        }

        var text = error.ToString();
        Assert.False(string.IsNullOrWhiteSpace(text), "the error renders as nothing");
        Assert.EndsWith(".", text);
        Assert.True(Enum.IsDefined(error.Category), $"undefined category {error.Category}");
        Assert.NotNull(error.ErrorDetails);
        _ = error.IsRetryable;
        return error;
    }

    /// <summary>The Right value, or a failure naming the Left.</summary>
    internal static T RightOf<T>(Either<DomainError, T> result) =>
        result.Match(Right: v => v, Left: e => throw new XunitException($"expected Right, got Left: {e}"));

    /// <summary>The Left error, or a failure naming the Right.</summary>
    internal static DomainError LeftOf<T>(Either<DomainError, T> result) =>
        result.Match(Right: v => throw new XunitException($"expected Left, got Right: {v}"), Left: e => e);

    /// <summary>What the core says an SDK failure means for a call: the facts the shell hands it (the error response
    /// when the exception is an AWS service exception; no header facts, as a mocked client has no HTTP layer; nobody
    /// cancelled, no deadline passed).</summary>
    internal static FailureOutcome Outcome(string service, string operation, ErrorTarget target, Exception failure, CallGoal goal = CallGoal.Answer)
    {
        var details = failure is AmazonServiceException e
            ? AwsErrorDetails.Of(service, operation, e.ErrorCode ?? "", e.Message ?? "", (int)e.StatusCode, e.RequestId ?? "")
            : AwsErrorDetails.NoResponse(service, operation);
        return ErrorMapping.Classify(CallInfo.Of(service, operation, target).Toward(goal), new FailureFacts(details, "", "", failure, false, false, true));
    }

    /// <summary>The error the core makes of an SDK failure of a call that wants its answer.</summary>
    internal static DomainError Expected(string service, string operation, ErrorTarget target, Exception failure) =>
        Outcome(service, operation, target, failure).Error;

    /// <summary>Checks a Left is exactly the core's classification of the failure (same case, same facts, same
    /// exception), with a readable message when not.</summary>
    internal static void Same(DomainError expected, DomainError actual)
    {
        if (!expected.Equals(actual))
        {
            throw new XunitException($"expected Left {Describe(expected)}, got {Describe(actual)}");
        }
    }

    /// <summary>Names an error's case and renders it.</summary>
    internal static string Describe(DomainError error) => $"{error.GetType().Name}: {error}";
}
