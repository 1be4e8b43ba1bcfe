using Amazon.Runtime;
using AwsAio.Core;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static AwsAio.Testing.Tests.Support.Sampling;

namespace AwsAio.Testing.Tests;

/// <summary>Generated page scripts reach every ending and every anomaly (cycles and throttles included), and what they
/// say a careful listing does is what AwsAio's own pagination engine does with them.</summary>
public sealed class PageScriptsTests
{
    [Fact]
    public void Objects_ReachEveryEnding()
    {
        var samples = Draw(PageScripts.Objects());

        ShareBetween(samples, s => s.End == ScriptEnd.Completed, 0.25, 0.60, "completed");
        ShareBetween(samples, s => s.End == ScriptEnd.TruncatedWithoutToken, 0.08, 0.30, "truncated without token");
        ShareBetween(samples, s => s.End == ScriptEnd.RepeatedToken, 0.08, 0.30, "repeated token");
        ShareBetween(samples, s => s.End == ScriptEnd.Failure, 0.12, 0.40, "failure");
        ShareBetween(samples, s => s.End == ScriptEnd.MalformedPage, 0.03, 0.25, "malformed page");
        Assert.DoesNotContain(samples, s => s.End == ScriptEnd.Exhausted);
        Assert.All(samples, s => Assert.True(s.RequiresTruncationFlag));
    }

    [Fact]
    public void Objects_ReachEveryAnomaly()
    {
        var samples = Draw(PageScripts.Objects());

        foreach (var anomaly in Enum.GetValues<PageAnomaly>().Where(a => a != PageAnomaly.None))
        {
            ShareBetween(samples, s => s.Anomalies.HasFlag(anomaly), 0.03, 1.0, anomaly.ToString());
        }

        ShareBetween(samples, s => s.Anomalies == PageAnomaly.None, 0.02, 0.5, "scripts without anomalies");
    }

    [Fact]
    public void Objects_CycleBackToEarlierPages_NotOnlyRepeatTheLastToken()
    {
        var cycles = Draw(PageScripts.Objects()).Where(s => s.End == ScriptEnd.RepeatedToken).ToList();

        // A cycle back past the previous page: the repeated token is not the one the repeating page was requested with.
        Assert.Contains(cycles, s => s.EndsAt >= 2 && s.Pages[s.EndsAt].NextToken != s.Pages[s.EndsAt - 1].NextToken);
        // The immediate repeat: a page hands back the token it was requested with.
        Assert.Contains(cycles, s => s.EndsAt >= 1 && s.Pages[s.EndsAt].NextToken == s.Pages[s.EndsAt - 1].NextToken);
    }

    [Fact]
    public void Objects_ThrottleMidStream_AtAnyPage_SometimesTwiceInARow()
    {
        var failing = Draw(PageScripts.Objects()).Where(s => s.End == ScriptEnd.Failure).ToList();
        var throttles = failing.Where(s => s.Pages[s.EndsAt].Failure is AmazonServiceException e
            && ErrorMapping.Map(ErrorTarget.None, AwsErrorDetails.Of("S3", "ListObjectsV2", e.ErrorCode, "", (int)e.StatusCode, ""), e) is DomainError.Throttled).ToList();

        ShareBetween(failing, s => throttles.Contains(s), 0.5, 1.0, "throttles among failures");
        Assert.Contains(failing, s => s.EndsAt == 0);
        Assert.Contains(failing, s => s.EndsAt >= 3);
        Assert.Contains(failing, s => s.EndsAt + 1 < s.Pages.Count && s.Pages[s.EndsAt + 1].IsFailure);
        Assert.Contains(failing, s => s.Pages.Skip(s.EndsAt + 1).Any(p => !p.IsFailure && p.ItemsOrEmpty.Count > 0));
    }

