module AwsAio.Core.Tests.StsRulesTests

open Xunit
open AwsAio.Core

[<Fact>]
let ``an identity needs an account`` () =
    Assert.Equal(Ok { Account = "123456789012"; Arn = "arn"; UserId = "" }, StsRules.callerIdentity ("123456789012", "arn", null, 200, "r"))
    match StsRules.callerIdentity (null, "arn", "id", 200, "REQ7") with
    | Error(Unexpected(d, _)) ->
        Assert.Equal(("STS", "GetCallerIdentity", 200, "REQ7"), (d.Service, d.Operation, d.HttpStatus, d.RequestId))
        Assert.Contains("without an account", d.Message)
    | other -> failwith $"expected Unexpected, got {other}"

[<Fact>]
let ``incomplete credentials are a failure to assume the role, naming it`` () =
    match StsRules.incompleteCredentials ("arn:aws:iam::123456789012:role/R", 200, null) with
    | AssumeRoleFailed(role, d) ->
        Assert.Equal("arn:aws:iam::123456789012:role/R", role)
        Assert.Equal("", d.RequestId)
        Assert.Equal(ErrorTarget.Of "arn:aws:iam::123456789012:role/R", d.Target)
    | other -> failwith $"expected AssumeRoleFailed, got {other}"
