using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Testing;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Moq;
using Xunit;
using static AwsAio.Tests.Support.NeverThrowsAssert;
using S3Object = Amazon.S3.Model.S3Object;

namespace AwsAio.Tests.NeverThrows;

/// <summary>
/// The bucket calls of S3Interactions.cs never throw, by property: a mocked IAmazonS3 answers every SDK call with a
/// generated v4 response (null collections and values included) or throws a generated service or transport exception,
/// and each result is a Right that is true for what was served, or exactly the Left the core's classification gives.
/// </summary>
public sealed class S3InteractionsNeverThrowsTests
{
    /// <summary>A HeadBucket answer that is often "not found", so that Ensure reaches its CreateBucket.</summary>
    private static readonly Gen<Answer<HeadBucketResponse>> HeadAnswers =
        Answers.Of(S3Responses.HeadBucket(), Gen.Frequency(
            (3, ServiceErrors.Any(AwsService.S3)),
            (2, Gen.Elements(ErrorFixtures.S3HeadNotFound, ErrorFixtures.S3HeadForbidden, ErrorFixtures.S3NoSuchBucket).Select(f => (Exception)f.ToException()))));

    /// <summary>A CreateBucket answer, often one of the codes Create decides on.</summary>
    private static readonly Gen<Answer<PutBucketResponse>> PutAnswers =
        Answers.Of(S3Responses.PutBucket(), Gen.Frequency(
            (3, ServiceErrors.Any(AwsService.S3)),
            (2, Gen.Elements(ErrorFixtures.S3BucketAlreadyExists, ErrorFixtures.S3BucketAlreadyOwnedByYou).Select(f => (Exception)f.ToException()))));

    /// <summary>Where the region comes from: the provider, the S3 client's configuration, or nowhere.</summary>
    public sealed record RegionSource(string? ProviderRegion, string? ClientRegion, string? AuthenticationRegion)
    {
        /// <summary>The region CreateBucket should use, by the documented order.</summary>
        public string? Effective => ProviderRegion ?? ClientRegion ?? (string.IsNullOrEmpty(AuthenticationRegion) ? null : AuthenticationRegion);
    }

    private static readonly Gen<RegionSource> Regions =
        from provider in Gen.Elements<string?>("us-east-1", "eu-west-1", "ap-southeast-2", null)
        from client in Gen.Elements<string?>("us-east-1", "eu-central-1", null)
        from authentication in Gen.Elements<string?>("us-west-2", "", null)
        select new RegionSource(provider, client, authentication);

    /// <summary>One HeadBucket answer.</summary>
    public sealed record HeadCase(Answer<HeadBucketResponse> Head);

    /// <summary>One CreateBucket answer in a region setting.</summary>
    public sealed record CreateCase(RegionSource Region, Answer<PutBucketResponse> Put);

    /// <summary>HeadBucket, then perhaps CreateBucket.</summary>
    public sealed record EnsureCase(Answer<HeadBucketResponse> Head, RegionSource Region, Answer<PutBucketResponse> Put);

    /// <summary>A bucket to destroy: its version listing (or a refusal to list versions, then a plain listing), the
    /// answers of successive DeleteObjects (built from each batch; honest after the script), and DeleteBucket's answer.</summary>
    public sealed record DestroyCase(
        PageScript<S3ObjectVersion> Versions, PageScript<S3Object> Objects, Responder<DeleteObjectsRequest, DeleteObjectsResponse>[] Deletes,
        Answer<DeleteBucketResponse> DeleteBucket)
    {
        /// <summary>Describes the case for counterexamples.</summary>
        public override string ToString() =>
            $"versions {Versions}; objects {Objects}; deletes [{string.Join("; ", Deletes.AsEnumerable())}, then honest]; delete bucket {DeleteBucket}";
    }

