using System.Net;
using Amazon.Runtime;
using AwsAio.Core;

namespace AwsAio;

/// <summary>
/// The HTTP clients behind every SDK client a provider builds. They do what the SDK's default factory does (proxy,
/// connection limit, per-attempt timeout, no decompression) and two things it cannot: every response body is read
/// with an idle timeout (the SDK's <c>Timeout</c> stops at the headers, so a body that stalls would hang a call
/// forever), and redirects are never followed (S3 says where a bucket lives in its error; following a
/// <c>Location</c> would send signed requests to whatever host a server names).
/// </summary>
/// <remarks>
/// Given an inner factory (one the options' <c>ConfigureClient</c> hook set), it asks that factory for its clients and
/// sends through them, adding the idle timeout around every body and refusing any answer the inner client reached by
/// following a redirect (it cannot stop the inner handler from following one, so it reports it as an input error
/// that names the fix).
/// </remarks>
/// <param name="idleTimeout">The longest wait for the next bytes of a response body.</param>
/// <param name="inner">A factory to send through, or null to build the HTTP clients here.</param>
internal sealed class BoundedHttpClientFactory(TimeSpan idleTimeout, HttpClientFactory? inner = null) : HttpClientFactory
{
    /// <summary>HttpClient's own default per-attempt timeout, for configurations that set none (S3's own default is
    /// about 24.8 days, so only the call deadline and the idle timeout bound an S3 attempt).</summary>
    private static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(100);

    /// <summary>The same bounds around another factory's clients.</summary>
    /// <param name="other">The factory to send through.</param>
    internal BoundedHttpClientFactory Around(HttpClientFactory other) => new(idleTimeout, other);

    /// <inheritdoc />
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        if (inner is not null)
        {
            var through = inner.CreateHttpClient(clientConfig);
            return new HttpClient(new IdleTimeoutHandler(new RedirectRefusal(new SendThrough(through)), idleTimeout), disposeHandler: true)
            {
                Timeout = clientConfig.Timeout ?? DefaultAttemptTimeout,
            };
        }

        var proxy = (clientConfig as ClientConfig)?.GetWebProxy();
        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = clientConfig.MaxConnectionsPerServer ?? int.MaxValue,
            ConnectTimeout = clientConfig.ConnectTimeout ?? TimeSpan.FromSeconds(30),
            UseProxy = proxy is not null,
            Proxy = proxy,
        };
        return new HttpClient(new IdleTimeoutHandler(sockets, idleTimeout), disposeHandler: true)
        {
            Timeout = clientConfig.Timeout ?? DefaultAttemptTimeout,
        };
    }

    /// <inheritdoc />
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => inner?.UseSDKHttpClientCaching(clientConfig) ?? true;

    /// <inheritdoc />
    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => inner?.DisposeHttpClientsAfterUse(clientConfig) ?? false;

    /// <inheritdoc />
    public override string GetConfigUniqueString(IClientConfig clientConfig) =>
        inner is not null
            ? $"awsaio-around:{idleTimeout.Ticks}:{clientConfig.Timeout?.Ticks}:{inner.GetConfigUniqueString(clientConfig)}"
            : $"awsaio:{idleTimeout.Ticks}:{clientConfig.Timeout?.Ticks}:{clientConfig.ConnectTimeout?.Ticks}:" +
              $"{clientConfig.MaxConnectionsPerServer}:{clientConfig.ProxyHost}:{clientConfig.ProxyPort}";
}

/// <summary>Sends through another factory's HTTP client (owned: disposed with this handler, as the SDK would have
/// disposed it), reading only the headers before handing the response on, so that bodies stream. The request is sent
/// as a copy (an HttpClient sends a request message only once, and the outer client has already claimed it).</summary>
/// <param name="client">The other factory's client.</param>
internal sealed class SendThrough(HttpClient client) : HttpMessageHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Content = request.Content,
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        return client.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) client.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Refuses an answer reached by following a redirect (the handler below moved the request elsewhere): a
/// signed request, and its session token, must not go wherever a server names.</summary>
/// <param name="inner">The handler that sends.</param>
internal sealed class RedirectRefusal(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = request.RequestUri;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var answered = response.RequestMessage?.RequestUri ?? request.RequestUri;
        if (sent is not null && answered is not null && sent != answered)
        {
            response.Dispose();
            throw new DecidedFailure(DomainError.NewInvalidInput("ConfigureClient",
                "its HttpClientFactory followed a redirect, and AwsAio never follows redirects: set AllowAutoRedirect = false on its handler"));
        }

        return response;
    }
}

/// <summary>Wraps every response body in an <see cref="IdleTimeoutStream"/>, and records for the call in progress the
/// headers of an error answer that the SDK does not expose (<c>x-amz-error-code</c>, <c>x-amz-bucket-region</c>).</summary>
/// <param name="inner">The handler that talks to the network.</param>
/// <param name="idleTimeout">The longest wait for the next bytes of a response body.</param>
internal sealed class IdleTimeoutHandler(HttpMessageHandler inner, TimeSpan idleTimeout) : DelegatingHandler(inner)
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (CallScope.Context is { } sending)
        {
            sending.RequestMayHaveLeft = true;
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && CallScope.Context is { } call)
        {
            call.ErrorCodeHeader = Header(response, "x-amz-error-code");
            call.BucketRegionHeader = Header(response, "x-amz-bucket-region");
        }

        // A HEAD answer has no body, whatever its Content-Length says (HttpClient reads none): nothing to bound.
        if (request.Method == HttpMethod.Head)
        {
            return response;
        }

        var original = response.Content;
        var body = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // The SDK parses documents with synchronous reads; reading the whole answer here, asynchronously and under
        // the idle timeout, means no parse ever blocks a thread-pool thread on a stalled socket.
        var bounded = new StreamContent(CallScope.Context is { AnswerIsDocument: true }
            ? await DocumentBody.ReadAsync(body, original.Headers.ContentLength, idleTimeout,
                cancellationToken).ConfigureAwait(false)
            : new IdleTimeoutStream(body, idleTimeout));
        // The raw header values, without parsing them or making an array per header.
        foreach (var (name, values) in original.Headers.NonValidated)
        {
            if (values.Count == 1)
            {
                bounded.Headers.TryAddWithoutValidation(name, values.ToString());
            }
            else
            {
                bounded.Headers.TryAddWithoutValidation(name, values);
            }
        }

        response.Content = bounded;
        return response;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>
/// A response body whose every read waits at most the idle timeout for bytes, then fails with a
/// <see cref="TimeoutException"/>; reads also end when the call in progress is cancelled or passes its deadline (the
/// SDK reads some bodies synchronously, without a token of its own).
/// </summary>
/// <param name="inner">The body as the network delivers it.</param>
/// <param name="idleTimeout">The longest wait for the next bytes.</param>
internal sealed class IdleTimeoutStream(Stream inner, TimeSpan idleTimeout) : Stream
{
    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = Read(rented, 0, buffer.Length);
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var call = CallScope.Token;
        // Linking a token that can never be cancelled (no call in progress) registers nothing.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call);
        idle.CancelAfter(idleTimeout);
        try
        {
            return await inner.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !call.IsCancellationRequested)
        {
            throw new TimeoutException($"no bytes of the response body arrived for {idleTimeout.TotalSeconds:0.###} s");
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
