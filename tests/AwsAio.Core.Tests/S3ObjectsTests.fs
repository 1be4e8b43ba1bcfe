module AwsAio.Core.Tests.S3ObjectsTests

open System
open System.Collections.Generic
open System.Text.RegularExpressions
open Xunit
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit

let private kv (k: string) (v: string) = KeyValuePair(k, v)

module ``Byte ranges`` =

    let private optional (g: Gen<int64>) = Gen.oneof [ Gen.constant (Nullable()); g |> Gen.map Nullable ]
    let private numbers =
        Gen.oneof [ Gen.choose (-3, 1000) |> Gen.map int64
                    Gen.elements [ 0L; 1L; Int64.MaxValue; Int64.MaxValue - 1L; Int64.MinValue; 5_368_709_120L ] ]

    [<Property(MaxTest = Cases)>]
    let ``a range is asked for only when valid, and its header covers exactly the bytes asked for`` () =
        Prop.forAll (Arb.fromGen (Gen.zip (optional numbers) (optional numbers))) (fun (offset, length) ->
            let first = offset.GetValueOrDefault 0L
            let valid =
                (not offset.HasValue || first >= 0L)
                && (not length.HasValue || (length.Value > 0L && length.Value - 1L <= Int64.MaxValue - first))
            match S3Objects.rangeHeader (offset, length) with
            | Ok null -> valid && not offset.HasValue && not length.HasValue
            | Ok header ->
                let m = Regex.Match(header, @"^bytes=(\d+)-(\d*)\z")
                valid && m.Success && int64 m.Groups.[1].Value = first
                && (if length.HasValue then int64 m.Groups.[2].Value - first + 1L = length.Value else m.Groups.[2].Value = "")
            | Error(InvalidInput _) -> not valid
            | Error _ -> false)

    [<Property(MaxTest = Cases)>]
    let ``a ranged answer is accepted only as 206 starting at the first byte asked for`` () =
        let statuses = Gen.elements [ 200; 206; 416 ]
        let ranges = Gen.elements [ null; ""; "bytes 10-19/100"; "bytes 0-9/100"; "bytes 10-99/100"; "garbage" ]
        let asks = Gen.elements [ Nullable(), Nullable(); Nullable 10L, Nullable 10L; Nullable 0L, Nullable(); Nullable(), Nullable 10L ]
        Prop.forAll (Arb.fromGen (Gen.zip3 statuses ranges asks)) (fun (status, contentRange, (offset, length)) ->
            let accepted = Result.isOk (S3Objects.rangeAnswer ("b", "k", offset, length, status, contentRange, "r"))
            let asked = offset.HasValue || length.HasValue
            let first = offset.GetValueOrDefault 0L
            accepted = (not asked || (status = 206 && not (isNull contentRange) && contentRange.StartsWith $"bytes {first}-")))

    [<Fact>]
    let ``a store that ignored the range is a malformed answer naming the object`` () =
        match S3Objects.rangeAnswer ("b", "k", Nullable 5L, Nullable(), 200, null, "r") with
        | Error(MalformedResponse(why, d)) ->
            Assert.Contains("from 5", why)
            Assert.Equal(ErrorTarget.Of("b", "k"), d.Target)
        | other -> failwith $"expected MalformedResponse, got {other}"

