module AwsAio.Core.Tests.ExitCodesTests

open System
open Xunit
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit

/// Every category, plus values outside the enum that a C# caller could cast.
let private anyCategory : Gen<ErrorCategory> =
    Gen.oneof [ Gen.elements (Enum.GetValues<ErrorCategory>())
                Gen.choose (-5, 50) |> Gen.map enum<ErrorCategory> ]

/// Errors as the wrappers produce them: AWS answers mapped by the core, and the local and wrapped cases.
let private anyError : Gen<DomainError> =
    let mapped =
        gen {
            let! details = anyDetails
            return ErrorMapping.map (ErrorTarget.Of("bucket", "key"), details, null)
        }
    let local =
        Gen.elements [ LocalFileAlreadyExists "/tmp/x"; LocalDirectoryMissing "/tmp/none"; LocalFileDoesNotExist "/tmp/y"
                       LocalFilePermissionDenied("/root/x", "read-only"); LocalFileFailed("/tmp/z", "disk full")
                       InvalidInput("bucket name", "must not be empty"); RegionUnresolved "none"; Cancelled "GetObject" ]
    gen {
        let! inner = Gen.oneof [ mapped; local ]
        return! Gen.elements [ inner; CouldNotEnsureBucketExists("bucket", inner)
                               ObjectListingInterrupted("bucket", inner, ResumePoint.At("t", 0), [||], 3) ]
    }

module ``Laws`` =

    [<Property(MaxTest = Cases)>]
    let ``every category has a code, and it is never success or usage`` () =
        Prop.forAll (Arb.fromGen anyCategory) (fun category ->
            let code = ExitCodes.ofCategory category
            code <> ExitCode.Success && code <> ExitCode.Usage && int code > 0 && int code < 256)

    [<Property(MaxTest = Cases)>]
    let ``different categories get different codes`` () =
        let categories = Enum.GetValues<ErrorCategory>()
        Prop.forAll (Arb.fromGen (Gen.two (Gen.elements categories))) (fun (a, b) ->
            (a = b) = (ExitCodes.ofCategory a = ExitCodes.ofCategory b))

    [<Property(MaxTest = Cases)>]
    let ``an error exits with the code of its category`` () =
        Prop.forAll (Arb.fromGen anyError) (fun error -> ExitCodes.ofError error = ExitCodes.ofCategory error.Category)

    [<Property(MaxTest = Cases)>]
    let ``only the failures that may pass on a second try exit with a retry code`` () =
        let retryCodes = set [ ExitCode.Throttled; ExitCode.Transient; ExitCode.Transport ]
        Prop.forAll (Arb.fromGen anyError) (fun error -> error.IsRetryable = retryCodes.Contains(ExitCodes.ofError error))

module ``Table`` =

    [<Fact>]
    let ``every category has its documented code`` () =
        let expected =
            [ ErrorCategory.Unknown, 1; ErrorCategory.Input, 3; ErrorCategory.NotFound, 4; ErrorCategory.Access, 5
              ErrorCategory.Credentials, 6; ErrorCategory.Conflict, 7; ErrorCategory.Throttled, 8
              ErrorCategory.Transient, 9; ErrorCategory.Transport, 10; ErrorCategory.OutcomeUnknown, 11
              ErrorCategory.Cancelled, 130 ]
        Assert.Equal<Set<ErrorCategory>>(set (Enum.GetValues<ErrorCategory>()), expected |> List.map fst |> set)
        Assert.Equal<(ErrorCategory * int) list>(expected, expected |> List.map (fun (c, _) -> c, int (ExitCodes.ofCategory c)))

    [<Fact>]
    let ``a null error is unexpected`` () =
        Assert.Equal(ExitCode.Unexpected, ExitCodes.ofError null)

    [<Fact>]
    let ``every code is listed once, in order, with its own description`` () =
        let all = ExitCodes.all |> List.ofSeq
        Assert.Equal<ExitCode list>(List.sort (List.ofArray (Enum.GetValues<ExitCode>())), all)
        let descriptions = all |> List.map ExitCodes.describe
        Assert.Equal(all.Length, (set descriptions).Count)
        Assert.All(descriptions, fun d -> Assert.False(d.StartsWith "exit code", d))
