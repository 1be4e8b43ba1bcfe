namespace AwsAio.Faults.Tests.Support;

/// <summary>Which S3 REST call a request is (path-style addressing, as the endpoint override uses).</summary>
internal static class S3Routes
{
    /// <summary>ListObjectsV2 on the bucket, any page.</summary>
    internal static bool List(FaultRequest r) => r.Method == "GET" && r.HasQuery("list-type");

    /// <summary>ListObjectsV2 asking for the page after <paramref name="token"/>.</summary>
    internal static Func<FaultRequest, bool> ListAfter(string token) =>
        r => List(r) && r.Query.Split('&').Contains($"continuation-token={Uri.EscapeDataString(token)}");

    /// <summary>The first ListObjectsV2 page (no continuation token).</summary>
    internal static bool FirstListPage(FaultRequest r) => List(r) && !r.HasQuery("continuation-token");

    /// <summary>HeadBucket.</summary>
    internal static bool HeadBucket(FaultRequest r) => r.Method == "HEAD" && r.Path.Trim('/').Split('/').Length == 1;

    /// <summary>GetObject.</summary>
    internal static bool GetObject(FaultRequest r) => r.Method == "GET" && !List(r) && r.Path.Trim('/').Contains('/');

    /// <summary>PutObject.</summary>
    internal static bool PutObject(FaultRequest r) => r.Method == "PUT" && r.Path.Trim('/').Contains('/');
}
