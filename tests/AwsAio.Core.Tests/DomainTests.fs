module AwsAio.Core.Tests.DomainTests

open System
open AwsAio.Core
open Xunit

module ``AwsEnvironment`` =

    [<Fact>]
    let ``renders as the CDK environment string`` () =
        let env = { Account = "123456789012"; Region = "eu-west-1"; Profile = "dev" }
        Assert.Equal("aws://123456789012/eu-west-1", string env)

module ``Storage classes`` =

    [<Theory>]
    [<InlineData(null, S3StorageClass.Standard)>]
    [<InlineData("", S3StorageClass.Standard)>]
    [<InlineData("STANDARD", S3StorageClass.Standard)>]
    [<InlineData("GLACIER_IR", S3StorageClass.GlacierInstantRetrieval)>]
    [<InlineData("DEEP_ARCHIVE", S3StorageClass.DeepArchive)>]
    [<InlineData("EXPRESS_ONEZONE", S3StorageClass.ExpressOneZone)>]
    [<InlineData("SOMETHING_NEW", S3StorageClass.Unknown)>]
    let ``S3 names read as the domain enum`` (name: string, expected: S3StorageClass) =
        Assert.Equal(expected, DomainNames.storageClass name)

module ``Tenancy and ETags`` =

    [<Fact>]
    let ``tenancy names read as the domain enum, unknown ones as Unknown`` () =
        Assert.Equal(VpcTenancy.Default, DomainNames.tenancy "default")
        Assert.Equal(VpcTenancy.Dedicated, DomainNames.tenancy "dedicated")
        Assert.Equal(VpcTenancy.Host, DomainNames.tenancy "host")
        Assert.Equal(VpcTenancy.Unknown, DomainNames.tenancy "moon")

    [<Fact>]
    let ``ETags lose S3's quotes and null becomes empty`` () =
        Assert.Equal("abc", DomainNames.etag "\"abc\"")
        Assert.Equal("", DomainNames.etag null)
