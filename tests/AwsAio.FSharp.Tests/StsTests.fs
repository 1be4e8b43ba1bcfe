module AwsAio.FSharp.Tests.StsTests

open System
open System.Net
open System.Threading
open Amazon.Runtime
open Amazon.SecurityToken
open Amazon.SecurityToken.Model
open AwsAio
open AwsAio.Core
open AwsAio.FSharp
open Moq
open Xunit

let private providerWith (sts: IAmazonSecurityTokenService) =
    let provider = Mock<IAwsClientProvider>()
    provider.Setup(fun p -> p.GetSts()).Returns(sts) |> ignore
    provider.Object

[<Fact>]
let ``getCallerIdentity gives the identity as a Result`` () =
    task {
        let sts = Mock<IAmazonSecurityTokenService>()
        sts.Setup(fun s -> s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(GetCallerIdentityResponse(Account = "123456789012", Arn = "arn:aws:iam::123456789012:user/a", UserId = "AIDA",
                                                    HttpStatusCode = HttpStatusCode.OK)) |> ignore
        let! identity = Sts.getCallerIdentity (providerWith sts.Object) CancellationToken.None
        Assert.Equal(Ok { Account = "123456789012"; Arn = "arn:aws:iam::123456789012:user/a"; UserId = "AIDA" }, identity)
    }

[<Fact>]
let ``assumeRole checks its input before any request, as the wrapper does`` () =
    task {
        let sts = Mock<IAmazonSecurityTokenService>(MockBehavior.Strict)
        let! refused = Sts.assumeRole "not-an-arn" None (Some "x") (Some(TimeSpan.FromMinutes 20.0)) (providerWith sts.Object) CancellationToken.None
        Assert.True(match refused with Error(InvalidInput _) -> true | _ -> false)
        Assert.Empty sts.Invocations
    }

[<Fact>]
let ``an STS error is the core's error`` () =
    task {
        let sts = Mock<IAmazonSecurityTokenService>()
        sts.Setup(fun s -> s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(AmazonSecurityTokenServiceException("expired", ErrorType.Sender, "ExpiredToken", "r", HttpStatusCode.BadRequest)) |> ignore
        let! expired = Sts.getCallerIdentity (providerWith sts.Object) CancellationToken.None
        Assert.True(match expired with Error(CredentialsExpired _) -> true | _ -> false)
    }
