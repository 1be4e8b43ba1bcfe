using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AwsAio.Core;

namespace AwsAio.Cli;

/// <summary>A command's result, ready to print either way.</summary>
/// <param name="Text">Writes the result as aligned text.</param>
/// <param name="Json">Writes the result as one JSON value.</param>
internal sealed record Rendered(Action<TextWriter> Text, Action<Utf8JsonWriter> Json);

/// <summary>
/// Where a command's output goes. Text goes to stdout as the command produces it. JSON is one document on stdout:
/// <c>{"command": "s3 ls", "result": …, "ok": true}</c>, or with <c>"ok": false</c> and an <c>"error"</c> object;
/// <c>result</c> is present whenever the command produced one (for <c>s3 ls</c>, what was listed before a failure).
/// Errors also go to stderr as one line in both formats.
/// </summary>
internal sealed class Output : IDisposable
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        // Keys and metadata are printed as they are, not as \u escapes; the document stays valid JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Stream _stdout;
    private readonly StreamWriter _text;
    private readonly Utf8JsonWriter? _json;
    private bool _finished;

    /// <summary>Opens the output of one command.</summary>
    public Output(OutputFormat format, string command, Stream stdout, TextWriter stderr)
    {
        _stdout = stdout;
        Error = stderr;
        _text = new StreamWriter(stdout, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { AutoFlush = false };
        if (format == OutputFormat.Json)
        {
            _json = new Utf8JsonWriter(stdout, JsonOptions);
            _json.WriteStartObject();
            _json.WriteString("command", command);
        }
    }

    /// <summary>Whether the output is JSON.</summary>
    public bool IsJson => _json is not null;

    /// <summary>Stdout for text output.</summary>
    public TextWriter Text => _text;

    /// <summary>The JSON writer, inside the document (for commands that stream their result).</summary>
    public Utf8JsonWriter Json => _json ?? throw new InvalidOperationException("The output is text, not JSON.");

    /// <summary>Stderr: errors, progress, logs.</summary>
    public TextWriter Error { get; }

    /// <summary>Prints a complete result.</summary>
    public void Write(Rendered result)
    {
        if (_json is { } json)
        {
            json.WritePropertyName("result");
            result.Json(json);
        }
        else
        {
            result.Text(_text);
        }
    }

    /// <summary>Starts the JSON <c>result</c> property of a streamed result (the command writes the value).</summary>
    public void BeginResult() => Json.WritePropertyName("result");

    /// <summary>Pushes what has been written so far to stdout (keeps a streamed listing in constant memory).</summary>
    public void Flush()
    {
        _json?.Flush();
        _text.Flush();
        _stdout.Flush();
    }

    /// <summary>Ends the output: <c>ok</c> and the error in JSON, and the error's line on stderr in both formats.</summary>
    public void Finish(DomainError? error, bool verbose)
    {
        if (_finished) return;
        _finished = true;
        if (_json is { } json)
        {
            json.WriteBoolean("ok", error is null);
            if (error is not null)
            {
                json.WritePropertyName("error");
                ErrorReport.WriteJson(json, error);
            }

            json.WriteEndObject();
            json.Flush();
            _text.WriteLine();
        }

        Flush();
        if (error is not null)
        {
            ErrorReport.WriteLine(Error, error, verbose);
        }
    }

    /// <summary>Flushes and releases the writers; stdout itself stays open.</summary>
    public void Dispose()
    {
        Flush();
        _json?.Dispose();
        _text.Dispose();
    }
}
