using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Amazon.Runtime;

namespace AwsAio.Benchmarks;

/// <summary>
/// STS and S3 as the fan-out benchmark needs them: every request answered after a fixed latency — AssumeRole with
/// credentials valid for an hour (counted per role), anything else (HeadBucket) with an empty 200. Served in-process as
/// an HTTP handler (through the options' ConfigureClient hook), or on a loopback socket.
/// </summary>
internal sealed class FanOutStub(TimeSpan latency)
{
    private readonly ConcurrentDictionary<string, int> _assumed = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _mostInFlight;
    private long _requests;

    /// <summary>AssumeRole calls per role ARN.</summary>
    internal IReadOnlyDictionary<string, int> AssumedByRole => _assumed;

    /// <summary>The most requests the stub was answering at once.</summary>
    internal int MostInFlight => Volatile.Read(ref _mostInFlight);

    /// <summary>Every request the stub answered.</summary>
    internal long Requests => Interlocked.Read(ref _requests);

    /// <summary>Answers one request: (status, content type, body).</summary>
    internal async Task<(int Status, string? ContentType, string Body)> AnswerAsync(string method, string body, CancellationToken ct)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (int seen; (seen = Volatile.Read(ref _mostInFlight)) < now && Interlocked.CompareExchange(ref _mostInFlight, now, seen) != seen;)
        {
        }

        try
        {
            await Task.Delay(latency, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _requests);
            if (method == "POST" && body.Contains("Action=AssumeRole", StringComparison.Ordinal))
            {
                var role = WebUtility.UrlDecode(body.Split('&').First(p => p.StartsWith("RoleArn=", StringComparison.Ordinal))[8..]);
                _assumed.AddOrUpdate(role, 1, (_, n) => n + 1);
                return (200, "text/xml", AssumeRoleDocument(DateTime.UtcNow.AddHours(1)));
            }

            return (200, null, "");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private HttpClientFactory? _inProcess;

    /// <summary>The stub as an SDK HTTP client factory (in-process: no sockets); one per stub, so that the SDK's cache
    /// of HTTP clients holds one for it.</summary>
    internal HttpClientFactory InProcess() => _inProcess ??= new Factory(new Handler(this));

    /// <summary>The stub on a loopback port; dispose to stop it.</summary>
    internal LoopbackServer Loopback() => new(this);

    private static string AssumeRoleDocument(DateTime expiration) => $"""
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <Credentials>
              <AccessKeyId>ASIABENCHEXAMPLE</AccessKeyId>
              <SecretAccessKey>bench-secret</SecretAccessKey>
              <SessionToken>bench-token</SessionToken>
              <Expiration>{expiration:yyyy-MM-ddTHH:mm:ssZ}</Expiration>
            </Credentials>
            <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/a/b</Arn><AssumedRoleId>AROA:b</AssumedRoleId></AssumedRoleUser>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """;

    private sealed class Handler(FanOutStub stub) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var (status, contentType, text) = await stub.AnswerAsync(request.Method.Method, body, cancellationToken).ConfigureAwait(false);
            var response = new HttpResponseMessage((HttpStatusCode)status) { RequestMessage = request, Content = new StringContent(text, Encoding.UTF8) };
            if (contentType is not null) response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            response.Headers.Add("x-amz-request-id", "BENCH");
            return response;
        }
    }

    private sealed class Factory(Handler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        // One cache entry per stub: the SDK caches HTTP clients by this string, process-wide.
        public override string GetConfigUniqueString(IClientConfig clientConfig) => $"fan-out-stub-{RuntimeHelpers.GetHashCode(handler)}";
    }

    /// <summary>The stub behind an HttpListener on 127.0.0.1.</summary>
    internal sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();

        internal LoopbackServer(FanOutStub stub)
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync().ConfigureAwait(false);
                    }
                    catch (Exception) when (_stop.IsCancellationRequested)
                    {
                        return;
                    }

                    _ = Task.Run(async () =>
                    {
                        using var reader = new StreamReader(context.Request.InputStream);
                        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
                        var (status, contentType, text) = await stub.AnswerAsync(context.Request.HttpMethod, body, _stop.Token).ConfigureAwait(false);
                        context.Response.StatusCode = status;
                        if (contentType is not null) context.Response.ContentType = contentType;
                        context.Response.Headers["x-amz-request-id"] = "BENCH";
                        var bytes = Encoding.UTF8.GetBytes(text);
                        context.Response.ContentLength64 = bytes.Length;
                        if (bytes.Length > 0 && context.Request.HttpMethod != "HEAD") await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
                        context.Response.Close();
                    });
                }
            });
        }

        internal string Url { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
        }

        private static int FreePort()
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
