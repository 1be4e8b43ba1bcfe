module AwsAio.Core.Tests.ProviderRulesTests

open System
open Xunit
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.Xunit
open FsCheck
open FsCheck.FSharp

let private none : ProviderOptionFacts =
    { Profile = null; Compute = false; HasCredentials = false; AssumeRoleArn = null; ExternalId = null; RoleSessionName = null
      SessionDuration = Nullable(); CredentialRefreshWindow = TimeSpan.FromMinutes 5.0; Region = null; HasEndpoint = false
      EndpointUrl = null; EndpointAuthenticationRegion = null; AllowInsecureHttp = false; Timeout = Nullable()
      MaxErrorRetry = Nullable(); CallDeadline = Nullable(); IdleTimeout = Nullable() }

let private field (result: Result<unit, DomainError>) =
    match result with
    | Error(InvalidInput(f, _)) -> f
    | Error other -> failwith $"expected InvalidInput, got {other}"
    | Ok() -> "ok"

module ``Option combinations`` =

    [<Fact>]
    let ``no options at all is fine: the SDK's chain and region resolution apply`` () =
        Assert.Equal(Ok(), ProviderRules.checkOptions none)

    [<Fact>]
    let ``a profile and compute mode together are refused`` () =
        Assert.Equal("credentials", field (ProviderRules.checkOptions { none with Profile = "dev"; Compute = true }))

    [<Fact>]
    let ``given credentials and a named source together are refused`` () =
        Assert.Equal("credentials", field (ProviderRules.checkOptions { none with HasCredentials = true; Profile = "dev" }))
        Assert.Equal("credentials", field (ProviderRules.checkOptions { none with HasCredentials = true; Compute = true }))

    [<Fact>]
    let ``role-only settings without a role are refused, each by name`` () =
        Assert.Equal("external id", field (ProviderRules.checkOptions { none with ExternalId = "abc" }))
        Assert.Equal("role session name", field (ProviderRules.checkOptions { none with RoleSessionName = "abc" }))
        Assert.Equal("session duration", field (ProviderRules.checkOptions { none with SessionDuration = Nullable(TimeSpan.FromHours 1.0) }))

    [<Fact>]
    let ``an endpoint override without a URL is refused`` () =
        Assert.Equal("endpoint", field (ProviderRules.checkOptions { none with HasEndpoint = true }))

    [<Property(MaxTest = Cases)>]
    let ``every bound option is accepted exactly inside its documented range`` () =
        let seconds = Gen.elements [ -1.0; 0.0; 0.0005; 0.001; 1.0; 3600.0; 3600.5; 86400.0; 86401.0; 8640000.0 ]
        Prop.forAll (Arb.fromGen (Gen.zip3 seconds seconds (Gen.choose (-2, 12)))) (fun (a, b, retries) ->
            let facts = { none with Timeout = Nullable(TimeSpan.FromSeconds a); IdleTimeout = Nullable(TimeSpan.FromSeconds b)
                                    MaxErrorRetry = Nullable retries; CallDeadline = Nullable(TimeSpan.FromSeconds a) }
            // The documented ranges, restated: timeouts and deadlines 1 ms to a day, idle up to an hour, 0 to 10 retries.
            let expectedOk = a >= 0.001 && a <= 86400.0 && b >= 0.001 && b <= 3600.0 && retries >= 0 && retries <= 10
            (ProviderRules.checkOptions facts = Ok()) = expectedOk)

