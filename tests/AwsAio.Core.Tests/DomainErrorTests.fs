module AwsAio.Core.Tests.DomainErrorTests

open System
open Xunit
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.Xunit
open FsCheck
open FsCheck.FSharp

let private d = { Service = "S3"; Operation = "HeadBucket"; Code = "NoSuchBucket"; Message = "The bucket is gone"
                  HttpStatus = 404; RequestId = "REQ123"; Target = ErrorTarget.None }

/// One value of every case, with the category and retryability each must have.
let private everyCase : (DomainError * ErrorCategory * bool) list =
    [ BucketDoesNotExist("b", d), ErrorCategory.NotFound, false
      BucketAccessDenied("b", d), ErrorCategory.Access, false
      BucketNameNotAvailable("b", d), ErrorCategory.Conflict, false
      CouldNotEnsureBucketExists("b", BucketAccessDenied("b", d)), ErrorCategory.Access, false
      ObjectDoesNotExist("b", "k", d), ErrorCategory.NotFound, false
      LocalFileAlreadyExists "/tmp/x", ErrorCategory.Conflict, false
      LocalDirectoryMissing "/tmp/none", ErrorCategory.NotFound, false
      LocalFilePermissionDenied("/root/x", "read-only"), ErrorCategory.Access, false
      LocalFileDoesNotExist "/tmp/y", ErrorCategory.NotFound, false
      LocalFileFailed("/tmp/z", "No space left on device"), ErrorCategory.Unknown, false
      VpcDoesNotExist("vpc-01234567", d), ErrorCategory.NotFound, false
      InstanceDoesNotExist("i-01234567", d), ErrorCategory.NotFound, false
      ResourceDoesNotExist("Subnet", "subnet-01234567", d), ErrorCategory.NotFound, false
      NonMirrorableEniType("eni-01234567", "nat_gateway"), ErrorCategory.Input, false
      MirrorDoesNotExist("tms-01234567", d), ErrorCategory.NotFound, false
      AssumeRoleFailed("arn:aws:iam::123456789012:role/R", d), ErrorCategory.Access, false
      CredentialsUnavailable("profile dev", "not found", AwsErrorDetails.NoResponse("", "")), ErrorCategory.Credentials, false
      CredentialsExpired d, ErrorCategory.Credentials, false
      RegionUnresolved "none set", ErrorCategory.Input, false
      InvalidInput("bucket name", "must be 3 to 63 characters long"), ErrorCategory.Input, false
      InvalidRequest d, ErrorCategory.Input, false
      EncryptionKeyError d, ErrorCategory.Access, false
      Conflict d, ErrorCategory.Conflict, false
      AccessDenied d, ErrorCategory.Access, false
      Throttled d, ErrorCategory.Throttled, true
      ServiceUnavailable d, ErrorCategory.Transient, true
      Transport("S3", "HeadBucket", "connection refused", null, ErrorTarget.Of "b"), ErrorCategory.Transport, true
      Timeout d, ErrorCategory.Transient, true
      PaginationAnomaly("ListObjectsV2", RepeatedToken("t", 3), ResumePoint.At("t", 2)), ErrorCategory.Unknown, false
      Cancelled "ListObjectsV2", ErrorCategory.Cancelled, false
      Unexpected(d, null), ErrorCategory.Unknown, false
      ObjectListingInterrupted("b", Throttled d, ResumePoint.At("t", 0), [||], 0), ErrorCategory.Throttled, true
      ObjectsNotDeleted("b", [| { Key = "k"; VersionId = "v"; Error = AccessDenied d } |]), ErrorCategory.Access, false
      WrongRegion("b", "eu-west-1", d), ErrorCategory.Input, false
      MalformedResponse("it is not a bucket listing", d), ErrorCategory.Transient, true
      OutcomeUnknown(Timeout d, "token-1"), ErrorCategory.OutcomeUnknown, false
      TransferInterrupted("b", "k", "upload-1", 8L, 20L, 1, 3, true, Throttled d), ErrorCategory.Throttled, true
      FolderListingInterrupted("b", AccessDenied d, ResumePoint.At("t", 1), { Objects = [||]; Prefixes = [| "logs/" |] }, 1),
      ErrorCategory.Access, false ]

