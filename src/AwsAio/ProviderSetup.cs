using Amazon.EC2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;
using Amazon.SecurityToken;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;

namespace AwsAio;

/// <summary>The credentials a provider starts from, where they come from, and the sources passed over.</summary>
internal sealed record ResolvedSource(
    AWSCredentials Credentials, CredentialSource Source, string Detail, CredentialProfile? Profile,
    IReadOnlyList<string> Skipped);

/// <summary>The provider's region and where it came from.</summary>
internal sealed record ResolvedRegion(string Name, string Source);

/// <summary>
/// The steps <see cref="AwsClientProvider.Create"/> takes before building anything: check the options, find the
/// credential source, find the region. Each step is an <c>Either</c>, so the first problem is the answer.
/// </summary>
internal static class ProviderSetup
{
    private static readonly AwsErrorDetails NoResponse = AwsErrorDetails.NoResponse("", "");

    /// <summary>Checks every option against AWS's rules and the combinations that make no sense (the core decides).</summary>
    internal static Either<DomainError, AwsClientProviderOptions> CheckOptions(AwsClientProviderOptions o) =>
        from options in ProviderRules.CheckOptions(o.Facts()).ToEither()
        from cache in TargetRules.CheckCache(o.MaxCachedTargets, o.TargetIdleTimeout).ToEither()
        select o;

    /// <summary>
    /// Runs the options' <c>ConfigureClient</c> hook on the configuration of each built-in client, as the provider
    /// will, and checks what it changed (the core decides the bounds; the SDK's own defaults, such as S3's unbounded
    /// timeout, are not the hook's doing). A hook that throws is an <c>InvalidInput</c> naming the exception's type
    /// only (its message may quote anything).
    /// </summary>
    internal static Either<DomainError, AwsClientProviderOptions> CheckClientHook(AwsClientProviderOptions o, string region)
    {
        if (o.ConfigureClient is null) return o;
        var http = new BoundedHttpClientFactory(o.IdleTimeout ?? CallSettings.DefaultIdleTimeout);
        var plain = o with { ConfigureClient = null };
        (ClientConfig Before, ClientConfig After)[] probes =
        [
            (new AmazonS3Config(), new AmazonS3Config()),
            (new AmazonEC2Config(), new AmazonEC2Config()),
            (new AmazonSecurityTokenServiceConfig(), new AmazonSecurityTokenServiceConfig()),
        ];
        foreach (var (before, after) in probes)
        {
            try
            {
                ClientSetup.Configure(before, plain, region, http);
                ClientSetup.Configure(after, o, region, http);
            }
            catch (Exception e)
            {
                return DomainError.NewInvalidInput("ConfigureClient", $"threw {e.GetType().Name} for {after.GetType().Name}");
            }

            var facts = new ClientConfigFacts(
                after.Timeout != before.Timeout ? after.Timeout : null,
                after.MaxErrorRetry,
                after.ServiceURL != before.ServiceURL ? after.ServiceURL : null,
                o.AllowInsecureHttp);
            if (ProviderRules.CheckClientConfig(facts) is { IsError: true } problem) return problem.ErrorValue;
        }

        return o;
    }

    /// <summary>Finds the base credentials: given, a named profile (no silent fallback), or the SDK's chain.</summary>
    internal static Either<DomainError, ResolvedSource> ResolveCredentials(AwsClientProviderOptions o)
    {
        // Every SDK client parses the default shared files once per process; a malformed file would make the first
        // client throw (and its message quotes the file). Checked here, before anything is built.
        var hasDefaultProfile = DefaultProfileInSharedFiles();
        if (hasDefaultProfile is null)
        {
            return DomainError.NewCredentialsUnavailable(
                "the shared config and credentials files", "they could not be parsed (no line of them is shown here)", NoResponse);
        }

        if (o.Credentials is { } given)
        {
            return new ResolvedSource(given, CredentialSource.Explicit, "credentials given in the options", null,
            [
                "named profile: none named",
                "default credential chain: not consulted, credentials were given directly",
            ]);
        }

        if (o.Profile is { } name)
        {
            return FromProfile(name, o.ProfilesLocation ?? SharedCredentialsFileFromEnvironment());
        }

        return o.Compute
            ? new ResolvedSource(new DefaultChainCredentials(), CredentialSource.Compute,
                $"the SDK's default chain on a compute platform, first candidate: {ChainCandidate(hasDefaultProfile.Value)}", null,
                ["credentials in the options: none given", "named profile: none named (compute mode reads the machine's own credentials)"])
            : new ResolvedSource(new DefaultChainCredentials(), CredentialSource.DefaultChain,
                $"the SDK's default chain, first candidate: {ChainCandidate(hasDefaultProfile.Value)}", null,
                ["credentials in the options: none given", "named profile: none named, so the chain reads AWS_PROFILE or 'default'"]);
    }

    /// <summary>Finds the region: the options, the endpoint, AWS_REGION, the profile, then the SDK's own resolution
    /// (instance metadata only in compute mode), in the order the core decides. Nothing found is <c>RegionUnresolved</c>.</summary>
    internal static Either<DomainError, ResolvedRegion> ResolveRegion(AwsClientProviderOptions o, CredentialProfile? profile)
    {
        var facts = new RegionFacts(
            o.Region, o.Endpoint?.AuthenticationRegion, Environment.GetEnvironmentVariable("AWS_REGION"), o.Profile,
            profile?.Region?.SystemName, o.Compute);
        return ProviderRules.ChooseRegion(facts, () => FallbackRegionFactory.GetRegionEndpoint(includeInstanceMetadata: o.Compute)?.SystemName)
            .ToEither()
            .Map(choice => new ResolvedRegion(choice.Name, choice.Source));
    }

