using System.Text.Json;
using AwsAio.Core;

namespace AwsAio.Cli;

/// <summary>
/// How a failure is shown: one line on stderr naming the resource (the library's sentence) and what to do about it,
/// the exception behind it only with <c>--verbose</c>; in JSON, an object a script can branch on.
/// </summary>
internal static class ErrorReport
{
    /// <summary>The prefix of every error line, so that it stands out among other output.</summary>
    public const string Prefix = "awsaio: error: ";

    /// <summary>The one line for an error: what went wrong, on what, and what to do.</summary>
    public static string Line(DomainError error)
    {
        var advice = Advice(error.Category);
        var sentence = OneLine(error.ToString());
        return advice.Length == 0 ? Prefix + sentence : $"{Prefix}{sentence} {advice}";
    }

    /// <summary>Writes the error's line, and with <paramref name="verbose"/> the exception behind it.</summary>
    public static void WriteLine(TextWriter stderr, DomainError error, bool verbose)
    {
        stderr.WriteLine(Line(error));
        if (verbose && Exception(error) is { } exception)
        {
            stderr.WriteLine(exception.ToString());
        }

        stderr.Flush();
    }

    /// <summary>Writes the error as the JSON object documented in the README.</summary>
    public static void WriteJson(Utf8JsonWriter json, DomainError error)
    {
        var details = error.ErrorDetails;
        json.WriteStartObject();
        json.WriteString("type", error.GetType().Name);
        json.WriteString("category", error.Category.ToString());
        json.WriteNumber("exitCode", (int)ExitCodes.OfError(error));
        json.WriteBoolean("retryable", error.IsRetryable);
        json.WriteString("message", OneLine(error.ToString()));
        json.WriteString("service", details.Service);
        json.WriteString("operation", details.Operation);
        json.WriteString("code", details.Code);
        json.WriteNumber("httpStatus", details.HttpStatus);
        json.WriteString("requestId", details.RequestId);
        json.WriteString("resource", details.Target.Resource);
        json.WriteString("key", details.Target.Key);
        json.WriteEndObject();
    }

    /// <summary>What a person can do about an error of this kind.</summary>
    private static string Advice(ErrorCategory category) => category switch
    {
        ErrorCategory.NotFound => "Check the name and the region, or create it first.",
        ErrorCategory.Access => "Check what these credentials may do; 'awsaio creds explain' shows which ones are used.",
        ErrorCategory.Credentials => "Check the profile or keys; 'awsaio creds explain' shows where credentials are looked for.",
        ErrorCategory.Input => "Correct the value and run the command again.",
        ErrorCategory.Conflict => "Choose another name or path, or remove what is in the way.",
        ErrorCategory.Throttled => "Wait a little and run the command again.",
        ErrorCategory.Transient => "Run the command again later.",
        ErrorCategory.Transport => "Check the network and the endpoint (--endpoint-url, AWS_ENDPOINT_URL).",
        ErrorCategory.OutcomeUnknown => "Check whether the change took effect before running the command again.",
        ErrorCategory.Cancelled => "",
        _ => "Run it again with --verbose for the details.",
    };

    /// <summary>The exception an error carries, looking through wrapped causes.</summary>
    private static Exception? Exception(DomainError error) => error switch
    {
        DomainError.Unexpected u => u.Exception,
        DomainError.Transport t => t.Exception,
        DomainError.CouldNotEnsureBucketExists c => Exception(c.Cause),
        DomainError.ObjectListingInterrupted i => Exception(i.Cause),
        DomainError.OutcomeUnknown o => Exception(o.Cause),
        _ => null,
    };

    /// <summary>AWS messages may hold line breaks; an error is one line.</summary>
    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