module ``Classification`` =

    [<Fact>]
    let ``the list above covers every case of DomainError`` () =
        let cases = Reflection.FSharpType.GetUnionCases typeof<DomainError> |> Array.map _.Name |> set
        let listed =
            everyCase |> List.map (fun (e, _, _) -> (Reflection.FSharpValue.GetUnionFields(e, typeof<DomainError>) |> fst).Name) |> set
        Assert.Equal<Set<string>>(cases, listed)

    [<Fact>]
    let ``each case belongs to its family and only throttling, transient and transport errors are retryable`` () =
        for error, category, retryable in everyCase do
            Assert.True((category = error.Category), $"{error}: expected {category}, was {error.Category}")
            Assert.True((retryable = error.IsRetryable), $"{error}: expected retryable = {retryable}")

    [<Fact>]
    let ``a wrapped cause decides the family of CouldNotEnsureBucketExists`` () =
        let error = CouldNotEnsureBucketExists("b", BucketNameNotAvailable("b", d))
        Assert.Equal(ErrorCategory.Conflict, error.Category)
        Assert.Equal(d, error.ErrorDetails)

module ``Rendering`` =

    [<Fact>]
    let ``every case renders as one sentence ending in a full stop`` () =
        for error, _, _ in everyCase do
            let text = string error
            Assert.False(String.IsNullOrWhiteSpace text)
            Assert.False(text.Contains '\n', text)
            Assert.True(text.EndsWith "." , text)

    [<Fact>]
    let ``a bucket error names the bucket, the code and the request id`` () =
        let text = string (BucketDoesNotExist("my-bucket", d))
        Assert.Equal("Bucket 'my-bucket' does not exist (NoSuchBucket, HTTP 404, request id REQ123): The bucket is gone.", text)

    [<Fact>]
    let ``a generic error names the resource the request was about`` () =
        let onObject = { d with Operation = "GetObject"; Code = "AccessDenied"; HttpStatus = 403; Message = "Access Denied" }.On(ErrorTarget.Of("logs", "2026/app.gz"))
        Assert.Equal("Access denied to S3 GetObject on 'logs/2026/app.gz' (AccessDenied, HTTP 403, request id REQ123): Access Denied.", string (AccessDenied onObject))
        Assert.Equal("S3 HeadBucket on 'logs' was throttled (NoSuchBucket, HTTP 404, request id REQ123): The bucket is gone.", string (Throttled(d.On(ErrorTarget.Of "logs"))))

    [<Fact>]
    let ``an interrupted listing says how many objects came before`` () =
        let error = ObjectListingInterrupted("logs", Throttled d, ResumePoint.At("t", 0), [||], 2500)
        Assert.StartsWith("Listing bucket 'logs' stopped after 2500 objects: ", string error)

    [<Fact>]
    let ``an error without a response says so without empty brackets`` () =
        Assert.Equal("VPC 'vpc-01234567' does not exist.", string (VpcDoesNotExist("vpc-01234567", AwsErrorDetails.NoResponse("EC2", "DescribeVpcs"))))

    [<Property(MaxTest = Cases)>]
    let ``rendering over arbitrary details, nulls included, is one sentence naming the resource, code, status and request id`` () =
        let names = Gen.oneof [ Gen.elements [ "my-bucket"; "vpc-0a1b2c3d"; "arn:aws:iam::123456789012:role/R" ]; codeLike ]
        Prop.forAll (Arb.fromGen (Gen.zip anyDetails names)) (fun (details, name) ->
            let present (s: string) = not (String.IsNullOrEmpty s)
            let mentions (text: string) =
                text.EndsWith "."
                && (not (present details.Code) || text.Contains details.Code)
                && (details.HttpStatus > 0) = text.Contains $"HTTP {details.HttpStatus}"
                && (not (present details.RequestId) || text.Contains $"request id {details.RequestId}")
            let named =
                [ BucketDoesNotExist(name, details); ObjectDoesNotExist(name, "k", details); AssumeRoleFailed(name, details)
                  VpcDoesNotExist(name, details); BucketAccessDenied(name, details) ]
            let unnamed = [ CredentialsUnavailable("s", "r", details); InvalidRequest details; Throttled details; Unexpected(details, null) ]
            let all = named @ unnamed
            (named |> List.forall (fun e -> (string e).Contains $"'{name}'") && all |> List.forall (fun e -> mentions (string e)))
            |> Prop.classify (isNull details.Code || isNull details.RequestId || isNull details.Message) "with nulls")

module ``Details`` =

    [<Fact>]
    let ``local errors have details without a response`` () =
        Assert.False((LocalFileAlreadyExists "/x").ErrorDetails.HasResponse)
        Assert.False((InvalidInput("f", "r")).ErrorDetails.HasResponse)
        Assert.True((Throttled d).ErrorDetails.HasResponse)

    [<Fact>]
    let ``errors compare structurally, and carried exceptions by reference`` () =
        let ex = InvalidOperationException "boom"
        Assert.Equal(Unexpected(d, ex), Unexpected(d, ex))
        Assert.NotEqual(Unexpected(d, ex), Unexpected(d, InvalidOperationException "boom"))
        Assert.Equal(BucketDoesNotExist("b", d), BucketDoesNotExist("b", d))

