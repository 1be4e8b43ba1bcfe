using AwsAio.Core;
using Xunit;

namespace AwsAio.Faults.Tests.Support;

/// <summary>
/// The secrets every fault row hands to the library, and the check that none of them ever comes back out: not in a
/// <see cref="DomainError"/>'s sentence, not in its <see cref="DomainError.ErrorDetails"/>, not in a log line.
/// </summary>
internal static class Secrets
{
    internal const string AccessKeyId = "AKIAFAULTEXAMPLE0001";
    internal const string BaseSecretKey = "fault-base-secret-wJalrXUtnFEMI-K7MDENG";
    internal const string AssumedSecretKey = "fault-assumed-secret-bPxRfiCYEXAMPLEKEY";
    internal const string SessionToken = "fault-session-token-IQoJb3JpZ2luX2VjEJr";
    internal const string ProcessOutput = "fault-process-output-7f3c91d2";
    internal const string EndpointQuery = "fault-query-secret-5e1d0c";

    private static readonly string[] All = [BaseSecretKey, AssumedSecretKey, SessionToken, ProcessOutput, EndpointQuery];

    /// <summary>Fails when any secret appears in the error's sentence, its details (causes included) or the logs.</summary>
    internal static void AssertAbsent(DomainError error, IEnumerable<string> logLines)
    {
        AssertAbsent(error.ToString(), "DomainError.ToString()");
        var details = error.ErrorDetails;
        AssertAbsent(string.Join("\n", details.Service, details.Operation, details.Code, details.Message, details.RequestId,
            details.Target.Resource, details.Target.Key, details.Summary), "ErrorDetails");
        foreach (var line in logLines)
        {
            AssertAbsent(line, "a captured log line");
        }
    }

    /// <summary>Fails when any secret appears in the text.</summary>
    internal static void AssertAbsent(string text, string where)
    {
        foreach (var secret in All)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret ({secret[..12]}…) appears in {where}");
        }
    }
}
