namespace AwsAio.Core

open System
open System.Text.RegularExpressions

/// The options a provider is built from, as plain facts (the shell's options type lives in C#).
type ProviderOptionFacts =
    {
        /// The named profile, or null.
        Profile: string | null
        /// Whether compute credentials were asked for.
        Compute: bool
        /// Whether credentials were given directly.
        HasCredentials: bool
        /// The role to assume, or null.
        AssumeRoleArn: string | null
        /// The external id, or null.
        ExternalId: string | null
        /// The role session name, or null.
        RoleSessionName: string | null
        /// The session duration, if set.
        SessionDuration: Nullable<TimeSpan>
        /// The credential refresh window.
        CredentialRefreshWindow: TimeSpan
        /// The region, or null.
        Region: string | null
        /// Whether an endpoint override was given at all.
        HasEndpoint: bool
        /// The endpoint override's URL (null when none, or when the override names none).
        EndpointUrl: string | null
        /// The endpoint override's signing region, or null.
        EndpointAuthenticationRegion: string | null
        /// Whether plain http is allowed off loopback.
        AllowInsecureHttp: bool
        /// The per-attempt timeout, if set.
        Timeout: Nullable<TimeSpan>
        /// The SDK's retry count, if set.
        MaxErrorRetry: Nullable<int>
        /// The call deadline, if set.
        CallDeadline: Nullable<TimeSpan>
        /// The body idle timeout, if set.
        IdleTimeout: Nullable<TimeSpan>
    }

/// Where each input to the region choice came from; the shell reads them, the core chooses.
type RegionFacts =
    {
        /// The region set in the options, or null.
        Options: string | null
        /// The endpoint override's signing region, or null.
        EndpointAuthenticationRegion: string | null
        /// AWS_REGION, or null.
        Environment: string | null
        /// The named profile, or null.
        ProfileName: string | null
        /// The named profile's region, or null.
        ProfileRegion: string | null
        /// Whether compute mode is on (then the instance metadata may be asked).
        Compute: bool
    }

/// The region a provider works in and where it came from.
type RegionChoice =
    {
        /// The region's name.
        Name: string
        /// Where it came from, in words.
        Source: string
    }

/// What a client configuration holds after the options' <c>ConfigureClient</c> hook ran, as plain facts.
type ClientConfigFacts =
    {
        /// The per-attempt HTTP timeout, if set.
        Timeout: Nullable<TimeSpan>
        /// How many times the SDK retries a failed request.
        MaxErrorRetry: int
        /// The service URL, or null when the client uses AWS's own endpoints.
        ServiceUrl: string | null
        /// Whether plain http is allowed off loopback.
        AllowInsecureHttp: bool
    }