    /// <summary>The report a provider gives about itself.</summary>
    internal static CredentialSourceReport Report(AwsClientProviderOptions o, ResolvedSource source, ResolvedRegion region) =>
        new(source.Source, source.Detail, o.AssumeRoleArn, region.Name, region.Source, o.Endpoint?.SafeUrl,
            source.Skipped.Concat(o.Compute ? [] : ["instance metadata: not asked for the region outside compute mode"]).ToList());

    private static Either<DomainError, ResolvedSource> FromProfile(string name, string? location)
    {
        var where = location ?? "the shared config and credentials files";
        var chain = location is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(location);
        CredentialProfile? profile;
        try
        {
            chain.TryGetProfile(name, out profile);
        }
        catch (InvalidDataException)
        {
            // The SDK's message quotes the offending line, which may be a secret key: it is not passed on.
            return DomainError.NewCredentialsUnavailable($"profile '{name}'", $"{where} could not be parsed", NoResponse);
        }
        catch (AmazonClientException)
        {
            // The files parse, but the profile's settings do not hold together (an sso_session section that is
            // missing, a malformed metadata endpoint): the SDK throws while reading it.
            return DomainError.NewCredentialsUnavailable($"profile '{name}'", $"its settings in {where} could not be read", NoResponse);
        }

        if (profile is null)
        {
            return DomainError.NewCredentialsUnavailable(
                $"profile '{name}'", $"there is no profile named '{name}' in {where}, and no other source was tried", NoResponse);
        }

        try
        {
            var credentials = AWSCredentialsFactory.GetAWSCredentials(profile, chain);
            if (profile.Options.CredentialProcess is not null)
            {
                credentials = new ProcessCredentialsGuard(credentials, name);
            }

            return new ResolvedSource(credentials, CredentialSource.Profile, $"profile '{name}' ({Kind(profile)})", profile,
            [
                "credentials in the options: none given",
                $"default credential chain: not consulted, profile '{name}' was named (no silent fallback)",
            ]);
        }
        catch (InvalidDataException)
        {
            // Named from the profile's own options rather than the SDK's message, which may quote a file's lines.
            var source = profile.Options.SourceProfile is { } s ? $"its source profile '{s}'" : "its settings";
            return DomainError.NewCredentialsUnavailable($"profile '{name}'", $"{source} in {where} could not be read", NoResponse);
        }
        catch (ProcessAWSCredentialException e)
        {
            // The process's error output may hold a secret: only its exit code is kept.
            return CredentialRules.ProcessFailed(name, e.Message);
        }
        catch (Exception e) when (e is AmazonClientException or InvalidOperationException or ArgumentException)
        {
            return DomainError.NewCredentialsUnavailable($"profile '{name}'", e.Message, NoResponse);
        }
    }

    /// <summary>
    /// The SDK reads AWS_SHARED_CREDENTIALS_FILE once per process, in a static constructor; reading it here, per
    /// provider, lets a process (or a test) point one provider at other files without restarting.
    /// </summary>
    private static string? SharedCredentialsFileFromEnvironment() =>
        Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") is { Length: > 0 } path && File.Exists(path) ? path : null;

    private static string Kind(CredentialProfile profile)
    {
        var o = profile.Options;
        return o switch
        {
            { RoleArn: { } role, SourceProfile: { } source } => $"assumes {role} from source profile '{source}'",
            { RoleArn: { } role, WebIdentityTokenFile: not null } => $"assumes {role} with a web identity token",
            { RoleArn: { } role } => $"assumes {role}",
            { SsoSession: not null } or { SsoStartUrl: not null } => "SSO",
            { CredentialProcess: not null } => "credential_process",
            { AccessKey: not null, Token: not null } => "session keys",
            { AccessKey: not null } => "static keys",
            _ => "no credentials of its own",
        };
    }

    /// <summary>The first source the SDK's chain would try, judged from the environment without calling anything.</summary>
    private static string ChainCandidate(bool hasDefaultProfile)
    {
        static bool Set(string name) => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name));
        if (Set("AWS_ACCESS_KEY_ID")) return "environment variables (AWS_ACCESS_KEY_ID)";
        if (Set("AWS_WEB_IDENTITY_TOKEN_FILE")) return "a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)";
        if (Set("AWS_PROFILE")) return $"profile '{Environment.GetEnvironmentVariable("AWS_PROFILE")}' (AWS_PROFILE)";
        if (hasDefaultProfile) return "profile 'default'";
        if (Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") || Set("AWS_CONTAINER_CREDENTIALS_FULL_URI")) return "container credentials";
        return "instance metadata (on EC2), as nothing else is configured";
    }

    /// <summary>
    /// Whether the default shared config and credentials files hold a default profile; null when the SDK cannot parse
    /// them or read their default profile (absent files parse, as empty). One parse answers both questions <see cref="ResolveCredentials"/> asks.
    /// </summary>
    private static bool? DefaultProfileInSharedFiles()
    {
        try
        {
            return new CredentialProfileStoreChain().TryGetProfile("default", out _);
        }
        catch (Exception e) when (e is InvalidDataException or AmazonClientException)
        {
            // A default profile whose settings do not hold together (an sso_session section that is missing) fails
            // every SDK client the same way a malformed file does.
            return null;
        }
    }

}
