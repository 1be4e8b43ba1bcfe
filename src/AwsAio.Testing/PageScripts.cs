using Amazon.S3.Model;
using FsCheck;
using FsCheck.Fluent;

namespace AwsAio.Testing;

/// <summary>
/// Generated <see cref="PageScript{TItem}"/>s: one to six pages of zero to four items (empty and null pages included),
/// distinct tokens, flags that are sometimes missing (a malformed page where flags are required), ending in one of: a
/// clean last page (sometimes still carrying a token), a truncated page without a token, a token that was named before
/// (a cycle back to any earlier page, or the page's own request), or a failure (a throttle, by default) at any
/// position, possibly followed by more pages for a client that retries.
/// </summary>
public static class PageScripts
{
    /// <summary>Scripts of ListObjectsV2 pages failing with S3 throttles and transport errors.</summary>
    public static Gen<PageScript<S3Object>> Objects() =>
        Of(S3Responses.Object(), Failures(AwsService.S3), versionMarkers: false, requiresTruncationFlag: true);

    /// <summary>Scripts of ListObjectVersions pages (with version id markers) failing with S3 throttles and
    /// transport errors.</summary>
    public static Gen<PageScript<S3ObjectVersion>> Versions() =>
        Of(S3Responses.ObjectVersion(), Failures(AwsService.S3), versionMarkers: true, requiresTruncationFlag: true);

    /// <summary>The failures scripts use: mostly throttles of <paramref name="service"/>, sometimes any of its
    /// errors or a transport failure.</summary>
    /// <param name="service">The service.</param>
    public static Gen<Exception> Failures(AwsService service) =>
        Gen.Frequency((3, ServiceErrors.Throttles(service).Select(e => (Exception)e)), (1, ServiceErrors.Any(service)));

    /// <summary>Scripts of pages of <paramref name="items"/>, failing with <paramref name="failures"/>.</summary>
    /// <param name="items">The items of pages.</param>
    /// <param name="failures">What a failed request throws.</param>
    /// <param name="versionMarkers">Whether pages also carry a version id marker (ListVersions).</param>
    /// <param name="requiresTruncationFlag">Whether a page without a truncation flag is malformed (S3 listings).</param>
    public static Gen<PageScript<TItem>> Of<TItem>(
        Gen<TItem> items, Gen<Exception> failures, bool versionMarkers = false, bool requiresTruncationFlag = false)
    {
        var pageItems = Gen.Frequency(
            (1, Gen.Constant<IReadOnlyList<TItem>?>(null)),
            (1, Gen.Fresh<IReadOnlyList<TItem>?>(() => Array.Empty<TItem>())),
            (5, Gen.Choose(1, 4).SelectMany(n => items.ArrayOf(n)).Select(xs => (IReadOnlyList<TItem>?)xs)));
        // Where flags are required, a missing one ends the listing: it stays rare so that listings still run long.
        var midFlag = Gen.Frequency((requiresTruncationFlag ? 15 : 5, Gen.Constant<bool?>(true)), (1, Gen.Constant<bool?>(null)));
        return
            from count in Gen.Choose(1, 6)
            from contents in pageItems.ArrayOf(count)
            from flags in midFlag.ArrayOf(count)
            from suffixes in AwsGen.Token().ArrayOf(count)
            from markers in Gen.Elements("3sL4kqtJ", "null", "v/+=").ArrayOf(count)
            from ending in Gen.Frequency(
                (5, Gen.Constant(ScriptEnd.Completed)), (2, Gen.Constant(ScriptEnd.TruncatedWithoutToken)),
                (2, Gen.Constant(ScriptEnd.RepeatedToken)), (3, Gen.Constant(ScriptEnd.Failure)))
            from lastStyle in Gen.Choose(0, 3)
            from repeatOf in Gen.Choose(0, 5)
            from failAt in Gen.Choose(0, count)
            from failure in failures
            from secondFailure in Gen.Frequency((4, Gen.Constant<Exception?>(null)), (1, failures.Select(e => (Exception?)e)))
            select Assemble(contents, flags, suffixes, versionMarkers ? markers : null, ending, lastStyle, repeatOf, failAt, failure, secondFailure,
                requiresTruncationFlag);
    }

    private static PageScript<TItem> Assemble<TItem>(
        IReadOnlyList<TItem>?[] contents, bool?[] flags, string[] suffixes, string[]? markers, ScriptEnd ending, int lastStyle,
        int repeatOf, int failAt, Exception failure, Exception? secondFailure, bool requiresTruncationFlag)
    {
        // Tokens are made distinct by their index; the suffix makes them realistic.
        string Token(int i) => $"{i}-{suffixes[i]}";
        string? Marker(int i) => markers is null ? null : $"{markers[i]}{i}";
        var count = contents.Length;
        var pages = new List<ScriptedPage<TItem>>();
        for (var i = 0; i < count - 1; i++)
        {
            pages.Add(new ScriptedPage<TItem>(contents[i], flags[i], Token(i), null, Marker(i)));
        }

        var last = count - 1;
        pages.Add(ending switch
        {
            // A clean end: not truncated (with or without a leftover token), or neither flag nor token.
            ScriptEnd.Completed => lastStyle switch
            {
                0 => new ScriptedPage<TItem>(contents[last], false, null),
                1 => new ScriptedPage<TItem>(contents[last], false, Token(last), null, Marker(last)),
                2 => new ScriptedPage<TItem>(contents[last], requiresTruncationFlag ? false : null, null),
                _ => new ScriptedPage<TItem>(contents[last], false, ""),
            },
            ScriptEnd.TruncatedWithoutToken => new ScriptedPage<TItem>(contents[last], true, lastStyle < 2 ? null : ""),
            // A cycle: the last page names a page named before; with one page, it names nothing new to repeat, so a
            // second page is added that names the first page's token again.
            ScriptEnd.RepeatedToken when last == 0 => new ScriptedPage<TItem>(contents[last], flags[last], Token(0), null, Marker(0)),
            ScriptEnd.RepeatedToken => new ScriptedPage<TItem>(contents[last], flags[last], Token(repeatOf % last), null, Marker(repeatOf % last)),
            _ => new ScriptedPage<TItem>(contents[last], false, null),
        });
        if (ending == ScriptEnd.RepeatedToken && last == 0)
        {
            pages.Add(new ScriptedPage<TItem>(contents[last], flags[last], Token(0), null, Marker(0)));
        }

        if (ending == ScriptEnd.Failure)
        {
            pages.Insert(Math.Min(failAt, pages.Count - 1), ScriptedPage<TItem>.Failing(failure));
            if (secondFailure is not null)
            {
                pages.Insert(Math.Min(failAt + 1, pages.Count - 1), ScriptedPage<TItem>.Failing(secondFailure));
            }
        }

        return new PageScript<TItem>(pages, requiresTruncationFlag);
    }
}
