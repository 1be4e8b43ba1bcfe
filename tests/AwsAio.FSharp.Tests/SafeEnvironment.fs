namespace AwsAio.FSharp.Tests

open System
open Xunit
open Xunit.Abstractions
open Xunit.Sdk

/// Safety nets for the whole test assembly, set before any test runs (F# has no module initializers, so the test
/// framework does it): no instance-metadata probe, and any client left without an explicit endpoint talks to a closed
/// loopback port rather than to AWS.
type SafeEnvironmentFramework(sink: IMessageSink) =
    inherit XunitTestFramework(sink)
    do
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true")
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9")
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", "http://127.0.0.1:9")

[<assembly: TestFramework("AwsAio.FSharp.Tests.SafeEnvironmentFramework", "AwsAio.FSharp.Tests")>]
do ()

module SafeEnvironmentTests =

    [<Fact>]
    let ``the safety nets are set before any test runs`` () =
        Assert.Equal("true", Environment.GetEnvironmentVariable "AWS_EC2_METADATA_DISABLED")
        Assert.Equal("http://127.0.0.1:9", Environment.GetEnvironmentVariable "AWS_ENDPOINT_URL")
