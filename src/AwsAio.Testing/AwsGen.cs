using System.Net;
using Amazon.Runtime;
using FsCheck;
using FsCheck.Fluent;

namespace AwsAio.Testing;

/// <summary>
/// The building blocks every generator of the kit is made of: values that may be null the way the v4 SDK leaves them
/// null (collections included), awkward strings, request ids, timestamps, and the part every SDK response shares
/// (HTTP status, response metadata). A new service's responses are a list of <see cref="Field{TResponse,TValue}"/>s
/// handed to <see cref="Response{TResponse}"/>.
/// </summary>
/// <example><code>
/// Gen&lt;DescribeVpcsResponse&gt; vpcs = AwsGen.Response(
///     AwsGen.Field(AwsGen.ListOrNull(vpc), (DescribeVpcsResponse r, List&lt;Vpc&gt;? v) =&gt; r.Vpcs = v),
///     AwsGen.Field(AwsGen.TokenOrNull(), (DescribeVpcsResponse r, string? t) =&gt; r.NextToken = t));
/// </code></example>
public static class AwsGen
{
    /// <summary>One optional value in this many is generated as null (the rest carry a value).</summary>
    public const int NullOneIn = 4;

    /// <summary>The most items a generated collection holds.</summary>
    public const int MaxItems = 5;