module ``Region choice`` =

    let private facts = { Options = null; EndpointAuthenticationRegion = null; Environment = null; ProfileName = null
                          ProfileRegion = null; Compute = false }
    let private noSdk = Func<string | null>(fun () -> null)

    let private chosen (result: Result<RegionChoice, DomainError>) =
        match result with
        | Ok c -> c.Name
        | Error e -> failwith $"expected a region, got {e}"

    [<Property(MaxTest = Cases)>]
    let ``the first source that names a region wins, in the documented order`` () =
        let maybe = Gen.elements [ null; "eu-west-1"; "us-gov-west-1"; "ap-south-2" ]
        Prop.forAll (Arb.fromGen (Gen.zip3 (Gen.zip maybe maybe) (Gen.zip maybe maybe) maybe)) (fun ((o, e), (env, p), sdk) ->
            let f = { facts with Options = o; EndpointAuthenticationRegion = e; Environment = env; ProfileRegion = p }
            let expected = [ o; e; env; p; sdk ] |> List.tryFind (fun r -> not (isNull r))
            match ProviderRules.chooseRegion (f, Func<_>(fun () -> sdk)), expected with
            | Ok c, Some r -> c.Name = r
            | Error(RegionUnresolved _), None -> true
            | _ -> false)

    [<Fact>]
    let ``a named profile without a region is never completed from the SDK's own resolution`` () =
        let asked = ref false
        let result = ProviderRules.chooseRegion ({ facts with ProfileName = "dev" }, Func<_>(fun () -> asked.Value <- true; "eu-west-1"))
        Assert.False(asked.Value)
        match result with
        | Error(RegionUnresolved why) -> Assert.Contains("instance metadata is asked only in compute mode", why)
        | other -> failwith $"expected RegionUnresolved, got {other}"

    [<Fact>]
    let ``a malformed region from the environment names where it came from`` () =
        match ProviderRules.chooseRegion ({ facts with Environment = "aws-global" }, noSdk) with
        | Error(InvalidInput("region", why)) -> Assert.Contains("AWS_REGION", why)
        | other -> failwith $"expected InvalidInput, got {other}"

    [<Fact>]
    let ``the options' region is taken as given and said so`` () =
        match ProviderRules.chooseRegion ({ facts with Options = "eu-north-1"; Environment = "us-east-1" }, noSdk) with
        | Ok c -> Assert.Equal(("eu-north-1", "set in the options"), (c.Name, c.Source))
        | Error e -> failwith $"{e}"
        Assert.Equal("us-east-1", chosen (ProviderRules.chooseRegion ({ facts with Environment = "us-east-1" }, noSdk)))

module ``Default session name`` =

    [<Property(MaxTest = Cases)>]
    let ``whatever the user name, the default session name is one STS accepts and starts with awsaio`` () =
        Prop.forAll (Arb.fromGen anyString) (fun user ->
            let name = ProviderRules.defaultRoleSessionName user
            Oracles.roleSessionName name && name.StartsWith "awsaio")

    [<Theory>]
    [<InlineData("alice", "awsaio-alice")>]
    [<InlineData("Zoë Smith", "awsaio-ZoSmith")>]
    [<InlineData("", "awsaio")>]
    [<InlineData("日本", "awsaio")>]
    let ``characters STS refuses are dropped`` (user: string, expected: string) =
        Assert.Equal(expected, ProviderRules.defaultRoleSessionName user)

    [<Fact>]
    let ``a long user name is cut at 64 characters`` () =
        Assert.Equal(64, (ProviderRules.defaultRoleSessionName (String('u', 200))).Length)

module ``Client configuration after the hook`` =

    let private facts timeout retries url : ClientConfigFacts =
        { Timeout = timeout; MaxErrorRetry = retries; ServiceUrl = url; AllowInsecureHttp = false }

    [<Fact>]
    let ``a configuration within the options' bounds passes`` () =
        Assert.Equal(Ok(), ProviderRules.checkClientConfig (facts (Nullable(TimeSpan.FromSeconds 30.0)) 3 "https://s3.example.internal"))
        Assert.Equal(Ok(), ProviderRules.checkClientConfig (facts (Nullable()) 0 null))

    [<Property(MaxTest = Cases)>]
    let ``a retry count passes exactly when the options would accept it, and the problem names the hook`` () =
        Prop.forAll (Arb.fromGen (Gen.choose (-5, 50))) (fun retries ->
            match ProviderRules.checkClientConfig (facts (Nullable()) retries null), Validate.maxErrorRetry retries with
            | Ok(), Ok _ -> true
            | Error(InvalidInput(f, _)), Error _ -> f = "ConfigureClient: max error retry"
            | _ -> false)

    [<Fact>]
    let ``a timeout out of bounds, or a plain-http URL off loopback, is refused naming the hook`` () =
        Assert.Equal("ConfigureClient: timeout", field (ProviderRules.checkClientConfig (facts (Nullable(TimeSpan.FromDays 30.0)) 3 null)))
        Assert.Equal("ConfigureClient: endpoint", field (ProviderRules.checkClientConfig (facts (Nullable()) 3 "http://proxy.example.internal")))
        Assert.Equal(Ok(), ProviderRules.checkClientConfig { facts (Nullable()) 3 "http://proxy.example.internal" with AllowInsecureHttp = true })
