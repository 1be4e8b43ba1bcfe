using AwsAio.Core;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Microsoft.FSharp.Core;
using Xunit;
using static LanguageExt.Prelude;

namespace AwsAio.Tests;

/// <summary>
/// The F#/C# seam, proved from the C# side: every core member the shell uses, called as a C# user would.
/// </summary>
public class CoreSeamTests
{
    private static readonly AwsErrorDetails Details = AwsErrorDetails.Of("S3", "HeadBucket", "NoSuchBucket", "gone", 404, "REQ1");

    [Fact]
    public void DomainError_CasesPatternMatchWithPascalCaseFields()
    {
        DomainError error = DomainError.NewBucketDoesNotExist("my-bucket", Details);

        Assert.True(error is DomainError.BucketDoesNotExist b && b.Bucket == "my-bucket" && b.Details.RequestId == "REQ1");
        Assert.True(error.IsBucketDoesNotExist);
        Assert.Equal(ErrorCategory.NotFound, error.Category);
        Assert.False(error.IsRetryable);
        Assert.Equal("Bucket 'my-bucket' does not exist (NoSuchBucket, HTTP 404, request id REQ1): gone.", error.ToString());
    }

    [Fact]
    public void DomainError_SwitchExpressionReadsNaturally()
    {
        DomainError error = DomainError.NewThrottled(Details);
        var advice = error switch
        {
            DomainError.Throttled t => $"slow down ({t.Details.Code})",
            DomainError.BucketDoesNotExist => "create it",
            _ => "give up",
        };
        Assert.Equal("slow down (NoSuchBucket)", advice);
    }

    [Fact]
    public void Validate_ComposesInLinqOverEither()
    {
        var both =
            from bucket in Validate.BucketName("logs-2024").ToEither()
            from key in Validate.ObjectKey("day/01.gz").ToEither()
            select $"s3://{bucket}/{key}";

        Assert.Equal("s3://logs-2024/day/01.gz", both.IfLeft(e => e.ToString()));

        var broken =
            from bucket in Validate.BucketName("Logs_2024").ToEither()
            from key in Validate.ObjectKey("day/01.gz").ToEither()
            select $"s3://{bucket}/{key}";

        Assert.True(broken.IsLeft);
        broken.IfLeft(e => Assert.True(e is DomainError.InvalidInput { Field: "bucket name" }));
    }

    [Fact]
    public void Validate_EveryCheckIsCallableFromCSharp()
    {
        Assert.True(Validate.RoleArn("arn:aws-cn:iam::123456789012:role/ops/Reader").ToEither()
            .Map(arn => arn.Partition == "aws-cn" && arn.Path == "/ops/" && arn.Name == "Reader").IfLeft(false));
        Assert.True(Validate.RoleSessionName("awsaio-ci").ToEither().IsRight);
        Assert.True(Validate.ExternalId("x").ToEither().IsLeft);
        Assert.True(Validate.SessionDuration(TimeSpan.FromMinutes(30)).ToEither().IsRight);
        Assert.True(Validate.Region("aws-global").ToEither().IsLeft);
        Assert.True(Validate.Ec2Id(Ec2IdKind.Vpc, "vpc-0123456789abcdef0").ToEither().IsRight);
        Assert.Equal("tms", Validate.Ec2Prefix(Ec2IdKind.TrafficMirrorSession));
        Assert.True(Validate.Endpoint("http://127.0.0.1:9000", false).ToEither().IsRight);
        Assert.Contains("-s3alias", Validate.ReservedBucketSuffixes);
        Assert.Contains("xn--", Validate.ReservedBucketPrefixes);
    }

    [Fact]
    public void ErrorMapping_IsCallableFromCSharp()
    {
        var error = ErrorMapping.Map(ErrorTarget.Of("b", "k"), AwsErrorDetails.Of("S3", "GetObject", "NoSuchKey", "gone", 404, "REQ1"), null);
        Assert.True(error is DomainError.ObjectDoesNotExist { Bucket: "b", Key: "k" });
        var create = CallInfo.Of("S3", "CreateBucket", ErrorTarget.Of("b")).Toward(CallGoal.BucketExists);
        var owned = ErrorMapping.Classify(create, FailureFacts.Of(AwsErrorDetails.Of("S3", "CreateBucket", "BucketAlreadyOwnedByYou", "", 409, "r"), null));
        Assert.True(owned.IsGoalHolds);
        Assert.Equal("throttling", ErrorMapping.NormaliseCode("ThrottlingException", 400));
        Assert.True(ErrorMapping.OfException(ErrorTarget.Of("b"), "S3", "HeadBucket", new OperationCanceledException(), true) is DomainError.Cancelled);
        Assert.Equal(ErrorTarget.None, ErrorTarget.Of(""));
    }