/// The decisions behind building a provider: which option combinations make sense, which region wins, and the
/// default role session name.
[<RequireQualifiedAccess>]
module ProviderRules =

    let private rule broken field text = if broken then Some(InvalidInput(field, text)) else None

    let private check (result: Result<'T, DomainError>) =
        match result with
        | Ok _ -> None
        | Error e -> Some e

    let private checkOptional (value: string | null) (validate: string -> Result<'T, DomainError>) =
        match value with
        | null -> None
        | v -> check (validate v)

    /// Every option against AWS's rules and the combinations that make no sense; the first problem wins. Bounds on
    /// timeouts and retries are the ones the SDK and the timers accept, so that a provider that was built can serve
    /// calls.
    /// <example><code>ProviderRules.checkOptions { facts with Profile = "dev"; Compute = true } // InvalidInput credentials</code></example>
    [<CompiledName("CheckOptions")>]
    let checkOptions (o: ProviderOptionFacts) : Result<unit, DomainError> =
        let hasRole = not (isNull o.AssumeRoleArn)
        let duration (value: Nullable<TimeSpan>) validate = if value.HasValue then check (validate value.Value) else None
        let problems =
            seq {
                rule (not (isNull o.Profile) && o.Compute) "credentials" "name a profile or ask for compute credentials, not both"
                rule (o.HasCredentials && (not (isNull o.Profile) || o.Compute)) "credentials"
                    "give credentials directly or name a source for them, not both"
                rule (not (isNull o.Profile) && String.IsNullOrWhiteSpace o.Profile) "profile" "must not be empty"
                rule (not hasRole && not (isNull o.ExternalId)) "external id" "applies only when a role is assumed"
                rule (not hasRole && not (isNull o.RoleSessionName)) "role session name" "applies only when a role is assumed"
                rule (not hasRole && o.SessionDuration.HasValue) "session duration" "applies only when a role is assumed"
                rule (o.HasEndpoint && isNull o.EndpointUrl) "endpoint" "must name a URL"
                duration o.Timeout Validate.timeout
                (if o.MaxErrorRetry.HasValue then check (Validate.maxErrorRetry o.MaxErrorRetry.Value) else None)
                duration o.CallDeadline Validate.callDeadline
                duration o.IdleTimeout Validate.idleTimeout
                checkOptional o.AssumeRoleArn Validate.roleArn
                checkOptional o.ExternalId Validate.externalId
                checkOptional o.RoleSessionName Validate.roleSessionName
                duration o.SessionDuration Validate.sessionDuration
                (if hasRole then check (Validate.refreshWindow (o.CredentialRefreshWindow, o.SessionDuration)) else None)
                checkOptional o.Region Validate.region
                checkOptional o.EndpointUrl (fun url -> Validate.endpoint (url, o.AllowInsecureHttp))
                checkOptional o.EndpointAuthenticationRegion Validate.region
            }
        match problems |> Seq.tryPick id with
        | Some problem -> Error problem
        | None -> Ok()

    let private checkedRegion (name: string) (source: string) =
        match Validate.region name with
        | Ok region -> Ok { Name = region; Source = source }
        | Error(InvalidInput(_, why)) -> Error(InvalidInput("region", $"{why} (from {source})"))
        | Error other -> Error other

    /// The region a provider works in, first found wins: the options, the endpoint's signing region, AWS_REGION, the
    /// named profile, then the SDK's own resolution (asked only when nothing before answered, and only without a
    /// named profile: a named profile without a region is not silently completed from elsewhere). None is
    /// <c>RegionUnresolved</c> — never the pseudo-region aws-global.
    /// <example><code>ProviderRules.chooseRegion ({ facts with Environment = "eu-west-1" }, fun () -> null) // eu-west-1, from AWS_REGION</code></example>
    [<CompiledName("ChooseRegion")>]
    let chooseRegion (facts: RegionFacts, sdkRegion: Func<string | null>) : Result<RegionChoice, DomainError> =
        let present (s: string | null) = not (String.IsNullOrEmpty s)
        if present facts.Options then Ok { Name = nonNull facts.Options; Source = "set in the options" }
        elif present facts.EndpointAuthenticationRegion then
            Ok { Name = nonNull facts.EndpointAuthenticationRegion; Source = "the endpoint's authentication region" }
        elif present facts.Environment then checkedRegion (nonNull facts.Environment) "the AWS_REGION environment variable"
        elif present facts.ProfileRegion then checkedRegion (nonNull facts.ProfileRegion) $"profile '{facts.ProfileName}'"
        else
            let fromSdk = if isNull facts.ProfileName then sdkRegion.Invoke() else null
            if present fromSdk then
                checkedRegion (nonNull fromSdk)
                    (if facts.Compute then "the SDK's resolution (AWS_PROFILE or default profile, then instance metadata)"
                     else "the SDK's resolution (AWS_PROFILE or default profile)")
            else
                Error(RegionUnresolved(
                    "set Region in the options, the AWS_REGION environment variable, or a region in the profile"
                    + (if facts.Compute then "" else " (instance metadata is asked only in compute mode)")))

    let private notSessionNameCharacters = Regex(@"[^A-Za-z0-9_+=,.@-]", RegexOptions.CultureInvariant)

    /// The role session name used when none is given: <c>awsaio-</c> and the local user name with every character
    /// STS refuses removed, at most 64 characters, so that CloudTrail shows both the tool and the person.
    /// <example><code>ProviderRules.defaultRoleSessionName "Zoë Smith" = "awsaio-ZoSmith"</code></example>
    [<CompiledName("DefaultRoleSessionName")>]
    let defaultRoleSessionName (userName: string | null) : string =
        let user =
            match userName with
            | null -> ""
            | u -> notSessionNameCharacters.Replace(u, "")
        let name = if user.Length = 0 then "awsaio" else $"awsaio-{user}"
        if name.Length > 64 then name.Substring(0, 64) else name

    /// A client configuration as the options' <c>ConfigureClient</c> hook left it, against the bounds the options
    /// themselves obey: a timeout of 1 ms to 24 hours, 0 to 10 retries, and a service URL that is a valid endpoint
    /// (plain http only on loopback unless allowed). Problems name the hook.
    /// <example><code>ProviderRules.checkClientConfig { Timeout = Nullable(); MaxErrorRetry = 50; ServiceUrl = null; AllowInsecureHttp = false } // InvalidInput</code></example>
    [<CompiledName("CheckClientConfig")>]
    let checkClientConfig (facts: ClientConfigFacts) : Result<unit, DomainError> =
        let named (problem: DomainError option) =
            match problem with
            | Some(InvalidInput(field, why)) -> Some(InvalidInput($"ConfigureClient: {field}", why))
            | other -> other
        let problems =
            seq {
                (if facts.Timeout.HasValue then check (Validate.timeout facts.Timeout.Value) else None)
                check (Validate.maxErrorRetry facts.MaxErrorRetry)
                checkOptional facts.ServiceUrl (fun url -> Validate.endpoint (url, facts.AllowInsecureHttp))
            }
        match problems |> Seq.tryPick id |> named with
        | Some problem -> Error problem
        | None -> Ok()