module ``Nulls from C#`` =

    /// Details as a C# caller may build them: any field null, or the whole record null.
    let private nullish : Gen<AwsErrorDetails> =
        let s = Gen.elements [ null; ""; "S3"; "x" ]
        Gen.oneof [ Gen.constant (Unchecked.defaultof<AwsErrorDetails>)
                    gen {
                        let! a = s
                        let! b = s
                        let! c = s
                        let! m = s
                        let! r = s
                        let! target = Gen.elements [ Unchecked.defaultof<ErrorTarget>; { Resource = null; Key = null }; ErrorTarget.Of "b" ]
                        return { Service = a; Operation = b; Code = c; Message = m; HttpStatus = 0; RequestId = r; Target = target }
                    } ]

    /// Every case, built with null strings, null details, null causes and null collections.
    let private withNulls : Gen<DomainError> =
        gen {
            let! d = nullish
            let! s = Gen.elements [ null; ""; "x" ]
            let nullError = Unchecked.defaultof<DomainError>
            let nullList = Unchecked.defaultof<Collections.Generic.IReadOnlyList<DeleteFailure>>
            return!
                Gen.elements
                    [ BucketDoesNotExist(s, d); BucketAccessDenied(s, d); BucketNameNotAvailable(s, d); CouldNotEnsureBucketExists(s, nullError)
                      ObjectDoesNotExist(s, s, d); LocalFileAlreadyExists s; LocalDirectoryMissing s; LocalFilePermissionDenied(s, s)
                      LocalFileDoesNotExist s; LocalFileFailed(s, s); VpcDoesNotExist(s, d); InstanceDoesNotExist(s, d)
                      ResourceDoesNotExist(s, s, d); NonMirrorableEniType(s, s); MirrorDoesNotExist(s, d); AssumeRoleFailed(s, d)
                      CredentialsUnavailable(s, s, d); CredentialsExpired d; RegionUnresolved s; InvalidInput(s, s); InvalidRequest d
                      EncryptionKeyError d; Conflict d; AccessDenied d; Throttled d; ServiceUnavailable d
                      Transport(s, s, s, null, Unchecked.defaultof<ErrorTarget>); Timeout d
                      PaginationAnomaly(s, Unchecked.defaultof<PaginationAnomaly>, Unchecked.defaultof<ResumePoint>); Cancelled s
                      Unexpected(d, null); ObjectListingInterrupted(s, nullError, Unchecked.defaultof<ResumePoint>, null, 0)
                      ObjectsNotDeleted(s, nullList); ObjectsNotDeleted(s, [| Unchecked.defaultof<DeleteFailure> |])
                      WrongRegion(s, s, d); MalformedResponse(s, d); OutcomeUnknown(nullError, s) ]
        }

    [<Property(MaxTest = Cases)>]
    let ``rendering, category, retryability and details are total over nulls`` () =
        Prop.forAll (Arb.fromGen withNulls) (fun error ->
            let text = error.ToString()
            let details = error.ErrorDetails
            text.EndsWith "." && not (isNull (box details)) && not (isNull details.Code) && not (isNull details.Message)
            && not (isNull details.Target.Resource) && (error.IsRetryable || not error.IsRetryable)
            && Enum.IsDefined error.Category)

    [<Fact>]
    let ``details built with nulls answer HasResponse and Summary without throwing`` () =
        let d = { Service = null; Operation = null; Code = null; Message = null; HttpStatus = 0; RequestId = null; Target = ErrorTarget.None }
        Assert.False(d.HasResponse)
        Assert.Equal("", d.Summary)
        Assert.True({ d with HttpStatus = 503 }.HasResponse)
        Assert.Equal("The credentials have expired.", string (CredentialsExpired d))

module ``Interrupted transfers`` =

    [<Fact>]
    let ``an interrupted transfer says how far it got and whether parts are left behind`` () =
        let aborted = string (TransferInterrupted("b", "big.bin", "u-1", 16L, 40L, 2, 5, true, Throttled d))
        Assert.Contains("16 of 40 bytes (2 of 5 parts)", aborted)
        Assert.Contains("aborted, so no part is left stored", aborted)
        let left = string (TransferInterrupted("b", "big.bin", "u-1", 16L, -1L, 2, -1, false, Throttled d))
        Assert.Contains("16 bytes (2 parts)", left)
        Assert.Contains("'u-1' could not be aborted", left)
        Assert.Equal(d, (TransferInterrupted("b", "k", "u", 0L, 0L, 0, 0, true, Throttled d)).ErrorDetails)
