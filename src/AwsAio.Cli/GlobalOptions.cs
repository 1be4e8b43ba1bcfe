using System.CommandLine;
using System.Globalization;

namespace AwsAio.Cli;

/// <summary>How a command prints its result.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned text for people.</summary>
    Text,

    /// <summary>One JSON document for scripts.</summary>
    Json,
}

/// <summary>
/// What the global options and the AWS CLI's environment variables ask for, resolved: an option given on the command
/// line wins over its environment variable, as in the AWS CLI.
/// </summary>
/// <param name="Profile">The named profile (<c>--profile</c>, <c>AWS_PROFILE</c>, <c>AWS_DEFAULT_PROFILE</c>).</param>
/// <param name="Region">The region (<c>--region</c>, <c>AWS_DEFAULT_REGION</c>); <c>AWS_REGION</c> is read by the
/// library itself, which reports it as the region's source.</param>
/// <param name="RoleArn">A role to assume on top of the credentials (<c>--role-arn</c>).</param>
/// <param name="ExternalId">The external id the role asks for (<c>--external-id</c>).</param>
/// <param name="EndpointUrl">One endpoint for every service (<c>--endpoint-url</c>, <c>AWS_ENDPOINT_URL</c>).</param>
/// <param name="Compute">Use the machine's own credentials (<c>--compute</c>).</param>
/// <param name="Output">Text or JSON (<c>--output</c>, <c>AWS_DEFAULT_OUTPUT</c>).</param>
/// <param name="Verbose">Debug logging and stack traces on stderr (<c>--verbose</c>).</param>
/// <param name="MaxAttempts">Attempts per request, the first included (<c>AWS_MAX_ATTEMPTS</c>).</param>
internal sealed record CliSettings(
    string? Profile, string? Region, string? RoleArn, string? ExternalId, string? EndpointUrl, bool Compute,
    OutputFormat Output, bool Verbose, int? MaxAttempts)
{
    /// <summary>The provider options these settings describe; the library checks them.</summary>
    public AwsClientProviderOptions ToProviderOptions() => new()
    {
        Profile = Profile,
        Region = Region,
        Compute = Compute,
        AssumeRoleArn = RoleArn,
        ExternalId = ExternalId,
        Endpoint = EndpointUrl is null ? null : new EndpointOverride(EndpointUrl),
        MaxErrorRetry = MaxAttempts is { } attempts ? attempts - 1 : null,
    };
}

/// <summary>The options every command takes, like the AWS CLI's global options.</summary>
internal sealed class GlobalOptions
{
    /// <summary>--profile.</summary>
    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "Use a named profile from the shared config and credentials files [env: AWS_PROFILE]",
        HelpName = "name",
        Recursive = true,
    };

    /// <summary>--region.</summary>
    public Option<string?> Region { get; } = new("--region")
    {
        Description = "The AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]",
        HelpName = "region",
        Recursive = true,
    };

    /// <summary>--role-arn.</summary>
    public Option<string?> RoleArn { get; } = new("--role-arn")
    {
        Description = "Assume this role on top of the credentials (any partition; refreshed as needed)",
        HelpName = "arn",
        Recursive = true,
    };

    /// <summary>--external-id.</summary>
    public Option<string?> ExternalId { get; } = new("--external-id")
    {
        Description = "The external id the role's trust policy asks for (never printed)",
        HelpName = "id",
        Recursive = true,
    };

    /// <summary>--endpoint-url.</summary>
    public Option<string?> EndpointUrl { get; } = new("--endpoint-url")
    {
        Description = "Send every request to this endpoint: an emulator or S3-compatible store; plain http only on loopback [env: AWS_ENDPOINT_URL]",
        HelpName = "url",
        Recursive = true,
    };

    /// <summary>--compute.</summary>
    public Option<bool> Compute { get; } = new("--compute")
    {
        Description = "Use the machine's own credentials (environment, container or instance role); the region may come from instance metadata",
        Recursive = true,
    };

    /// <summary>--output.</summary>
    public Option<string?> Output { get; } = new("--output")
    {
        Description = "text (aligned, for people) or json (one document, for scripts) [env: AWS_DEFAULT_OUTPUT]",
        HelpName = "text|json",
        Recursive = true,
    };

    /// <summary>--verbose.</summary>
    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Log each request at debug level and print stack traces, on stderr",
        Recursive = true,
    };

    /// <summary>Creates the options; <c>--output</c> accepts only text or json.</summary>
    public GlobalOptions()
    {
        Output.AcceptOnlyFromAmong("text", "json");
    }

    /// <summary>Every global option, to add to the root command.</summary>
    public IEnumerable<Option> All => [Profile, Region, RoleArn, ExternalId, EndpointUrl, Compute, Output, Verbose];

    /// <summary>Resolves the options of one command line against the environment.</summary>
    public CliSettings Read(ParseResult parse, Func<string, string?> environment)
    {
        string? Env(string name) => environment(name) is { Length: > 0 } value ? value : null;

        var compute = parse.GetValue(Compute);
        // --compute reads the machine's own credentials; a profile inherited from the environment does not undo it.
        var profile = parse.GetValue(Profile) ?? (compute ? null : Env("AWS_PROFILE") ?? Env("AWS_DEFAULT_PROFILE"));
        var region = parse.GetValue(Region) ?? (Env("AWS_REGION") is null ? Env("AWS_DEFAULT_REGION") : null);
        var output = (parse.GetValue(Output) ?? Env("AWS_DEFAULT_OUTPUT")) switch
        {
            "json" => OutputFormat.Json,
            _ => OutputFormat.Text,
        };
        var attempts = Env("AWS_MAX_ATTEMPTS") is { } text
                       && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : (int?)null;
        return new CliSettings(
            profile, region, parse.GetValue(RoleArn), parse.GetValue(ExternalId),
            parse.GetValue(EndpointUrl) ?? Env("AWS_ENDPOINT_URL"), compute, output, parse.GetValue(Verbose), attempts);
    }
}