module ``Tags`` =

    let private chars = "aZ09 +-=._:/@éß日" + "#*?&,;\n\t\u0000"
    let private text maxLength = gen {
        let! length = Gen.choose (0, maxLength)
        let! cs = Gen.arrayOfLength length (Gen.elements chars)
        return String cs }
    // An independent oracle: S3's documented classes as a .NET regex (the generated text has no surrogate pairs).
    let private allowed = Regex(@"^[\p{L}\p{N} +\-=._:/@]*\z")

    [<Property(MaxTest = Cases)>]
    let ``tags are accepted exactly when S3's tag rules hold`` () =
        let keys = Gen.oneof [ text 4; text 130; Gen.elements [ "aws:x"; "AWS:name"; "team" ] ]
        let tag = Gen.zip keys (Gen.oneof [ text 6; text 260 ])
        Prop.forAll (Arb.fromGen (Gen.listOf tag |> Gen.map (List.truncate 12))) (fun tags ->
            let expected =
                tags.Length <= 10
                && tags |> List.forall (fun (k, v) ->
                    k.Length >= 1 && k.Length <= 128 && allowed.IsMatch k && not (k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                    && v.Length <= 256 && allowed.IsMatch v)
                && (tags |> List.map fst |> List.distinct |> List.length) = tags.Length
            Result.isOk (S3Objects.tags (tags |> List.map (fun (k, v) -> kv k v))) = expected)

    [<Fact>]
    let ``no tags, or null, is no tags; a null key or value is refused`` () =
        Assert.Equal(0, (S3Objects.tags null |> Result.defaultValue null).Count)
        Assert.True(Result.isError (S3Objects.tags [ kv null "v" ]))
        Assert.True(Result.isError (S3Objects.tags [ kv "k" null ]))
        Assert.True(Result.isOk (S3Objects.tags [ kv "𝒜" "" ]))

module ``Object info`` =

    let private anyText = Gen.oneof [ Gen.constant null; Gen.elements [ ""; "\"abc\""; "text/plain"; "aws:kms"; "AES256"; "GLACIER" ] ]

    [<Property(MaxTest = Cases)>]
    let ``object info never holds a null, a quoted ETag, an empty content type or a KMS key without KMS`` () =
        let facts = Gen.zip3 (Gen.zip3 anyText anyText anyText) (Gen.zip3 anyText anyText anyText) (Gen.choose (-10, 10))
        Prop.forAll (Arb.fromGen facts) (fun ((etag, contentType, version), (storage, sse, kms), size) ->
            let info = S3Objects.objectInfo ("b", "k", int64 size, etag, contentType, null, null, Nullable(), version, storage, sse, kms,
                                             [ kv "x-amz-meta-owner" "ops" ])
            not (info.ETag.Contains '"') && info.ContentType.Length > 0 && info.Size >= 0L
            && not (isNull info.VersionId || isNull info.Encryption || isNull info.KmsKeyId || isNull info.ContentEncoding)
            && (info.KmsKeyId = "" || info.Encryption.StartsWith "aws:kms")
            && info.Metadata.["owner"] = "ops")

    [<Fact>]
    let ``HeadObject's facts are kept: dates as UTC, storage classes by name, metadata decoded`` () =
        let at = DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Unspecified)
        let info = S3Objects.objectInfo ("b", "k", 42L, "\"e-1\"", "text/plain", "gzip", "max-age=60", Nullable at, "v1", "GLACIER_IR",
                                         "aws:kms", "key-1", [ kv "x-amz-meta-who" "=?UTF-8?B?Wm/Dqw==?=" ])
        Assert.Equal(DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), info.LastModified)
        Assert.Equal(("e-1", "gzip", "max-age=60", "v1", "key-1"), (info.ETag, info.ContentEncoding, info.CacheControl, info.VersionId, info.KmsKeyId))
        Assert.Equal(S3StorageClass.GlacierInstantRetrieval, info.StorageClass)
        Assert.Equal("Zoë", info.Metadata.["who"])

module ``Content types`` =

    [<Theory>]
    [<InlineData(null, "app.log", "x/y.bin", false, "text/plain")>]
    [<InlineData(null, "noext", "2026/app.json", false, "application/json")>]
    [<InlineData(null, null, "2026/app.log", true, "text/plain; charset=utf-8")>]
    [<InlineData(null, null, "notes", true, "text/plain; charset=utf-8")>]
    [<InlineData(null, null, "data.json", true, "application/json")>]
    [<InlineData(null, null, "blob", false, "binary/octet-stream")>]
    [<InlineData("application/x-custom", "app.log", "k.log", true, "application/x-custom")>]
    let ``the caller's type wins, then the file name, then the key; text says its charset`` (given, localName, key, isText, expected: string) =
        Assert.Equal(Ok expected, S3Objects.contentType (given, localName, key, isText))

    [<Fact>]
    let ``a given type that would inject a header is refused`` () =
        Assert.True(Result.isError (S3Objects.contentType ("text/plain\r\nX-Evil: 1", null, "k", false)))