    [Fact]
    public void Pagination_StepsFromCSharp()
    {
        var state = Pagination.Start(PageLimits.Unlimited);
        var first = Pagination.Step(state, Page<int>.Create(new[] { 1, 2 }, true, "t1"));
        Assert.True(first.Decision is PageDecision.Continue { NextToken: "t1" });
        Assert.Equal("t1", first.State.RequestToken);

        var second = Pagination.Step(first.State, Page<int>.Create(null, false, null));
        Assert.Empty(second.Deliver);
        Assert.True(second.Decision is PageDecision.Done { Outcome.IsCompleted: true });

        var pages = new Dictionary<string, Page<int>>
        {
            [""] = Page<int>.Create(new[] { 1 }, null, "a"),
            ["a"] = Page<int>.Create(new[] { 2 }, null, "a"),
        };
        var run = Paging.Fold(PageLimits.Unlimited, token => pages[token ?? ""]);
        Assert.Equal(new[] { 1, 2 }, run.Items);
        Assert.True(run.Outcome is PageRunOutcome.Interrupted { Anomaly: PaginationAnomaly.RepeatedToken { Token: "a" } });
    }

    [Fact]
    public void Pagination_ResumesFromCSharp_WithoutRepeatingAnything()
    {
        var pages = new Dictionary<string, Page<int>>
        {
            [""] = Page<int>.Create(new[] { 1, 2, 3 }, true, "a"),
            ["a"] = Page<int>.Create(new[] { 4, 5 }, false, null),
        };
        var capped = Paging.Fold(new PageLimits(10, 2), token => pages[token ?? ""]);
        var stopped = Assert.IsType<PageRunOutcome.Interrupted>(capped.Outcome);
        Assert.Equal((null, 2), (stopped.Resume.Token, stopped.Resume.SkipItems));

        var rest = Paging.FoldFrom(Pagination.Resume(PageLimits.Unlimited, stopped.Resume), token => pages[token ?? ""]);
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, capped.Items.Concat(rest.Items));
    }

    [Fact]
    public void S3Rules_AreCallableFromCSharp()
    {
        var denied = DomainError.NewBucketAccessDenied("b", Details);
        Assert.Equal(BucketStatus.ExistsNoAccess, S3Rules.BucketStatusOf(denied).ResultValue);
        Assert.True(S3Rules.EnsureStep("b", null).IsAlreadyThere);
        Assert.True(S3Rules.EnsureStep("b", denied) is EnsureStep.Stop { Error: DomainError.CouldNotEnsureBucketExists });
        Assert.True(S3Rules.EnsureCreateFailed("b", DomainError.NewBucketNameNotAvailable("b", Details)).IsCouldNotEnsureBucketExists);
        Assert.Null(S3Rules.LocationConstraint("us-east-1"));
        Assert.Equal(1000, S3Rules.MaxDeleteBatch);
        Assert.Equal("k", S3Rules.ObjectOf("k", 1, DateTime.UnixEpoch, "\"e\"", "GLACIER").Key);
        Assert.Equal("ops", S3Rules.UserMetadata([new("x-amz-meta-owner", "ops")])["owner"]);
        Assert.Equal(("a/b", "v1"), S3Rules.VersionMarkers(S3Rules.VersionToken("a/b", "v1")));
        Assert.True(S3Rules.ListingPage("ListObjectsV2", "b", null, null, 200, "r").IsError);
    }

    [Fact]
    public void DomainNames_AndEnvironment_AreCallableFromCSharp()
    {
        Assert.Equal(S3StorageClass.Glacier, DomainNames.StorageClass("GLACIER"));
        Assert.Equal(VpcTenancy.Dedicated, DomainNames.Tenancy("dedicated"));
        Assert.Equal("abc", DomainNames.ETag("\"abc\""));
        Assert.Equal("aws://123456789012/us-east-1", new AwsEnvironment("123456789012", "us-east-1", null).ToString());
    }

    [Fact]
    public void Ec2Rules_PermissionChecks_AndDryRunCalls_ReadNaturallyFromCSharp()
    {
        Assert.False(Ec2Rules.IsMirrorable("nat_gateway"));
        Assert.Equal(2, Ec2Rules.NonMirrorableEniTypes.Count);
        Assert.Equal(64, Ec2Rules.MirrorClientToken("eni-0a1b2c3d", "tmt-0a1b2c3d", "tmf-0a1b2c3d", "vpc-0a1b2c3d", Ec2Rules.DefaultVirtualNetworkId).Length);
        Assert.Equal(["10.0.0.0/16"], Ec2Rules.CidrBlocks([("10.0.0.0/16", "associated"), ("10.1.0.0/16", "failed")]));

        var call = Ec2DryRunCall.MirrorEni(new NetworkInterface("vpc-0a1b2c3d", "subnet-0a1b2c3d", "eni-0a1b2c3d", "interface"), "tmt-0a1b2c3d",
            "tmf-0a1b2c3d", "vpc-0a1b2c3d");
        Assert.True(call is Ec2DryRunCall.CreateTrafficMirrorSession { VirtualNetworkId: 123, Eni.EniId: "eni-0a1b2c3d" });
        Assert.Equal("DeleteTrafficMirrorSession", Ec2DryRunCall.DeleteEniMirroring("tms-0a1b2c3d").Operation);

        PermissionCheck check = PermissionCheck.NewDenied("CreateTrafficMirrorSession", "abc", Details);
        var verdict = check switch
        {
            PermissionCheck.Allowed => "go ahead",
            PermissionCheck.Denied { EncodedMessage: var why } => $"decode {why} with sts decode-authorization-message",
            _ => "unknown",
        };
        Assert.Equal("decode abc with sts decode-authorization-message", verdict);
        Assert.False(check.IsAllowed);
    }

    /// <summary>Bucket names about half of which are valid: short lowercase names, sometimes with a character S3 refuses,
    /// and any string at all.</summary>
    private static readonly Gen<string> BucketNames = Gen.Frequency(
        (5, Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-".ToCharArray()).ArrayOf()
            .Where(a => a.Length is >= 3 and <= 63 && a[0] != '-' && a[^1] != '-').Select(a => new string(a))),
        (2, Gen.Elements("awsaio-logs", "my-bucket.logs-2024", "Bad_Bucket", "ab", "192.168.5.4", "xn--bucket")),
        (3, ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get)));

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property ToEither_ThenToResult_RoundTrips_OkAndErrorAlike() =>
        Prop.ForAll(BucketNames.ToArbitrary(), text =>
        {
            var result = Validate.BucketName(text);
            var either = result.ToEither();
            var back = either.ToResult();
            return (back.Equals(result) && either.IsRight == result.IsOk
                    && either.Match(Right: name => name == text, Left: error => result.IsError && error.Equals(result.ErrorValue)))
                .Classify(result.IsOk, "Ok").Classify(result.IsError, "Error");
        });

    [Fact]
    public void TheRoundTripGenerator_ReachesBothBranches_EachAtLeastAQuarterOfTheTime()
    {
        var names = BucketNames.Sample(2000);
        var ok = names.Count(n => Validate.BucketName(n).IsOk);
        Assert.InRange(ok, 500, 1500);
    }

    [Fact]
    public void UnitResults_BecomeLanguageExtUnit()
    {
        var ok = FSharpResult<Microsoft.FSharp.Core.Unit, DomainError>.NewOk(null!);
        Either<DomainError, LanguageExt.Unit> either = ok.ToEither();
        Assert.Equal(Right<DomainError, LanguageExt.Unit>(unit), either);
    }

    [Fact]
    public void ReadmeSnippet_CompilesAndReadsTheLeft()
    {
        var plan =
            from bucket in Validate.BucketName("awsaio-logs").ToEither()
            from key in Validate.ObjectKey("2026/11/24/app.log.gz").ToEither()
            from role in Validate.RoleArn("arn:aws-us-gov:iam::123456789012:role/ops/Reader").ToEither()
            select (bucket, key, role);

        var message = plan.Match(
            Right: p => $"s3://{p.bucket}/{p.key} as {p.role.Name}",
            Left: error => error switch
            {
                DomainError.InvalidInput { Field: var field, Rule: var rule } => $"fix the {field}: {rule}",
                _ when error.IsRetryable => $"try again later: {error}",
                _ => error.ToString(),
            });

        Assert.Equal("s3://awsaio-logs/2026/11/24/app.log.gz as Reader", message);
    }
}
