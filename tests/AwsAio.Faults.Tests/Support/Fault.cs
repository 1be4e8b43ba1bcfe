using System.Text;

namespace AwsAio.Faults.Tests.Support;

/// <summary>
/// One scripted reaction of the <see cref="FaultServer"/> to one request: a full answer, or a way of failing at the
/// connection level (no answer, a stalled or cut body, a reset).
/// </summary>
public abstract record Fault
{
    /// <summary>A complete answer: status, headers and a body with a correct Content-Length.</summary>
    public static Fault Answer(int status, string body = "", params (string Name, string Value)[] headers) =>
        new Complete(status, Encoding.UTF8.GetBytes(body), headers);

    /// <summary>A complete XML answer (Content-Type application/xml).</summary>
    public static Fault Xml(int status, string body, params (string Name, string Value)[] headers) =>
        new Complete(status, Encoding.UTF8.GetBytes(body), [("Content-Type", "application/xml"), .. headers]);

    /// <summary>The request is read, then nothing is ever sent (until the server is disposed).</summary>
    public static Fault Hang { get; } = new Silence();

    /// <summary>The request is read, then the connection is reset (RST) before any byte of an answer.</summary>
    public static Fault ResetBeforeAnswer { get; } = new Reset();

    /// <summary>Headers announcing <paramref name="body"/> whole, then only <paramref name="sent"/> bytes of it, then
    /// silence until the server is disposed.</summary>
    public static Fault StallAfter(int status, byte[] body, int sent, params (string Name, string Value)[] headers) =>
        new Partial(status, body, sent, PartialEnd.Stall, headers);

    /// <summary>Headers announcing <paramref name="body"/> whole, then <paramref name="sent"/> bytes, then a reset.</summary>
    public static Fault ResetDuringBody(int status, byte[] body, int sent, params (string Name, string Value)[] headers) =>
        new Partial(status, body, sent, PartialEnd.Reset, headers);

    /// <summary>Headers announcing <paramref name="body"/> whole, then <paramref name="sent"/> bytes, then an orderly
    /// close (FIN): a body shorter than its Content-Length.</summary>
    public static Fault Truncated(int status, byte[] body, int sent, params (string Name, string Value)[] headers) =>
        new Partial(status, body, sent, PartialEnd.Close, headers);

    /// <summary>A complete answer.</summary>
    /// <param name="Status">The HTTP status.</param>
    /// <param name="Body">The body bytes (Content-Length is set from them).</param>
    /// <param name="Headers">Extra headers.</param>
    public sealed record Complete(int Status, byte[] Body, IReadOnlyList<(string Name, string Value)> Headers) : Fault;

    /// <summary>No answer at all.</summary>
    public sealed record Silence : Fault;

    /// <summary>A reset instead of an answer.</summary>
    public sealed record Reset : Fault;

    /// <summary>An answer whose body is cut short.</summary>
    /// <param name="Status">The HTTP status.</param>
    /// <param name="Body">The whole body (Content-Length announces all of it).</param>
    /// <param name="Sent">How many body bytes are actually sent.</param>
    /// <param name="End">What happens after them.</param>
    /// <param name="Headers">Extra headers.</param>
    public sealed record Partial(int Status, byte[] Body, int Sent, PartialEnd End, IReadOnlyList<(string Name, string Value)> Headers)
        : Fault;
}

/// <summary>How a cut-short body ends.</summary>
public enum PartialEnd
{
    /// <summary>Silence, the connection held open until the server is disposed.</summary>
    Stall,

    /// <summary>A TCP reset.</summary>
    Reset,

    /// <summary>An orderly close.</summary>
    Close,
}