module ``Storage classes, delimiters and keys`` =

    [<Fact>]
    let ``every known storage class has its wire name, which reads back as itself`` () =
        for c in Enum.GetValues<S3StorageClass>() |> Array.filter (fun c -> c <> S3StorageClass.Unknown) do
            match S3Objects.storageClassName (Nullable c) with
            | Ok name -> Assert.Equal(c, DomainNames.storageClass name)
            | Error e -> failwith $"{c}: {e}"
        Assert.Equal(Ok null, S3Objects.storageClassName (Nullable()))
        Assert.True(Result.isError (S3Objects.storageClassName (Nullable S3StorageClass.Unknown)))
        Assert.True(Result.isError (S3Objects.storageClassName (Nullable(enum<S3StorageClass> 99))))

    [<Fact>]
    let ``a delimiter is one or more characters without control characters`` () =
        Assert.Equal(Ok "/", S3Objects.delimiter "/")
        for bad in [ null; ""; "\n"; String('/', 1025) ] do
            Assert.True(Result.isError (S3Objects.delimiter bad), $"'{bad}'")

    [<Property(MaxTest = Cases)>]
    let ``a multi-key delete names each valid key once, in first order, or refuses the first invalid one`` () =
        let keys = Gen.listOf (Gen.elements [ "a"; "b"; "c/d"; "../x"; "" ])
        Prop.forAll (Arb.fromGen keys) (fun keys ->
            match S3Objects.deleteKeys (keys, false) with
            | Ok versions ->
                keys |> List.forall (fun k -> k <> "" && k <> "../x")
                && (versions |> Array.map _.Key |> List.ofArray) = List.distinct keys
                && versions |> Array.forall (fun v -> v.VersionId = "")
            | Error(InvalidInput _) -> keys |> List.exists (fun k -> k = "" || k = "../x")
            | Error _ -> false)

module ``Folder listings`` =

    let private object key = S3Rules.objectOf (key, Nullable 1L, Nullable(), null, null)

    [<Property(MaxTest = Cases)>]
    let ``a folder listing splits entries into objects and prefixes, keeping each order`` () =
        let entry = Gen.oneof [ Gen.elements [ "a"; "b"; "c" ] |> Gen.map (object >> ObjectEntry); Gen.elements [ "p/"; "q/" ] |> Gen.map PrefixEntry ]
        Prop.forAll (Arb.fromGen (Gen.listOf entry)) (fun entries ->
            let listing = S3Objects.folderListing entries
            List.ofSeq listing.Objects = (entries |> List.choose (function ObjectEntry o -> Some o | _ -> None))
            && List.ofSeq listing.Prefixes = (entries |> List.choose (function PrefixEntry p -> Some p | _ -> None)))

    [<Fact>]
    let ``a failure at the very start is the cause; later it says what was listed and where to resume`` () =
        let cause = InvalidInput("x", "y")
        Assert.Equal(cause, S3Objects.folderListingFailure ("b", cause, ResumePoint.At(null, 0), [], 0))
        match S3Objects.folderListingFailure ("b", cause, ResumePoint.At("t", 1), [ PrefixEntry "logs/"; ObjectEntry(object "a") ], 2) with
        | FolderListingInterrupted("b", c, resume, listed, 2) ->
            Assert.Equal(cause, c)
            Assert.Equal("t", resume.Token)
            Assert.Equal<string>([ "logs/" ], listed.Prefixes)
            Assert.Equal(1, listed.Objects.Count)
        | other -> failwith $"expected FolderListingInterrupted, got {other}"
