using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace AwsAio.Tests.Peers;

/// <summary>A loopback peer that reads each request whole, then closes the connection without answering.</summary>
internal sealed class HangUpPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public HangUpPeer()
    {
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public ConcurrentQueue<string> Bodies { get; } = new();

    private async Task LoopAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var head = new List<byte>();
                var one = new byte[1];
                while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n')
                       && await stream.ReadAsync(one, _stop.Token) == 1)
                {
                    head.Add(one[0]);
                }

                var headers = Encoding.ASCII.GetString(head.ToArray());
                var match = Regex.Match(headers, @"(?im)^content-length:\s*(\d+)");
                var body = new byte[match.Success ? int.Parse(match.Groups[1].Value) : 0];
                await stream.ReadExactlyAsync(body, _stop.Token);
                Bodies.Enqueue(Encoding.UTF8.GetString(body));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException
                                   or InvalidOperationException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