    /// <summary>A reference value that is null one time in <see cref="NullOneIn"/>.</summary>
    /// <param name="values">The values to take otherwise.</param>
    public static Gen<T?> OrNull<T>(Gen<T> values)
        where T : class =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (NullOneIn - 1, values.Select(v => (T?)v)));

    /// <summary>A value-type value that is null one time in <see cref="NullOneIn"/>.</summary>
    /// <param name="values">The values to take otherwise.</param>
    public static Gen<T?> OrNullValue<T>(Gen<T> values)
        where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (NullOneIn - 1, values.Select(v => (T?)v)));

    /// <summary>
    /// A list as the v4 SDK hands it over: null (the SDK no longer initialises collections), empty, or up to
    /// <paramref name="maxCount"/> items. A fresh list is built for every sample.
    /// </summary>
    /// <param name="items">The items.</param>
    /// <param name="maxCount">The most items.</param>
    public static Gen<List<T>?> ListOrNull<T>(Gen<T> items, int maxCount = MaxItems) =>
        Gen.Frequency(
            (1, Gen.Constant<List<T>?>(null)),
            (1, Gen.Fresh<List<T>?>(() => [])),
            (NullOneIn, Gen.Choose(1, Math.Max(1, maxCount)).SelectMany(n => items.ArrayOf(n)).Select(xs => (List<T>?)xs.ToList())));

    /// <summary>Strings services and users really produce, and the ones that break naive code: empty, blank,
    /// non-ASCII, XML-special, control characters, very long.</summary>
    public static Gen<string> Text() =>
        Gen.Frequency(
            (6, Gen.Elements("a", "logs", "2026/11/24/app.log.gz", "dir/", "x y", "data.csv", "über", "Ω-ß", "🪣", "a+b=c&d")),
            (1, Gen.Elements("", " ", "\t", "\n")),
            (1, Gen.Elements("<tag>&amp;\"'", "%2F%00", "{0}", "null", "\u0001\u001f", "\u202Eevil")),
            (1, Gen.Choose(200, 1100).Select(n => new string('k', n))),
            (2, Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-_./".ToCharArray()).ArrayOf().Select(cs => new string(cs))));

    /// <summary><see cref="Text"/>, or null.</summary>
    public static Gen<string?> TextOrNull() => OrNull(Text());

    /// <summary>A request id as AWS sends them (16 hex digits for S3, a UUID elsewhere), empty, or null.</summary>
    public static Gen<string?> RequestId() =>
        Gen.Frequency(
            (3, Gen.Elements("0123456789ABCDEF".ToCharArray()).ArrayOf(16).Select(cs => (string?)new string(cs))),
            (3, Gen.Fresh(() => (string?)Guid.NewGuid().ToString())),
            (1, Gen.Constant<string?>("")),
            (1, Gen.Constant<string?>(null)));

    /// <summary>An opaque pagination token (base64-like, with the '/', '+' and '=' that need escaping), or a
    /// non-ASCII one; never null (see <see cref="TokenOrNull"/>).</summary>
    public static Gen<string> Token() =>
        Gen.Frequency(
            (5, Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".ToCharArray())
                .ArrayOf().Select(cs => "1" + new string(cs))),
            (1, Gen.Elements("tök/én", "a b", "key/with space.txt", "é")));

    /// <summary>A pagination token, empty (which services send to mean none), or null.</summary>
    public static Gen<string?> TokenOrNull() =>
        Gen.Frequency((3, Token().Select(t => (string?)t)), (1, Gen.Constant<string?>("")), (1, Gen.Constant<string?>(null)));

    /// <summary>A timestamp as the SDK hands it over: null, the extremes, and every <see cref="DateTimeKind"/>.</summary>
    public static Gen<DateTime?> Timestamp() =>
        OrNullValue(Gen.Frequency(
            (1, Gen.Elements(DateTime.MinValue, DateTime.MaxValue, DateTime.UnixEpoch)),
            (4, Gen.Choose(0, 2_000_000_000).Zip(Gen.Elements(DateTimeKind.Utc, DateTimeKind.Local, DateTimeKind.Unspecified))
                .Select(t => DateTime.SpecifyKind(DateTime.UnixEpoch.AddSeconds(t.Item1), t.Item2)))));

    /// <summary>A size or count: null, zero, ordinary, huge, or negative (a corrupt answer).</summary>
    public static Gen<long?> Size() =>
        OrNullValue(Gen.Frequency(
            (4, Gen.Choose(0, 10_000_000).Select(n => (long)n)),
            (1, Gen.Elements(0L, -1L, long.MaxValue, 5L * 1024 * 1024 * 1024 * 1024))));

    /// <summary>A nullable flag.</summary>
    public static Gen<bool?> Flag() => OrNullValue(Gen.Elements(true, false));

    /// <summary>A value of an SDK constant class (such as <c>S3StorageClass</c>): null, one of the known values, or a
    /// value this SDK version does not know (as a newer service would send).</summary>
    /// <param name="known">The known values.</param>
    /// <param name="unknown">Builds an unknown value from its name, usually the class's <c>FindValue</c>.</param>
    public static Gen<T?> Constant<T>(IReadOnlyList<T> known, Func<string, T> unknown)
        where T : ConstantClass =>
        Gen.Frequency(
            (1, Gen.Constant<T?>(null)),
            (4, Gen.Elements(known.ToArray()).Select(v => (T?)v)),
            (1, Gen.Elements("FUTURE_VALUE", "", "lowercase").Select(name => (T?)unknown(name))));

    /// <summary>The status of a successful response: mostly 200, sometimes another 2xx, sometimes unset (0).</summary>
    public static Gen<HttpStatusCode> SuccessStatus() =>
        Gen.Frequency(
            (6, Gen.Constant(HttpStatusCode.OK)),
            (1, Gen.Elements(HttpStatusCode.NoContent, HttpStatusCode.PartialContent, HttpStatusCode.Created, (HttpStatusCode)0)));

    /// <summary>Response metadata: null, or with a request id that may itself be null or empty.</summary>
    public static Gen<ResponseMetadata?> Metadata() =>
        OrNull(RequestId().Select(id => new ResponseMetadata { RequestId = id }));

    /// <summary>One field of a generated response: a value, and how to set it on a fresh response.</summary>
    /// <param name="values">The field's values.</param>
    /// <param name="set">Sets the value on the response.</param>
    public static Gen<Action<TResponse>> Field<TResponse, TValue>(Gen<TValue> values, Action<TResponse, TValue> set) =>
        values.Select(value => (Action<TResponse>)(response => set(response, value)));

    /// <summary>
    /// A response of type <typeparamref name="TResponse"/>, built fresh for every sample: each field set from its
    /// generator, then the parts every response shares (HTTP status, response metadata, content length).
    /// </summary>
    /// <param name="fields">The response's own fields (see <see cref="Field{TResponse,TValue}"/>).</param>
    public static Gen<TResponse> Response<TResponse>(params Gen<Action<TResponse>>[] fields)
        where TResponse : AmazonWebServiceResponse, new() =>
        Build(() => new TResponse(), fields);

    /// <summary>As <see cref="Response{TResponse}"/>, for responses without a public parameterless constructor or
    /// that need one built a particular way.</summary>
    /// <param name="create">Creates a fresh response.</param>
    /// <param name="fields">The response's own fields.</param>
    public static Gen<TResponse> Build<TResponse>(Func<TResponse> create, params Gen<Action<TResponse>>[] fields)
        where TResponse : AmazonWebServiceResponse =>
        from setters in Gen.CollectToArray(fields)
        from status in SuccessStatus()
        from metadata in Metadata()
        from length in Gen.Elements(0L, -1L, 42L)
        select Apply(create(), setters, status, metadata, length);

    /// <summary>An object (not a response) built fresh for every sample from its fields.</summary>
    /// <param name="create">Creates a fresh object.</param>
    /// <param name="fields">Its fields.</param>
    public static Gen<T> Object<T>(Func<T> create, params Gen<Action<T>>[] fields) =>
        Gen.CollectToArray(fields).Select(setters =>
        {
            var value = create();
            foreach (var set in setters)
            {
                set(value);
            }

            return value;
        });

    private static TResponse Apply<TResponse>(
        TResponse response, Action<TResponse>[] setters, HttpStatusCode status, ResponseMetadata? metadata, long length)
        where TResponse : AmazonWebServiceResponse
    {
        response.HttpStatusCode = status;
        response.ResponseMetadata = metadata;
        response.ContentLength = length;
        foreach (var set in setters)
        {
            set(response);
        }

        return response;
    }
}