    [Fact]
    public void Of_WithoutRequiredFlags_ContinuesByTokenAlone_AndNeverCallsAPageMalformed()
    {
        var samples = Draw(PageScripts.Of(Gen.Constant(1), ServiceErrors.Transport()));

        Assert.DoesNotContain(samples, s => s.End == ScriptEnd.MalformedPage);
        Assert.Contains(samples, s => s.Completes && s.Pages.Take(s.EndsAt).Any(p => p.IsTruncated is null));
    }

    [Fact]
    public void Versions_CarryVersionMarkers_AndObjectsDoNot()
    {
        Assert.Contains(Draw(PageScripts.Versions()), s => s.Pages.Any(p => p.NextVersionIdMarker is not null));
        Assert.DoesNotContain(Draw(PageScripts.Objects()), s => s.Pages.Any(p => p.NextVersionIdMarker is not null));
    }

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Objects_WhatTheScriptSays_IsWhatTheCoresPaginationEngineDoes() =>
        Prop.ForAll(PageScripts.Objects().ToArbitrary(), script =>
            AgreesWithTheCore(script, p => p.NextToken)
                .Classify(script.End == ScriptEnd.Completed, "completed")
                .Classify(script.End == ScriptEnd.TruncatedWithoutToken, "truncated without token")
                .Classify(script.End == ScriptEnd.RepeatedToken, "repeated token")
                .Classify(script.End == ScriptEnd.Failure, "failure")
                .Classify(script.End == ScriptEnd.MalformedPage, "malformed page")
                .Classify(script.Anomalies.HasFlag(PageAnomaly.NullItems), "null items"));

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Versions_WhatTheScriptSays_IsWhatTheCoresPaginationEngineDoes() =>
        Prop.ForAll(PageScripts.Versions().ToArbitrary(), script =>
            AgreesWithTheCore(script, p => S3Rules.VersionPageToken(p.NextToken, p.NextVersionIdMarker)));

    /// <summary>Feeds the script to the core's step function, one page per request, as the shell does.</summary>
    private static Property AgreesWithTheCore<T>(PageScript<T> script, Func<ScriptedPage<T>, string?> token)
    {
        var state = Pagination.Start(PageLimits.Unlimited);
        var delivered = new List<T>();
        for (var i = 0; i < script.Pages.Count; i++)
        {
            var page = script.Pages[i];
            if (page.IsFailure)
            {
                return Prop.ToProperty(script.End == ScriptEnd.Failure && script.EndsAt == i && delivered.SequenceEqual(script.ItemsUntilEnd))
                    .Label($"failure at {i}");
            }

            if (script.RequiresTruncationFlag && !S3Rules.ListingPage("ListObjectsV2", "b", "b", page.IsTruncated, 200, "").IsOk)
            {
                return Prop.ToProperty(script.End == ScriptEnd.MalformedPage && script.EndsAt == i && delivered.SequenceEqual(script.ItemsUntilEnd))
                    .Label($"the shell refuses page {i} as malformed");
            }

            var step = Pagination.Step(state, Page<T>.Create(page.Items, page.IsTruncated, token(page)));
            delivered.AddRange(step.Deliver);
            if (step.Decision is PageDecision.Continue)
            {
                state = step.State;
                continue;
            }

            var end = step.Decision switch
            {
                PageDecision.Done { Outcome.IsCompleted: true } => ScriptEnd.Completed,
                PageDecision.Done { Outcome: PageRunOutcome.Interrupted { Anomaly.IsTruncatedWithoutToken: true } } => ScriptEnd.TruncatedWithoutToken,
                _ => ScriptEnd.RepeatedToken,
            };
            return Prop.ToProperty(script.End == end && script.EndsAt == i && delivered.SequenceEqual(script.ItemsUntilEnd))
                .Label($"the core ends with {end} at {i} after {delivered.Count} items");
        }

        return Prop.ToProperty(script.End == ScriptEnd.Exhausted).Label("the core would ask for more");
    }
}
