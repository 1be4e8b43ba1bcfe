module AwsAio.Core.Tests.StsRulesTests

open Xunit
open AwsAio.Core

[<Fact>]
let ``an identity needs an account`` () =
    Assert.Equal(Ok { Account = "123456789012"; Arn = "arn"; UserId = "" }, StsRules.callerIdentity ("123456789012", "arn", null, 200, "r"))
    match StsRules.callerIdentity (null, "arn", "id", 200, "REQ7") with
    | Error(MalformedResponse(_, d)) ->
        Assert.Equal(("STS", "GetCallerIdentity", 200, "REQ7"), (d.Service, d.Operation, d.HttpStatus, d.RequestId))
        Assert.Contains("without an account", d.Message)
    | other -> failwith $"expected MalformedResponse, got {other}"

[<Fact>]
let ``incomplete credentials are a malformed answer naming the role, never a refusal`` () =
    match StsRules.incompleteCredentials ("arn:aws:iam::123456789012:role/R", 200, null) with
    | MalformedResponse(_, d) as error ->
        Assert.Equal("", d.RequestId)
        Assert.Equal(ErrorTarget.Of "arn:aws:iam::123456789012:role/R", d.Target)
        Assert.NotEqual(ErrorCategory.Access, error.Category)
    | other -> failwith $"expected MalformedResponse, got {other}"
