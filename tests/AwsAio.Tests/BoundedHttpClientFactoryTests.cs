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

        var input = Assert.IsType<DomainError.InvalidInput>(refused.Error);
        Assert.Equal("ConfigureClient", input.Field);
        Assert.Contains("AllowAutoRedirect = false", input.Rule);
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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _stop.Dispose();
    }
}
