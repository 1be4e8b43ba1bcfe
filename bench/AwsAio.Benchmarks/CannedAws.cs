using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Amazon.Runtime;

namespace AwsAio.Benchmarks;

/// <summary>
/// S3 and EC2 served in-process: an HTTP handler, installed through the SDK configuration's <c>HttpClientFactory</c>
/// (AwsAio's public <c>ConfigureClient</c> hook), answering every request from bytes rendered once, so that the network
/// and the peer take no time and what is measured is the SDK and what AwsAio adds to it. Every request still goes
/// through the SDK (marshalling, signing, unmarshalling) and AwsAio's HTTP layer.
/// </summary>
internal sealed class CannedAws
{
    /// <summary>The bucket that holds one listing page of <see cref="KeysPerPage"/> keys, the object and the upload.</summary>
    internal const string OnePageBucket = "bench-one";

    /// <summary>The bucket whose listing is <see cref="TenPages"/> pages.</summary>
    internal const string TenPageBucket = "bench-ten";

    /// <summary>The bucket whose listing is <see cref="StreamPages"/> pages (the same keys on every page).</summary>
    internal const string StreamBucket = "bench-stream";

    /// <summary>The object the download reads.</summary>
    internal const string BlobKey = "blob";

    /// <summary>The VPC whose subnets are described.</summary>
    internal const string VpcId = "vpc-0123456789abcdef0";

    internal const int KeysPerPage = 1000;
    internal const int TenPages = 10;
    internal const int SubnetCount = 1000;
    internal const int BlobBytes = 1 << 20;

    /// <summary>Pages of the streaming bucket (1,000,000 keys); the heap run may ask for fewer.</summary>
    internal int StreamPages { get; set; } = 1000;

    private readonly byte[][] _tenPages;
    private readonly byte[] _onePage;
    private readonly byte[] _streamContents;
    private readonly byte[] _subnets;
    private readonly byte[] _blob;
    private readonly HttpClientFactory _factory;

    internal CannedAws()
    {
        _onePage = Utf8(ListPage(OnePageBucket, 0, null, null, Contents(0)));
        _tenPages = Enumerable.Range(0, TenPages)
            .Select(i => Utf8(ListPage(TenPageBucket, i, i == 0 ? null : Token(i), i + 1 < TenPages ? Token(i + 1) : null, Contents(i))))
            .ToArray();
        _streamContents = Utf8(Contents(0) + "</ListBucketResult>");
        _subnets = Utf8(Subnets());
        _blob = new byte[BlobBytes];
        new Random(42).NextBytes(_blob);
        _factory = new HandlerFactory(new Handler(this));
    }

    /// <summary>The handler as an SDK HTTP client factory: one instance, so that the SDK's HTTP client cache holds one
    /// client for it.</summary>
    internal HttpClientFactory Factory => _factory;

    /// <summary>Uploads the handler has drained (checked by the scenarios' self-test).</summary>
    internal long BytesReceived => Interlocked.Read(ref _received);

    private long _received;

    /// <summary>A continuation token as long as S3's (they are opaque base64 of about 100 characters).</summary>
    internal static string Token(int page) =>
        $"1{page:D8}" + "ZXhhbXBsZS10b2tlbi1mb3ItdGhlLWJlbmNobWFyay1vbmx5LW5vdC1hLXJlYWwtczMtY29udGludWF0aW9uLXRva2VuLWF0LWFsbA==";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string ListPage(string bucket, int page, string? token, string? next, string contents) =>
        $"""<?xml version="1.0" encoding="UTF-8"?>""" + "\n" +
        $"""<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>{bucket}</Name><Prefix></Prefix>""" +
        $"<KeyCount>{KeysPerPage}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>{(next is null ? "false" : "true")}</IsTruncated>" +
        (token is null ? "" : $"<ContinuationToken>{token}</ContinuationToken>") +
        (next is null ? "" : $"<NextContinuationToken>{next}</NextContinuationToken>") +
        contents + "</ListBucketResult>";

