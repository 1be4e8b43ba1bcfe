using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using AwsAio.Core;
using Xunit;

namespace AwsAio.Tests;

/// <summary>
/// The HTTP layer under every SDK client, against a raw loopback server that can stall mid-body or redirect: bodies
/// are read with an idle timeout, redirects are never followed, and error headers reach the call in progress.
/// </summary>
public sealed class BoundedHttpClientFactoryTests : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _requests;

    public BoundedHttpClientFactoryTests() => _listener.Start();

    private string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    /// <summary>Answers every connection with <paramref name="head"/>, then <paramref name="body"/>, then silence.</summary>
    private Task ServeAsync(string head, byte[] body) => Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    _ = await stream.ReadAsync(buffer, _stop.Token);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                    await stream.WriteAsync(body, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    try
                    {
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            });
        }
    });

    private static HttpClient Client(TimeSpan idle) =>
        new BoundedHttpClientFactory(idle).CreateHttpClient(new AmazonS3Config { Timeout = TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task ABodyThatStallsAfterSomeBytes_FailsWithTimeoutException_AfterTheIdleTimeout()
    {
        _ = ServeAsync("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nContent-Type: application/octet-stream\r\n\r\n", new byte[30_000]);
        using var http = Client(TimeSpan.FromMilliseconds(500));
        using var response = await http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var read = 0L;
        var failure = await Record.ExceptionAsync(async () =>
        {
            var buffer = new byte[8192];
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0) read += n;
        });

        Assert.IsType<TimeoutException>(failure);
        Assert.Equal(30_000, read);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ASynchronousReadOfAStalledBody_IsBoundedToo()
    {
        _ = ServeAsync("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n", new byte[10]);
        using var http = Client(TimeSpan.FromMilliseconds(300));
        using var response = await http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[100];

        Assert.Equal(10, body.Read(buffer, 0, buffer.Length));
        Assert.Throws<TimeoutException>(() => body.Read(buffer, 0, buffer.Length));
    }

    [Fact]
    public async Task ACallsOwnDeadline_EndsABodyReadBeforeTheIdleTimeout()
    {
        _ = ServeAsync("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n", []);
        using var http = Client(TimeSpan.FromMinutes(5));
        using var response = await http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        using var scope = CallScope.Enter(new CallContext(deadline.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => _ = await body.ReadAsync(new byte[10]));
    }

    [Fact]
    public async Task ARedirect_IsNeverFollowed()
    {
        using var elsewhere = new TcpListener(IPAddress.Loopback, 0);
        elsewhere.Start();
        var target = $"http://127.0.0.1:{((IPEndPoint)elsewhere.LocalEndpoint).Port}/stolen";
        _ = ServeAsync($"HTTP/1.1 301 Moved Permanently\r\nLocation: {target}\r\nContent-Length: 0\r\n\r\n", []);
        using var http = Client(TimeSpan.FromSeconds(5));

        using var response = await http.GetAsync(Url);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.False(elsewhere.Pending(), "the redirect target must not have been contacted");
        Assert.Equal(1, _requests);
    }

    [Fact]
    public async Task AnErrorAnswersHeaders_AreRecordedForTheCallInProgress()
    {
        _ = ServeAsync("HTTP/1.1 400 Bad Request\r\nx-amz-error-code: ExpiredToken\r\nx-amz-bucket-region: eu-west-3\r\nContent-Length: 0\r\n\r\n", []);
        using var http = Client(TimeSpan.FromSeconds(5));
        var context = new CallContext(CancellationToken.None);

        using (CallScope.Enter(context))
        {
            using var response = await http.GetAsync(Url);
        }

        Assert.Equal("ExpiredToken", context.ErrorCodeHeader);
        Assert.Equal("eu-west-3", context.BucketRegionHeader);
    }

    [Fact]
    public async Task ASuccessfulAnswersHeaders_AreNotTakenForAnError()
    {
        _ = ServeAsync("HTTP/1.1 200 OK\r\nx-amz-bucket-region: eu-west-3\r\nContent-Length: 2\r\n\r\n", "ok"u8.ToArray());
        using var http = Client(TimeSpan.FromSeconds(5));
        var context = new CallContext(CancellationToken.None);

        using (CallScope.Enter(context))
        {
            Assert.Equal("ok", await http.GetStringAsync(Url));
        }

        Assert.Null(context.BucketRegionHeader);
    }

    [Fact]
    public void TheFactory_LetsTheSdkCacheItsClients_PerSetting()
    {
        var factory = new BoundedHttpClientFactory(TimeSpan.FromSeconds(1));
        var config = new AmazonS3Config { Timeout = TimeSpan.FromSeconds(3) };
        Assert.True(factory.UseSDKHttpClientCaching(config));
        Assert.False(factory.DisposeHttpClientsAfterUse(config));
        Assert.NotEqual(factory.GetConfigUniqueString(config),
            new BoundedHttpClientFactory(TimeSpan.FromSeconds(2)).GetConfigUniqueString(config));
        Assert.Equal(TimeSpan.FromSeconds(3), factory.CreateHttpClient(config).Timeout);
    }

    // ---- around another factory (the options' ConfigureClient hook set one) ------------------------------------------

    /// <summary>A factory of the user's own: its handler counts what it sends and may follow redirects.</summary>
    private sealed class OwnFactory(bool followRedirects) : HttpClientFactory
    {
        internal int Sent;

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(new Counting(this, new SocketsHttpHandler { AllowAutoRedirect = followRedirects }));

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;

        public override string GetConfigUniqueString(IClientConfig clientConfig) => "own";

        private sealed class Counting(OwnFactory owner, HttpMessageHandler inner) : DelegatingHandler(inner)
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner.Sent);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }

    private static HttpClient Around(OwnFactory own, TimeSpan idle) =>
        new BoundedHttpClientFactory(idle).Around(own).CreateHttpClient(new AmazonS3Config { Timeout = TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task AroundAnotherFactory_RequestsGoThroughItsHandler_AndAStalledBodyStillTimesOut()
    {
        _ = ServeAsync("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n", new byte[10]);
        var own = new OwnFactory(followRedirects: false);
        using var http = Around(own, TimeSpan.FromMilliseconds(300));
        using var response = await http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[100];

        Assert.Equal(10, await body.ReadAsync(buffer));
        await Assert.ThrowsAsync<TimeoutException>(async () => _ = await body.ReadAsync(buffer));
        Assert.Equal(1, own.Sent);
    }

    [Fact]
    public async Task AroundAnotherFactory_ARedirectItsHandlerFollowed_IsRefused_NamingTheFix()
    {
        using var elsewhere = new TcpListener(IPAddress.Loopback, 0);
        elsewhere.Start();
        var target = $"http://127.0.0.1:{((IPEndPoint)elsewhere.LocalEndpoint).Port}/elsewhere";
        _ = Task.Run(async () =>
        {
            using var client = await elsewhere.AcceptTcpClientAsync(_stop.Token);
            var stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[8192], _stop.Token);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray(), _stop.Token);
        });
        _ = ServeAsync($"HTTP/1.1 307 Temporary Redirect\r\nLocation: {target}\r\nContent-Length: 0\r\n\r\n", []);
        using var http = Around(new OwnFactory(followRedirects: true), TimeSpan.FromSeconds(5));

        var refused = await Assert.ThrowsAsync<DecidedFailure>(() => http.GetAsync(Url));

        Assert.Equal(DomainError.NewInvalidInput("ConfigureClient",
            "its HttpClientFactory followed a redirect, and AwsAio never follows redirects: set AllowAutoRedirect = false on its handler"),
            refused.Error);
    }

    [Fact]
    public void AroundAnotherFactory_CachingIsItsDecision_AndItsKeyIsPartOfOurs()
    {
        var config = new AmazonS3Config();
        var around = new BoundedHttpClientFactory(TimeSpan.FromSeconds(1)).Around(new OwnFactory(false));
        Assert.False(around.UseSDKHttpClientCaching(config));
        Assert.True(around.DisposeHttpClientsAfterUse(config));
        Assert.EndsWith(":own", around.GetConfigUniqueString(config));
        Assert.NotEqual(around.GetConfigUniqueString(config), new BoundedHttpClientFactory(TimeSpan.FromSeconds(1)).GetConfigUniqueString(config));
    }

    /// <summary>A factory of the user's own whose handler keeps the request it was given, and says when it is disposed.</summary>
    private sealed class CapturingFactory : HttpClientFactory
    {
        internal HttpRequestMessage? Seen;
        internal string? SeenBody;
        internal bool Disposed;

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(new Capture(this, new SocketsHttpHandler { AllowAutoRedirect = false }));

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override string GetConfigUniqueString(IClientConfig clientConfig) => "capturing";

        private sealed class Capture(CapturingFactory owner, HttpMessageHandler inner) : DelegatingHandler(inner)
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                owner.Seen = request;
                owner.SeenBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
                return await base.SendAsync(request, cancellationToken);
            }

            protected override void Dispose(bool disposing)
            {
                owner.Disposed = true;
                base.Dispose(disposing);
            }
        }
    }

    [Fact]
    public async Task AroundAnotherFactory_ItsHandlerGetsACopyWithTheMethodUriContentVersionHeadersAndOptions()
    {
        _ = ServeAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", "ok"u8.ToArray());
        var own = new CapturingFactory();
        using var http = new BoundedHttpClientFactory(TimeSpan.FromSeconds(5)).Around(own)
            .CreateHttpClient(new AmazonS3Config { Timeout = TimeSpan.FromSeconds(30) });
        var key = new HttpRequestOptionsKey<string>("awsaio-test");
        using var request = new HttpRequestMessage(HttpMethod.Post, Url + "key?part=1")
        {
            Content = new StringContent("hello"),
            Version = HttpVersion.Version10,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("x-amz-meta-one", "1");
        request.Headers.TryAddWithoutValidation("x-amz-meta-two", ["a", "b"]);
        request.Options.Set(key, "kept");

        using var response = await http.SendAsync(request);

        var seen = own.Seen!;
        Assert.NotSame(request, seen);
        Assert.Equal((HttpMethod.Post, new Uri(Url + "key?part=1")), (seen.Method, seen.RequestUri));
        Assert.Equal("hello", own.SeenBody);
        Assert.Equal((HttpVersion.Version10, HttpVersionPolicy.RequestVersionExact), (seen.Version, seen.VersionPolicy));
        Assert.Equal(["1"], seen.Headers.GetValues("x-amz-meta-one"));
        Assert.Equal(["a", "b"], seen.Headers.GetValues("x-amz-meta-two"));
        Assert.True(seen.Options.TryGetValue(key, out var option));
        Assert.Equal("kept", option);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void AroundAnotherFactory_DisposingOurClient_DisposesItsClient()
    {
        var own = new CapturingFactory();
        var http = new BoundedHttpClientFactory(TimeSpan.FromSeconds(5)).Around(own).CreateHttpClient(new AmazonS3Config());

        Assert.False(own.Disposed);
        http.Dispose();

        Assert.True(own.Disposed);
    }

    [Fact]
    public async Task AResponsesContentHeaders_AreCopiedOntoTheBoundedBody_EachValueKept()
    {
        _ = ServeAsync("HTTP/1.1 200 OK\r\nContent-Language: en\r\nContent-Language: fr\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n",
            "ok"u8.ToArray());
        using var http = Client(TimeSpan.FromSeconds(5));

        using var response = await http.GetAsync(Url);

        var headers = response.Content.Headers;
        Assert.Equal(["en", "fr"], headers.NonValidated["Content-Language"]);
        Assert.Equal(2, headers.NonValidated["Content-Language"].Count);
        Assert.Equal("text/plain", headers.NonValidated["Content-Type"].ToString());
        Assert.Equal(2, headers.ContentLength);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AResponseBody_IsBounded_NotSeekable_OutsideADocumentCall()
    {
        _ = ServeAsync("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n", "abc"u8.ToArray());
        using var http = Client(TimeSpan.FromSeconds(5));

        using var response = await http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead);

        Assert.IsType<StreamContent>(response.Content);
        await using var body = await response.Content.ReadAsStreamAsync();
        Assert.False(body.CanSeek);
    }

    [Fact]
    public async Task AResponseBody_OfADocumentCall_IsReadWhole_AndSeekable()
    {
        _ = ServeAsync("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n", "abc"u8.ToArray());
        using var http = Client(TimeSpan.FromSeconds(5));
        using var scope = CallScope.Enter(new CallContext(CancellationToken.None, answerIsDocument: true));

        using var response = await http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead);

        await using var body = await response.Content.ReadAsStreamAsync();
        Assert.True(body.CanSeek);
        Assert.Equal(3, body.Length);
    }

    [Fact]
    public async Task AHeadAnswer_IsHandedOnAsItCame_WithoutABodyToBound()
    {
        _ = ServeAsync("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n", []);
        using var http = Client(TimeSpan.FromSeconds(5));

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url));

        Assert.IsNotType<StreamContent>(response.Content);
        Assert.Equal(5000, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task SendingARequest_MarksTheCallInProgressAsHavingSentOne()
    {
        _ = ServeAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", []);
        using var http = Client(TimeSpan.FromSeconds(5));
        var context = new CallContext(CancellationToken.None) { RequestMayHaveLeft = false };

        using (CallScope.Enter(context))
        {
            using var response = await http.GetAsync(Url);
        }

        Assert.True(context.RequestMayHaveLeft);
    }

    [Fact]
    public async Task AnErrorAnswerWithAHeaderTwice_RecordsItsFirstValue()
    {
        _ = ServeAsync("HTTP/1.1 400 Bad Request\r\nx-amz-error-code: ExpiredToken\r\nx-amz-error-code: Other\r\n" +
                       "x-amz-bucket-region: eu-west-3\r\nx-amz-bucket-region: us-east-1\r\nContent-Length: 0\r\n\r\n", []);
        using var http = Client(TimeSpan.FromSeconds(5));
        var context = new CallContext(CancellationToken.None);

        using (CallScope.Enter(context))
        {
            using var response = await http.GetAsync(Url);
        }

        Assert.Equal(("ExpiredToken", "eu-west-3"), (context.ErrorCodeHeader, context.BucketRegionHeader));
    }

    [Fact]
    public async Task AConfiguredProxy_CarriesEveryRequest()
    {
        _ = ServeAsync("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n", "proxied"u8.ToArray());
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        using var http = new BoundedHttpClientFactory(TimeSpan.FromSeconds(5))
            .CreateHttpClient(new AmazonS3Config { Timeout = TimeSpan.FromSeconds(30), ProxyHost = "127.0.0.1", ProxyPort = port });

        // Port 9 (discard) of loopback: reached only through the proxy, which answers itself.
        Assert.Equal("proxied", await http.GetStringAsync("http://127.0.0.1:9/object"));
        Assert.Equal(1, _requests);
    }

    [Fact]
    public void TheFactorysKey_NamesEverySettingItBuildsFrom()
    {
        var config = new AmazonS3Config
        {
            Timeout = TimeSpan.FromSeconds(3),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            MaxConnectionsPerServer = 7,
            ProxyHost = "127.0.0.1",
            ProxyPort = 3128,
        };

        Assert.Equal("awsaio:10000000:30000000:20000000:7:127.0.0.1:3128",
            new BoundedHttpClientFactory(TimeSpan.FromSeconds(1)).GetConfigUniqueString(config));
        Assert.Equal("awsaio-around:10000000:30000000:own",
            new BoundedHttpClientFactory(TimeSpan.FromSeconds(1)).Around(new OwnFactory(false)).GetConfigUniqueString(config));
    }

    [Fact]
    public void AConfigurationWithoutATimeout_GetsHttpClientsOwnHundredSeconds_AroundAnotherFactoryToo()
    {
        var config = new Amazon.SecurityToken.AmazonSecurityTokenServiceConfig();
        var factory = new BoundedHttpClientFactory(TimeSpan.FromSeconds(1));

        Assert.Null(config.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(100), factory.CreateHttpClient(config).Timeout);
        Assert.Equal(TimeSpan.FromSeconds(100), factory.Around(new OwnFactory(false)).CreateHttpClient(config).Timeout);
        Assert.Equal(TimeSpan.FromSeconds(3),
            factory.Around(new OwnFactory(false)).CreateHttpClient(new AmazonS3Config { Timeout = TimeSpan.FromSeconds(3) }).Timeout);
    }

    // ---- the bounded body itself -------------------------------------------------------------------------------------

    /// <summary>A network body that gives its bytes, then waits until its read is cancelled.</summary>
    private sealed class Stalling(byte[] bytes) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await base.ReadAsync(buffer, cancellationToken);
            if (n > 0) return n;
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }

    private static IdleTimeoutStream Bounded(string content) =>
        new(new MemoryStream(Encoding.ASCII.GetBytes(content)), TimeSpan.FromSeconds(30));

    [Fact]
    public void TheBoundedBody_ReadsOnly_NeverSeeksWritesOrSaysItsLength()
    {
        using var body = Bounded("abcdef");

        Assert.Equal((true, false, false), (body.CanRead, body.CanSeek, body.CanWrite));
        Assert.Throws<NotSupportedException>(() => body.Length);
        Assert.Throws<NotSupportedException>(() => body.Position);
        Assert.Throws<NotSupportedException>(() => body.Position = 1);
        Assert.Throws<NotSupportedException>(() => body.Seek(1, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => body.SetLength(1));
        Assert.Throws<NotSupportedException>(() => body.Write(new byte[1], 0, 1));
    }

    [Fact]
    public void TheBoundedBody_ASpanRead_GivesAtMostTheSpansLength_ThenTheRest_ThenZeroAtTheEnd()
    {
        using var body = Bounded("abcdef");
        var first = new byte[4];
        var second = new byte[40];

        Assert.Equal(4, body.Read(first.AsSpan()));
        Assert.Equal(2, body.Read(second.AsSpan()));
        Assert.Equal(0, body.Read(second.AsSpan()));

        Assert.Equal("abcd", Encoding.ASCII.GetString(first));
        Assert.Equal("ef", Encoding.ASCII.GetString(second, 0, 2));
        Assert.All(second[2..], b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task TheBoundedBody_ArrayReads_PutTheBytesAtTheOffset()
    {
        using var body = Bounded("abcdef");
        var buffer = new byte[6];

        Assert.Equal(3, body.Read(buffer, 2, 3));
        Assert.Equal(2, await body.ReadAsync(buffer, 0, 2, CancellationToken.None));
        Assert.Equal(1, await body.ReadAsync(buffer.AsMemory(5, 1)));

        Assert.Equal("deabcf", Encoding.ASCII.GetString(buffer));
    }

    [Fact]
    public void TheBoundedBody_Flush_ChangesNothing()
    {
        using var body = Bounded("ab");
        var buffer = new byte[2];

        body.Flush();

        Assert.Equal(2, body.Read(buffer, 0, 2));
        Assert.Equal("ab", Encoding.ASCII.GetString(buffer));
    }

    [Fact]
    public void TheBoundedBody_Disposed_DisposesTheNetworkBody()
    {
        var network = new MemoryStream("ab"u8.ToArray());
        var body = new IdleTimeoutStream(network, TimeSpan.FromSeconds(30));

        body.Dispose();

        Assert.False(network.CanRead);
    }

    [Fact]
    public async Task TheBoundedBody_AStall_IsATimeoutNamingTheIdleTimeoutInSeconds()
    {
        using var body = new IdleTimeoutStream(new Stalling("ab"u8.ToArray()), TimeSpan.FromMilliseconds(250));
        var buffer = new byte[10];

        Assert.Equal(2, await body.ReadAsync(buffer));
        var e = await Assert.ThrowsAsync<TimeoutException>(async () => _ = await body.ReadAsync(buffer));

        Assert.Equal("no bytes of the response body arrived for 0.25 s", e.Message);
    }

    [Fact]
    public async Task TheBoundedBody_TheCallersCancellation_IsCancellation_NotATimeout()
    {
        using var body = new IdleTimeoutStream(new Stalling([]), TimeSpan.FromMinutes(10));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            body.ReadAsync(new byte[10], cancel.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task TheBoundedBody_ACancelledCallInProgress_IsCancellation_NotATimeout()
    {
        using var body = new IdleTimeoutStream(new Stalling([]), TimeSpan.FromMinutes(10));
        using var scope = CallScope.Enter(new CallContext(new CancellationToken(canceled: true)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            body.ReadAsync(new byte[10]).AsTask().WaitAsync(TimeSpan.FromSeconds(60)));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _stop.Dispose();
    }

    /// <summary>Answers every request with the given response.</summary>
    private sealed class Answering(HttpResponseMessage response) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(response);
    }

    [Fact]
    public async Task RedirectRefusal_AnAnswerFromElsewhere_IsRefused_AndTheAnswerIsDisposed()
    {
        var content = new StringContent("moved");
        var answer = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:9/elsewhere"),
            Content = content,
        };
        using var invoker = new HttpMessageInvoker(new RedirectRefusal(new Answering(answer)));

        var refused = await Assert.ThrowsAsync<DecidedFailure>(() =>
            invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:9/here"), CancellationToken.None));

        Assert.Equal(DomainError.NewInvalidInput("ConfigureClient",
            "its HttpClientFactory followed a redirect, and AwsAio never follows redirects: set AllowAutoRedirect = false on its handler"), refused.Error);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RedirectRefusal_ARequestWithoutAnAddress_IsNotTakenForARedirect()
    {
        var answer = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:9/here"),
        };
        using var invoker = new HttpMessageInvoker(new RedirectRefusal(new Answering(answer)));

        using var response = await invoker.SendAsync(new HttpRequestMessage(), CancellationToken.None);

        Assert.Same(answer, response);
    }

    /// <summary>The sockets handler at the bottom of a client's handler chain.</summary>
    private static SocketsHttpHandler SocketsOf(HttpClient client)
    {
        var handler = (HttpMessageHandler?)typeof(HttpMessageInvoker)
            .GetField("_handler", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(client);
        while (handler is DelegatingHandler delegating) handler = delegating.InnerHandler;
        return Assert.IsType<SocketsHttpHandler>(handler);
    }

    [Fact]
    public void CreateHttpClient_UsesTheConfiguredConnectionLimitAndConnectTimeout()
    {
        using var client = new BoundedHttpClientFactory(TimeSpan.FromSeconds(1))
            .CreateHttpClient(new AmazonS3Config { MaxConnectionsPerServer = 7, ConnectTimeout = TimeSpan.FromSeconds(3) });

        var sockets = SocketsOf(client);

        Assert.Equal((7, TimeSpan.FromSeconds(3), false), (sockets.MaxConnectionsPerServer, sockets.ConnectTimeout, sockets.AllowAutoRedirect));
    }

    [Fact]
    public void CreateHttpClient_WithoutLimits_AllowsAnyConnections_AndConnectsWithinThirtySeconds()
    {
        using var client = new BoundedHttpClientFactory(TimeSpan.FromSeconds(1)).CreateHttpClient(new AmazonS3Config());

        var sockets = SocketsOf(client);

        Assert.Equal((int.MaxValue, TimeSpan.FromSeconds(30)), (sockets.MaxConnectionsPerServer, sockets.ConnectTimeout));
    }

    [Fact]
    public void DisposingTheClient_DisposesItsSocketsHandler()
    {
        var client = new BoundedHttpClientFactory(TimeSpan.FromSeconds(1)).CreateHttpClient(new AmazonS3Config());
        var sockets = SocketsOf(client);

        client.Dispose();

        Assert.Throws<ObjectDisposedException>(() => sockets.MaxConnectionsPerServer = 3);
    }
}