    /// <summary>One SDK call a destroy made: the operation, what it asked, what it was answered.</summary>
    private sealed record Served(string Operation, ScriptedPage<S3ObjectVersion>? VersionPage, ScriptedPage<S3Object>? ObjectPage,
        DeleteObjectsRequest? Batch, Exception? Failure, DeleteObjectsResponse? Deleted);

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property GetBucketStatus_AnyHeadAnswer_IsTheStatusItMeans_OrItsClassifiedError() =>
        Prop.ForAll(HeadAnswers.Select(h => new HeadCase(h)).ToArbitrary(), async c =>
        {
            var s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
            s3.Setup(s => s.HeadBucketAsync(It.IsAny<HeadBucketRequest>(), It.IsAny<CancellationToken>())).Returns(c.Head.ToTask);

            var result = await S3Interactions.GetBucketStatusAsync(Bucket, new FakeAwsClientProvider(s3.Object));

            var error = Classified(result);
            s3.Verify(s => s.HeadBucketAsync(It.Is<HeadBucketRequest>(r => r.BucketName == Bucket), It.IsAny<CancellationToken>()), Times.Once);
            if (c.Head.Succeeds)
            {
                Assert.Equal(BucketStatus.ExistsHaveAccess, RightOf(result));
                return;
            }

            var expected = Expected("S3", "HeadBucket", ErrorTarget.Of(Bucket), c.Head.Error!);
            switch (expected)
            {
                case DomainError.BucketDoesNotExist:
                    Assert.Equal(BucketStatus.DoesNotExist, RightOf(result));
                    break;
                case DomainError.BucketAccessDenied:
                    Assert.Equal(BucketStatus.ExistsNoAccess, RightOf(result));
                    break;
                default:
                    Same(expected, error ?? LeftOf(result));
                    break;
            }
        });

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property CreateBucket_AnyRegionSettingAndAnswer_IsCreatedOnlyWhenS3SaidSo_InTheRightRegion() =>
        Prop.ForAll((from region in Regions from put in PutAnswers select new CreateCase(region, put)).ToArbitrary(), async c =>
        {
            var s3 = S3With(c.Region);
            s3.Setup(s => s.PutBucketAsync(It.IsAny<PutBucketRequest>(), It.IsAny<CancellationToken>())).Returns(c.Put.ToTask);

            var result = await S3Interactions.CreateBucketAsync(Bucket, Provider(s3.Object, c.Region));

            var error = Classified(result);
            CheckCreate(result, error, c.Region, c.Put, s3, expectedLeft: e => e);
        });

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property EnsureBucketExists_AnyHeadThenCreateAnswers_IsRightOnlyWhenTheBucketIsThereAndUsable() =>
        Prop.ForAll((from head in HeadAnswers from region in Regions from put in PutAnswers select new EnsureCase(head, region, put)).ToArbitrary(), async c =>
        {
            var s3 = S3With(c.Region);
            s3.Setup(s => s.HeadBucketAsync(It.IsAny<HeadBucketRequest>(), It.IsAny<CancellationToken>())).Returns(c.Head.ToTask);
            s3.Setup(s => s.PutBucketAsync(It.IsAny<PutBucketRequest>(), It.IsAny<CancellationToken>())).Returns(c.Put.ToTask);

            var result = await S3Interactions.EnsureBucketExistsAsync(Bucket, Provider(s3.Object, c.Region));

            var error = Classified(result);
            var headError = c.Head.Error is { } h ? Expected("S3", "HeadBucket", ErrorTarget.Of(Bucket), h) : null;
            if (headError is not DomainError.BucketDoesNotExist)
            {
                s3.Verify(s => s.PutBucketAsync(It.IsAny<PutBucketRequest>(), It.IsAny<CancellationToken>()), Times.Never);
                switch (headError)
                {
                    case null:
                        RightOf(result);
                        break;
                    case DomainError.BucketAccessDenied:
                        Same(DomainError.NewCouldNotEnsureBucketExists(Bucket, headError), LeftOf(result));
                        break;
                    default:
                        Same(headError, LeftOf(result));
                        break;
                }

                return;
            }

            CheckCreate(result, error, c.Region, c.Put, s3,
                expectedLeft: e => e is DomainError.BucketNameNotAvailable ? DomainError.NewCouldNotEnsureBucketExists(Bucket, e) : e);
        });

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property DestroyBucket_AnyListingsAndDeleteAnswers_IsRightOnlyWhenEveryServedVersionWasDeletedAndTheBucketIsGone() =>
        Prop.ForAll(DestroyCases().ToArbitrary(), async c =>
        {
            var s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
            var log = new List<Served>();
            var versions = FakePager.ListVersions(c.Versions);
            var objects = FakePager.ListObjectsV2(c.Objects);
            var deletes = new ScriptedCalls<DeleteObjectsRequest, DeleteObjectsResponse>(c.Deletes, S3Responses.DeletingEveryKey());
            s3.Setup(s => s.ListVersionsAsync(It.IsAny<ListVersionsRequest>(), It.IsAny<CancellationToken>()))
                .Returns((ListVersionsRequest r, CancellationToken ct) =>
                {
                    var page = versions.Requests.Count < c.Versions.Pages.Count ? c.Versions.Pages[versions.Requests.Count] : null;
                    log.Add(new Served("ListObjectVersions", page, null, null, page?.Failure, null));
                    return versions.Answer(r, ct);
                });
            s3.Setup(s => s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>()))
                .Returns((ListObjectsV2Request r, CancellationToken ct) =>
                {
                    var page = objects.Requests.Count < c.Objects.Pages.Count ? c.Objects.Pages[objects.Requests.Count] : null;
                    log.Add(new Served("ListObjectsV2", null, page, null, page?.Failure, null));
                    return objects.Answer(r, ct);
                });
            s3.Setup(s => s.DeleteObjectsAsync(It.IsAny<DeleteObjectsRequest>(), It.IsAny<CancellationToken>()))
                .Returns((DeleteObjectsRequest r, CancellationToken ct) =>
                {
                    var task = Faulted(() => deletes.Answer(r, ct));
                    var failure = task.IsFaulted ? task.Exception!.InnerException : null;
                    log.Add(new Served("DeleteObjects", null, null, r, failure is DeleteObjectsException { Response: not null } ? null : failure,
                        failure is DeleteObjectsException { Response: { } partial } ? partial : task.IsCompletedSuccessfully ? task.Result : null));
                    return task;
                });
            s3.Setup(s => s.DeleteBucketAsync(It.IsAny<DeleteBucketRequest>(), It.IsAny<CancellationToken>()))
                .Returns((DeleteBucketRequest _, CancellationToken _) =>
                {
                    log.Add(new Served("DeleteBucket", null, null, null, c.DeleteBucket.Error, null));
                    return Faulted(c.DeleteBucket.ToTask);
                });

            var result = await S3Interactions.DestroyBucketAsync(Bucket, new FakeAwsClientProvider(s3.Object));

            var error = Classified(result);
            Assert.False(versions.Overrun || objects.Overrun || deletes.Overrun, "a listing asked beyond its script (it would have looped)");
            Assert.True(versions.FollowedTokens && objects.FollowedTokens, "a listing request did not carry the token its previous page named");
            var last = log[^1];
            var lastOutcome = last.Failure is { } f ? Outcome("S3", last.Operation, ErrorTarget.Of(Bucket), f, CallGoal.BucketGone) : null;
            var answers = log.Where(l => l.Deleted is not null).ToList();
            var refused = answers.SelectMany(a => a.Deleted!.DeleteErrors ?? []).ToList();

            if (error is null)
            {
                // A Right is true: S3 said NoSuchBucket, or every served version was deleted by S3's word and the bucket too.
                var served = versions.ServedItems.Select(v => (v.Key ?? "", (string?)v.VersionId))
                    .Concat(objects.ServedItems.Select(o => (o.Key ?? "", (string?)null)));
                var deleted = answers.SelectMany(a => a.Deleted!.DeletedObjects ?? []).ToList();
                var notDeleted = served.Where(s => !deleted.Any(d => (d.Key ?? "") == s.Item1 && (string.IsNullOrEmpty(s.Item2) || d.VersionId == s.Item2))).ToList();
                Assert.True(lastOutcome is { IsGoalHolds: true }
                    || (last.Operation == "DeleteBucket" && last.Failure is null && notDeleted.Count == 0 && refused.Count == 0),
                    $"Right, but {notDeleted.Count} served versions were not deleted, {refused.Count} were refused, or the last answer ({last.Operation}) was no success");
                return;
            }

            if (lastOutcome is not null)
            {
                Assert.False(lastOutcome.IsGoalHolds, $"S3 said the bucket is gone ({lastOutcome.Error}), yet: {error}");
                Same(lastOutcome.Error, error);
            }
            else if ((last.VersionPage ?? (object?)last.ObjectPage) is { } page && IsMalformed(page))
            {
                Assert.Equal(last.Operation, Assert.IsType<DomainError.MalformedResponse>(error).Details.Operation);
            }
            else if (last.Batch is { } batch && !Accounts(batch, last.Deleted!))
            {
                Assert.Equal("DeleteObjects", Assert.IsType<DomainError.MalformedResponse>(error).Details.Operation);
            }
            else if (error is DomainError.PaginationAnomaly anomaly)
            {
                // The listing that ran last is the one that stopped; its script must end in that anomaly.
                var listing = log.Last(l => l.Operation is "ListObjectVersions" or "ListObjectsV2").Operation;
                var end = listing == "ListObjectVersions" ? c.Versions.End : c.Objects.End;
                Assert.Equal(listing, anomaly.Operation);
                Assert.Equal(end == ScriptEnd.RepeatedToken, anomaly.Anomaly.IsRepeatedToken);
                Assert.Equal(end == ScriptEnd.TruncatedWithoutToken, anomaly.Anomaly.IsTruncatedWithoutToken);
            }
            else
            {
                var notDeleted = Assert.IsType<DomainError.ObjectsNotDeleted>(error);
                Assert.Equal(Bucket, notDeleted.Bucket);
                Assert.NotEmpty(refused);
                Assert.Equal(refused.Select(r => r.Key ?? ""), notDeleted.Failures.Select(f => f.Key));
            }
        });

    private static Gen<DestroyCase> DestroyCases()
    {
        // A store without versioning refuses ListObjectVersions at once (405 or 501, as S3-compatible emulators do);
        // Destroy then empties the bucket by plain listing. Elsewhere those answers are not generated: a store does not
        // list versions and then deny having them.
        var unsupported = Gen.Elements(
            ServiceErrors.Create(AwsService.S3, new GeneratedCode("MethodNotAllowed", null, CodeSpelling.Bare, 405), "not allowed", "REQ405", false, null),
            ServiceErrors.Create(AwsService.S3, new GeneratedCode("NotImplemented", null, CodeSpelling.Bare, 501), "not implemented", "REQ501", false, null));
        var failures = PageScripts.Failures(AwsService.S3).Where(e => !RefusesOperation(e));
        var versions = Gen.Frequency(
            (4, PageScripts.Of(S3Responses.ObjectVersion(), failures, versionMarkers: true, requiresTruncationFlag: true)),
            (1, unsupported.Select(e => new PageScript<S3ObjectVersion>([ScriptedPage<S3ObjectVersion>.Failing(e)], requiresTruncationFlag: true))));
        var deleteAnswers = S3Responses.DeleteObjectsAnswers()
            .Where(r => r.Respond(new DeleteObjectsRequest { BucketName = Bucket, Objects = [] }).Error is not { } e || !RefusesOperation(e));
        var deleteBucket = Answers.Of(S3Responses.DeleteBucket(), Gen.Frequency(
            (2, ServiceErrors.Any(AwsService.S3)),
            (1, Gen.Elements(ErrorFixtures.S3NoSuchBucket, ErrorFixtures.S3BucketNotEmpty).Select(f => (Exception)f.ToException()))));
        return
            from v in versions
            from o in PageScripts.Of(S3Responses.Object(), failures, requiresTruncationFlag: true)
            from d in Gen.Choose(0, 3).SelectMany(n => deleteAnswers.ArrayOf(n))
            from b in deleteBucket
            select new DestroyCase(v, o, d, b);
    }

    /// <summary>A 405 or 501 (the store does not offer the operation): generated only where a store really answers so.</summary>
    private static bool RefusesOperation(Exception e) =>
        e is AmazonServiceException a && ((int)a.StatusCode is 405 or 501
            || ErrorMapping.NormaliseCode(a.ErrorCode, (int)a.StatusCode) is "methodnotallowed" or "notimplemented");

    private static bool IsMalformed(object page) => page switch
    {
        ScriptedPage<S3ObjectVersion> v => !v.IsFailure && v.IsTruncated is null,
        ScriptedPage<S3Object> o => !o.IsFailure && o.IsTruncated is null,
        _ => false,
    };

    /// <summary>Whether a DeleteObjects answer names every key of its batch, deleted or refused (an absent key or
    /// version reads as empty; an unversioned key is answered by its key alone).</summary>
    private static bool Accounts(DeleteObjectsRequest batch, DeleteObjectsResponse answer) =>
        batch.Objects.All(o =>
            (answer.DeletedObjects ?? []).Select(d => (d.Key, d.VersionId)).Concat((answer.DeleteErrors ?? []).Select(e => (e.Key, e.VersionId)))
            .Any(a => (a.Key ?? "") == (o.Key ?? "") && (string.IsNullOrEmpty(o.VersionId) || (a.VersionId ?? "") == o.VersionId)));

    /// <summary>Turns a synchronous throw into a faulted task (the wrapper sees both the same way), so it can be logged.</summary>
    private static Task<T> Faulted<T>(Func<Task<T>> answer)
    {
        try
        {
            return answer();
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private static Mock<IAmazonS3> S3With(RegionSource region)
    {
        var s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
        var config = new Mock<IClientConfig>();
        config.Setup(c => c.RegionEndpoint).Returns(region.ClientRegion is { } name ? RegionEndpoint.GetBySystemName(name) : null!);
        config.Setup(c => c.AuthenticationRegion).Returns(region.AuthenticationRegion!);
        s3.Setup(s => s.Config).Returns(config.Object);
        return s3;
    }

    private static FakeAwsClientProvider Provider(IAmazonS3 s3, RegionSource region) => new(s3) { Region = region.ProviderRegion };

    /// <summary>Checks a CreateBucket outcome: no request without a region, the LocationConstraint S3 requires, and
    /// Right exactly when S3 created the bucket or says the caller already owns it.</summary>
    private static void CheckCreate(
        Either<DomainError, Unit> result, DomainError? error, RegionSource region, Answer<PutBucketResponse> put, Mock<IAmazonS3> s3,
        Func<DomainError, DomainError> expectedLeft)
    {
        if (region.Effective is not { } effective)
        {
            Assert.IsType<DomainError.RegionUnresolved>(error);
            s3.Verify(s => s.PutBucketAsync(It.IsAny<PutBucketRequest>(), It.IsAny<CancellationToken>()), Times.Never);
            return;
        }

        var constraint = effective == "us-east-1" ? null : effective;
        s3.Verify(s => s.PutBucketAsync(
            It.Is<PutBucketRequest>(r => r.BucketName == Bucket && (r.PutBucketConfiguration == null ? null : r.PutBucketConfiguration.LocationConstraint.Value) == constraint),
            It.IsAny<CancellationToken>()), Times.Once);
        if (put.Succeeds)
        {
            RightOf(result);
            return;
        }

        var outcome = Outcome("S3", "CreateBucket", ErrorTarget.Of(Bucket), put.Error!, CallGoal.BucketExists);
        var expected = outcome.Error;
        if (outcome.IsGoalHolds)
        {
            RightOf(result);
        }
        else
        {
            Same(expectedLeft(expected), error ?? LeftOf(result));
        }
    }
}