    private static string Contents(int page)
    {
        var text = new StringBuilder(KeysPerPage * 260);
        for (var i = 0; i < KeysPerPage; i++)
        {
            var n = page * KeysPerPage + i;
            text.Append(CultureInfo.InvariantCulture,
                $"<Contents><Key>data/2026/11/30/object-{n:D7}.json</Key><LastModified>2026-11-30T12:{i % 60:D2}:{n % 60:D2}.000Z</LastModified>" +
                $"<ETag>&quot;{n:x8}f27731c974343645a3985328&quot;</ETag><Size>{1000 + n}</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }

        return text.ToString();
    }

    private static string Subnets()
    {
        var text = new StringBuilder(SubnetCount * 600);
        text.Append("""<?xml version="1.0" encoding="UTF-8"?>""").Append('\n')
            .Append("""<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">""")
            .Append("<requestId>0c6f6bd4-3a10-4e35-a4e0-000000000001</requestId><subnetSet>");
        for (var i = 0; i < SubnetCount; i++)
        {
            var id = $"subnet-{i:x17}";
            text.Append(
                $"<item><subnetId>{id}</subnetId><subnetArn>arn:aws:ec2:us-east-1:123456789012:subnet/{id}</subnetArn>" +
                $"<state>available</state><vpcId>{VpcId}</vpcId><ownerId>123456789012</ownerId><cidrBlock>10.{i / 256}.{i % 256}.0/24</cidrBlock>" +
                "<ipv6CidrBlockAssociationSet/><availableIpAddressCount>251</availableIpAddressCount><availabilityZone>us-east-1a</availabilityZone>" +
                "<availabilityZoneId>use1-az1</availabilityZoneId><defaultForAz>false</defaultForAz><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch>" +
                "<assignIpv6AddressOnCreation>false</assignIpv6AddressOnCreation><tagSet/></item>");
        }

        return text.Append("</subnetSet></DescribeSubnetsResponse>").ToString();
    }

    /// <summary>The streaming bucket's page: its own header (tokens) before the shared contents, sent without copying
    /// them.</summary>
    private HttpContent StreamPage(int page)
    {
        var head = Utf8(ListPage(StreamBucket, page, page == 0 ? null : Token(page), page + 1 < StreamPages ? Token(page + 1) : null, "")
            .Replace("</ListBucketResult>", "", StringComparison.Ordinal));
        return new Concatenated(head, _streamContents);
    }

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var uri = request.RequestUri!;
        var path = uri.AbsolutePath.TrimEnd('/');
        HttpResponseMessage response;
        if (request.Method == HttpMethod.Post && path.Length == 0)
        {
            // EC2's query protocol: the only action benchmarked is DescribeSubnets.
            response = Ok(new ByteArrayContent(_subnets), "text/xml;charset=UTF-8");
        }
        else if (request.Method == HttpMethod.Head)
        {
            response = Ok(new ByteArrayContent([]), null);
            response.Headers.Add("x-amz-bucket-region", "us-east-1");
        }
        else if (request.Method == HttpMethod.Put)
        {
            var body = request.Content is null ? Stream.Null : await request.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0) total += read;
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            Interlocked.Add(ref _received, total);
            response = Ok(new ByteArrayContent([]), null);
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"6d0bb00954ceb7fbee436bb55a8397a9\"");
        }
        else if (path.EndsWith("/" + BlobKey, StringComparison.Ordinal))
        {
            response = Ok(new ByteArrayContent(_blob), "application/octet-stream");
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"0cc175b9c0f1b6a831c399e269772661\"");
            response.Content.Headers.LastModified = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        }
        else
        {
            var page = PageOf(uri.Query);
            response = path switch
            {
                "/" + TenPageBucket => Ok(new ByteArrayContent(_tenPages[page]), "application/xml"),
                "/" + StreamBucket => Ok(StreamPage(page), "application/xml"),
                _ => Ok(new ByteArrayContent(_onePage), "application/xml"),
            };
        }

        response.RequestMessage = request;
        response.Headers.Add("x-amz-request-id", "BENCH0000000001");
        return response;
    }

    /// <summary>The page a ListObjectsV2 request asks for: 0 without a token, else the number the token carries.</summary>
    private static int PageOf(string query)
    {
        const string name = "continuation-token=";
        var at = query.IndexOf(name, StringComparison.Ordinal);
        return at < 0 ? 0 : int.Parse(query.AsSpan(at + name.Length + 1, 8), CultureInfo.InvariantCulture);
    }

    private static HttpResponseMessage Ok(HttpContent content, string? contentType)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return response;
    }

    private sealed class Handler(CannedAws aws) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            aws.AnswerAsync(request, cancellationToken);
    }

    private sealed class HandlerFactory(Handler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        // One cache entry per canned service: the SDK caches HTTP clients by this string, process-wide.
        public override string GetConfigUniqueString(IClientConfig clientConfig) => $"canned-aws-{RuntimeHelpers.GetHashCode(handler)}";
    }

    /// <summary>Two byte arrays sent one after the other, neither copied.</summary>
    private sealed class Concatenated(byte[] head, byte[] tail) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(head, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(tail, cancellationToken).ConfigureAwait(false);
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new ConcatenatedStream(head, tail));

        protected override bool TryComputeLength(out long length)
        {
            length = head.Length + tail.Length;
            return true;
        }
    }

    private sealed class ConcatenatedStream(byte[] head, byte[] tail) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => head.Length + tail.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            ReadOnlySpan<byte> source = _position < head.Length ? head.AsSpan((int)_position) : tail.AsSpan((int)(_position - head.Length));
            var n = Math.Min(source.Length, buffer.Length);
            source[..n].CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
