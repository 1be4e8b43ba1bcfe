using System.Net;
using System.Net.Sockets;
using System.Text;
using AwsAio.Faults.Tests.Support;
using Xunit;

namespace AwsAio.Faults.Tests;

/// <summary>The fault server itself: routes, scripts and counts, and each connection-level fault as a client sees it.</summary>
public sealed class FaultServerTests : IDisposable
{
    private readonly FaultServer _server = FaultServer.Start();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task ARoute_PlaysItsScriptInOrder_RepeatsTheLast_AndCountsWhatItTook()
    {
        _server.On("thing", r => r.Path == "/thing", Fault.Answer(503), Fault.Answer(200, "ok"));

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((int)(await _http.GetAsync($"{_server.Url}/thing")).StatusCode);
        }

        Assert.Equal([503, 200, 200], statuses);
        Assert.Equal(3, _server.Count("thing"));
        Assert.Equal(HttpStatusCode.NotImplemented, (await _http.GetAsync($"{_server.Url}/other")).StatusCode);
        Assert.Equal(1, _server.Count(FaultServer.Unmatched));
    }

    [Fact]
    public async Task AnActionRoute_MatchesTheFormBody_AndRecordsTheRequest()
    {
        _server.OnAction("AssumeRole", Fault.Answer(200, "<x/>"));

        var response = await _http.PostAsync(_server.Url, new StringContent("Action=AssumeRole&Version=2011-06-15",
            Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (route, request) = Assert.Single(_server.Received);
        Assert.Equal(("AssumeRole", "POST", "AssumeRole"), (route, request.Method, request.Action));
    }

    [Fact]
    public async Task AChunkedUploadWithExpectContinue_IsReadWhole()
    {
        _server.On("put", r => r.Method == "PUT", Fault.Answer(200));
        var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(new string('x', 70_000))));
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{_server.Url}/b/k") { Content = content };
        request.Headers.ExpectContinue = true;
        request.Headers.TransferEncodingChunked = true;

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(70_000, Assert.Single(_server.Received).Request.Body.Length);
    }

    [Fact]
    public async Task ResetBeforeAnswer_ResetsTheConnection()
    {
        _server.On("any", _ => true, Fault.ResetBeforeAnswer);
        using var client = await ConnectAndAskAsync();

        var error = await Assert.ThrowsAnyAsync<IOException>(() => ReadToEndAsync(client));

        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task ATruncatedBody_EndsCleanlyBeforeItsContentLength()
    {
        _server.On("any", _ => true, Fault.Truncated(200, new byte[1000], 300));
        using var client = await ConnectAndAskAsync();

        var answer = await ReadToEndAsync(client);

        Assert.Contains("Content-Length: 1000", answer);
        Assert.Equal(300, answer.Length - answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) - 4);
    }

    [Fact]
    public async Task AStall_SendsHeadersAndPartOfTheBody_ThenHoldsTheConnectionUntilDisposed()
    {
        _server.On("any", _ => true, Fault.StallAfter(200, new byte[1000], 300));
        using var client = await ConnectAndAskAsync();
        var reading = ReadToEndAsync(client);

        await Task.Delay(500);
        Assert.False(reading.IsCompleted);
        _server.Dispose();

        // Disposing resets every held connection: the reader is released at once, not left waiting.
        await Assert.ThrowsAnyAsync<IOException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AHang_ReadsTheRequest_AndNeverAnswersUntilDisposed()
    {
        _server.On("any", _ => true, Fault.Hang);
        using var client = await ConnectAndAskAsync();
        var reading = ReadToEndAsync(client);

        await Task.Delay(500);
        Assert.False(reading.IsCompleted);
        Assert.Equal(1, _server.Count("any"));
        _server.Dispose();

        await Assert.ThrowsAnyAsync<IOException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private async Task<TcpClient> ConnectAndAskAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, new Uri(_server.Url).Port);
        await client.GetStream().WriteAsync("GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray());
        return client;
    }

    private static async Task<string> ReadToEndAsync(TcpClient client)
    {
        var received = new MemoryStream();
        await client.GetStream().CopyToAsync(received);
        return Encoding.ASCII.GetString(received.ToArray());
    }
}
