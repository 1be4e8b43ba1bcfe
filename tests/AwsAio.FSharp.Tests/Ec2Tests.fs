module AwsAio.FSharp.Tests.Ec2Tests

open System.Net
open System.Threading
open Amazon.EC2
open Amazon.EC2.Model
open AwsAio
open AwsAio.Core
open AwsAio.FSharp
open Moq
open Xunit

let private providerWith (ec2: IAmazonEC2) =
    let provider = Mock<IAwsClientProvider>()
    provider.Setup(fun p -> p.GetEc2()).Returns(ec2) |> ignore
    provider.Object

[<Fact>]
let ``getAvailabilityZones gives an F# list as a Result`` () =
    task {
        let ec2 = Mock<IAmazonEC2>()
        let zone name = AvailabilityZone(ZoneName = name, State = AvailabilityZoneState.Available, ZoneType = "availability-zone")
        ec2.Setup(fun e -> e.DescribeAvailabilityZonesAsync(It.IsAny<DescribeAvailabilityZonesRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(DescribeAvailabilityZonesResponse(AvailabilityZones = ResizeArray [ zone "us-east-1b"; zone "us-east-1a" ],
                                                            HttpStatusCode = HttpStatusCode.OK)) |> ignore
        let! zones = Ec2.getAvailabilityZones false (providerWith ec2.Object) CancellationToken.None
        let! direct = Ec2Interactions.GetAvailabilityZonesAsync(providerWith ec2.Object)
        Assert.Equal(Interop.toResult direct |> Result.map List.ofSeq, zones)
        Assert.True(Result.isOk zones)
    }

[<Fact>]
let ``bad ids are refused before any request`` () =
    task {
        let ec2 = Mock<IAmazonEC2>(MockBehavior.Strict)
        let! refused = Ec2.getSubnetsOfVpc "subnet-not-a-vpc" (providerWith ec2.Object) CancellationToken.None
        let! deleted = Ec2.deleteEniMirroring "x" (providerWith ec2.Object) CancellationToken.None
        Assert.True(match refused with Error(InvalidInput _) -> true | _ -> false)
        Assert.True(match deleted with Error(InvalidInput _) -> true | _ -> false)
        Assert.Empty ec2.Invocations
    }
