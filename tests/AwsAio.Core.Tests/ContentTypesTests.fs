module AwsAio.Core.Tests.ContentTypesTests

open Xunit
open AwsAio.Core

[<Theory>]
[<InlineData("app.log", "text/plain")>]
[<InlineData("2026/11/30/APP.LOG", "text/plain")>]
[<InlineData("report.csv", "text/csv")>]
[<InlineData("data.json", "application/json")>]
[<InlineData("page.html", "text/html")>]
[<InlineData("logo.png", "image/png")>]
[<InlineData("app.log.gz", "application/gzip")>]
[<InlineData("dir.with.dots/readme", "binary/octet-stream")>]
[<InlineData("no-extension", "binary/octet-stream")>]
[<InlineData("weird.unknownext", "binary/octet-stream")>]
[<InlineData(null, "binary/octet-stream")>]
[<InlineData("C:\\logs\\app.md", "text/markdown")>]
let ``the last extension of the name decides, unknown is S3's own default`` (name: string, expected: string) =
    Assert.Equal(expected, ContentTypes.guess name)

[<Fact>]
let ``every known type is a type/subtype a header can carry`` () =
    for KeyValue(extension, contentType) in ContentTypes.known do
        Assert.StartsWith(".", extension)
        Assert.Matches(@"^[a-z]+/[a-z0-9.+-]+\z", contentType)
        Assert.True(Result.isOk (Validate.headerValue ("content type", contentType)))
