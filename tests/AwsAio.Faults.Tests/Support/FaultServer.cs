using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AwsAio.Faults.Tests.Support;

/// <summary>One request as the fault server received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The request target: path and query string.</param>
/// <param name="Headers">The headers (names case-insensitive; a repeated header keeps its last value).</param>
/// <param name="Body">The body, decoded as UTF-8.</param>
public sealed record FaultRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The path, without the query string.</summary>
    public string Path => Target.Split('?', 2)[0];

    /// <summary>The query string without its '?', or empty.</summary>
    public string Query => Target.Contains('?') ? Target.Split('?', 2)[1] : "";

    /// <summary>The query-protocol action of a form body (STS, EC2), or empty.</summary>
    public string Action =>
        Body.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == "Action") is { } pair
            ? Uri.UnescapeDataString(pair[1])
            : "";

    /// <summary>Whether the query string has this parameter (with or without a value).</summary>
    public bool HasQuery(string name) =>
        Query.Split('&').Any(p => p == name || p.StartsWith(name + "=", StringComparison.Ordinal));
}

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 that answers each request from a script: full answers, or connection-level
/// faults (<see cref="Fault"/>). Requests are matched to named routes; each route plays its faults in order and repeats
/// the last. It records every request and counts them per route. Disposing it releases every held connection.
/// </summary>
public sealed class FaultServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Route> _routes = [];
    private readonly ConcurrentQueue<(string Route, FaultRequest Request)> _received = new();
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _accepting;
    private int _accepted;

    private FaultServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(512);
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The route name of requests no route matched (answered 501).</summary>
    public const string Unmatched = "(unmatched)";

    /// <summary>Starts a server on a free loopback port.</summary>
    public static FaultServer Start() => new();

    /// <summary>The base URL, to use as an endpoint override.</summary>
    public string Url { get; }

    /// <summary>How many connections were accepted.</summary>
    public int Connections => Volatile.Read(ref _accepted);

    /// <summary>Every request received, in arrival order, with the route that took it.</summary>
    public IReadOnlyList<(string Route, FaultRequest Request)> Received => _received.ToList();

    /// <summary>
    /// Adds a route: requests matching <paramref name="match"/> (routes are tried in the order added) get the faults
    /// in order, the last one repeating.
    /// </summary>
    public FaultServer On(string name, Func<FaultRequest, bool> match, params Fault[] script)
    {
        if (script.Length == 0) throw new ArgumentException("a route needs at least one fault", nameof(script));
        lock (_routes)
        {
            _routes.Add(new Route(name, match, script));
        }

        return this;
    }

    /// <summary>Adds a route for a query-protocol action (STS, EC2) sent as a form body.</summary>
    public FaultServer OnAction(string action, params Fault[] script) =>
        On(action, r => r.Method == "POST" && r.Action == action, script);

    /// <summary>How many requests a route took.</summary>
    public int Count(string route) => _received.Count(r => r.Route == route);

    /// <summary>How many requests arrived in all.</summary>
    public int Total => _received.Count;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_stop.IsCancellationRequested) return;
        // Reset every held connection before the handlers are told to stop, or a handler woken by the stop could close
        // its socket gracefully first (FIN instead of RST).
        _listener.Stop();
        foreach (var socket in _open.Keys)
        {
            Close(socket, reset: true);
        }

        _stop.Cancel();

        // Every connection handler ends once its socket is closed; waiting bounds any leak to this test.
        Task.WaitAll([.. _connections, _accepting], TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _open[socket] = 0;
            _connections.Add(Task.Run(() => ServeAsync(socket)));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = new RequestReader(stream);
            while (!_stop.IsCancellationRequested)
            {
                var request = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                if (request is null) break;

                var (name, fault) = Choose(request);
                _received.Enqueue((name, request));
                if (!await PlayAsync(fault, socket, stream).ConfigureAwait(false)) break;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping: either way this connection is over.
        }
        finally
        {
            Close(socket, reset: false);
        }
    }

    private (string Name, Fault Fault) Choose(FaultRequest request)
    {
        lock (_routes)
        {
            foreach (var route in _routes)
            {
                if (route.Match(request)) return (route.Name, route.Next());
            }
        }

        return (Unmatched, Fault.Answer(501, $"no route for {request.Method} {request.Target}"));
    }

    /// <summary>Plays one fault; true when the connection may carry another request.</summary>
    private async Task<bool> PlayAsync(Fault fault, Socket socket, NetworkStream stream)
    {
        switch (fault)
        {
            case Fault.Complete c:
                await stream.WriteAsync(Head(c.Status, c.Body.Length, c.Headers), _stop.Token).ConfigureAwait(false);
                await stream.WriteAsync(c.Body, _stop.Token).ConfigureAwait(false);
                return true;
            case Fault.Silence:
                await HoldAsync().ConfigureAwait(false);
                return false;
            case Fault.Reset:
                Close(socket, reset: true);
                return false;
            case Fault.Partial p:
                await stream.WriteAsync(Head(p.Status, p.Body.Length, p.Headers), _stop.Token).ConfigureAwait(false);
                await stream.WriteAsync(p.Body.AsMemory(0, Math.Min(p.Sent, p.Body.Length)), _stop.Token).ConfigureAwait(false);
                await stream.FlushAsync(_stop.Token).ConfigureAwait(false);
                switch (p.End)
                {
                    case PartialEnd.Stall:
                        await HoldAsync().ConfigureAwait(false);
                        break;
                    case PartialEnd.Reset:
                        Close(socket, reset: true);
                        break;
                    default:
                        socket.Shutdown(SocketShutdown.Both);
                        Close(socket, reset: false);
                        break;
                }

                return false;
            default:
                throw new InvalidOperationException($"unknown fault {fault}");
        }
    }

    private async Task HoldAsync()
    {
        try
        {
            await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Close(Socket socket, bool reset)
    {
        if (!_open.TryRemove(socket, out _)) return;
        try
        {
            // Linger on with a zero timeout makes Close send RST instead of FIN.
            if (reset) socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private static byte[] Head(int status, int contentLength, IEnumerable<(string Name, string Value)> headers)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {Reason(status)}\r\n");
        head.Append($"Content-Length: {contentLength}\r\n");
        head.Append($"Date: {DateTime.UtcNow:R}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append($"{name}: {value}\r\n");
        }

        return Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
    }

    private static string Reason(int status) => status switch
    {
        100 => "Continue",
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        307 => "Temporary Redirect",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Status",
    };

    private sealed class Route(string name, Func<FaultRequest, bool> match, Fault[] script)
    {
        private int _played;

        internal string Name { get; } = name;

        internal bool Match(FaultRequest request) => match(request);

        internal Fault Next() => script[Math.Min(Interlocked.Increment(ref _played) - 1, script.Length - 1)];
    }

    /// <summary>Reads HTTP/1.1 requests off one connection: head, then a Content-Length or chunked body; answers
    /// <c>Expect: 100-continue</c> so that uploads send their body.</summary>
    private sealed class RequestReader(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        internal async Task<FaultRequest?> ReadAsync(CancellationToken ct)
        {
            var head = await ReadLineBlockAsync(ct).ConfigureAwait(false);
            if (head is null) return null;
            var lines = head.Split("\r\n");
            var start = lines[0].Split(' ');
            if (start.Length < 2) return null;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':');
                if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            if (headers.TryGetValue("Expect", out var expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
            {
                await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), ct).ConfigureAwait(false);
            }

            byte[] body;
            if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = await ReadChunkedAsync(ct).ConfigureAwait(false);
            }
            else
            {
                var length = headers.TryGetValue("Content-Length", out var cl) && int.TryParse(cl, out var n) ? n : 0;
                body = await ReadExactAsync(length, ct).ConfigureAwait(false);
            }

            return new FaultRequest(start[0], start[1], headers, Encoding.UTF8.GetString(body));
        }

        private async Task<byte[]> ReadChunkedAsync(CancellationToken ct)
        {
            var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await ReadLineAsync(ct).ConfigureAwait(false) ?? throw new IOException("chunked body cut short");
                var size = Convert.ToInt32(sizeLine.Split(';')[0].Trim(), 16);
                if (size == 0)
                {
                    while (!string.IsNullOrEmpty(await ReadLineAsync(ct).ConfigureAwait(false)))
                    {
                        // Trailers are read and dropped.
                    }

                    return body.ToArray();
                }

                body.Write(await ReadExactAsync(size, ct).ConfigureAwait(false));
                await ReadLineAsync(ct).ConfigureAwait(false);
            }
        }

        private async Task<string?> ReadLineBlockAsync(CancellationToken ct)
        {
            var block = new StringBuilder();
            while (true)
            {
                var line = await ReadLineAsync(ct).ConfigureAwait(false);
                if (line is null) return null;
                if (line.Length == 0)
                {
                    if (block.Length == 0) continue;
                    return block.ToString().TrimEnd('\r', '\n');
                }

                block.Append(line).Append("\r\n");
            }
        }

        private async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            while (true)
            {
                var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (newline >= 0)
                {
                    var line = Encoding.ASCII.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                    _start = newline + 1;
                    return line;
                }

                if (!await FillAsync(ct).ConfigureAwait(false)) return null;
            }
        }

        private async Task<byte[]> ReadExactAsync(int length, CancellationToken ct)
        {
            var result = new byte[length];
            var copied = 0;
            while (copied < length)
            {
                if (_start == _end && !await FillAsync(ct).ConfigureAwait(false)) throw new IOException("body cut short");
                var take = Math.Min(length - copied, _end - _start);
                Array.Copy(_buffer, _start, result, copied, take);
                _start += take;
                copied += take;
            }

            return result;
        }

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length) throw new IOException("request head too large");
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            _end += read;
            return read > 0;
        }
    }
}
