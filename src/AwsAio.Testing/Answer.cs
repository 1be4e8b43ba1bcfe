using Amazon.Runtime;
using FsCheck;
using FsCheck.Fluent;

namespace AwsAio.Testing;

/// <summary>
/// What a mocked SDK call does: answer with a response, or fail — as a faulted task (how the SDK's async methods
/// fail) or by throwing before returning a task (how a hand-written fake or an argument check may fail). Plug it into
/// any mock: <c>.Returns(answer.ToTask)</c> in Moq, or call <see cref="ToTask"/> from a fake.
/// </summary>
/// <typeparam name="T">The response type.</typeparam>
public sealed class Answer<T>
    where T : class
{
    private Answer(T? response, Exception? error, bool throwsSynchronously)
    {
        Response = response;
        Error = error;
        ThrowsSynchronously = throwsSynchronously;
    }

    /// <summary>The response, when the call succeeds.</summary>
    public T? Response { get; }

    /// <summary>The failure, when the call fails.</summary>
    public Exception? Error { get; }

    /// <summary>Whether the call answers with a response.</summary>
    public bool Succeeds => Error is null;

    /// <summary>Whether the failure is thrown by the call itself rather than through the returned task.</summary>
    public bool ThrowsSynchronously { get; }

    /// <summary>An answer with a response.</summary>
    /// <param name="response">The response.</param>
    public static Answer<T> Respond(T response) => new(response ?? throw new ArgumentNullException(nameof(response)), null, false);

    /// <summary>An answer that fails with <paramref name="error"/>.</summary>
    /// <param name="error">The failure.</param>
    /// <param name="synchronously">Whether to throw from the call itself instead of returning a faulted task.</param>
    public static Answer<T> Fail(Exception error, bool synchronously = false) =>
        new(null, error ?? throw new ArgumentNullException(nameof(error)), synchronously);

    /// <summary>Carries the answer out: a completed task, a faulted task, or a throw.</summary>
    public Task<T> ToTask()
    {
        if (Error is null)
        {
            return Task.FromResult(Response!);
        }

        if (ThrowsSynchronously)
        {
            throw Error;
        }

        return Task.FromException<T>(Error);
    }

    /// <summary>Describes the answer for counterexamples: the response type, or the exception with its code and status.</summary>
    public override string ToString() => Error switch
    {
        null => $"responds {typeof(T).Name}",
        AmazonServiceException e => $"{(ThrowsSynchronously ? "throws" : "fails with")} {e.GetType().Name}(code '{e.ErrorCode}', status {(int)e.StatusCode}, request id '{e.RequestId}')",
        var e => $"{(ThrowsSynchronously ? "throws" : "fails with")} {e.GetType().Name}({e.Message})",
    };
}

/// <summary>Generators of <see cref="Answer{T}"/>s.</summary>
public static class Answers
{
    /// <summary>Answers that respond with <paramref name="responses"/> or fail with <paramref name="failures"/>, half
    /// and half by default; one failure in four is thrown synchronously.</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="failures">The failures.</param>
    /// <param name="responseWeight">Relative weight of responses.</param>
    /// <param name="failureWeight">Relative weight of failures.</param>
    public static Gen<Answer<T>> Of<T>(Gen<T> responses, Gen<Exception> failures, int responseWeight = 1, int failureWeight = 1)
        where T : class =>
        Gen.Frequency(
            (responseWeight, responses.Select(Answer<T>.Respond)),
            (failureWeight, from error in failures
                            from synchronously in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
                            select Answer<T>.Fail(error, synchronously)));

    /// <summary>Answers of a call to <paramref name="service"/>: <paramref name="responses"/>, or any failure of that
    /// service (<see cref="ServiceErrors.Any"/>).</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="service">The service whose failures to generate.</param>
    public static Gen<Answer<T>> Of<T>(Gen<T> responses, AwsService service)
        where T : class =>
        Of(responses, ServiceErrors.Any(service));
}

/// <summary>
/// An answer that depends on the request, named for counterexamples: for calls whose honest answer repeats what was
/// asked (DeleteObjects lists the keys it deleted).
/// </summary>
/// <typeparam name="TRequest">The SDK request type.</typeparam>
/// <typeparam name="TResponse">The SDK response type.</typeparam>
public sealed class Responder<TRequest, TResponse>
    where TResponse : class
{
    private readonly Func<TRequest, Answer<TResponse>> _respond;

    /// <summary>Creates a responder.</summary>
    /// <param name="description">What it does, for counterexamples.</param>
    /// <param name="respond">Builds the answer to a request.</param>
    public Responder(string description, Func<TRequest, Answer<TResponse>> respond)
    {
        Description = description;
        _respond = respond;
    }

    /// <summary>What the responder does.</summary>
    public string Description { get; }

    /// <summary>The answer to <paramref name="request"/> (a fresh one for every call).</summary>
    /// <param name="request">The request.</param>
    public Answer<TResponse> Respond(TRequest request) => _respond(request);

    /// <summary>A responder that gives the same answer to every request.</summary>
    /// <param name="answer">The answer.</param>
    public static Responder<TRequest, TResponse> Always(Answer<TResponse> answer) => new(answer.ToString(), _ => answer);

    /// <summary>Returns <see cref="Description"/>.</summary>
    public override string ToString() => Description;
}

/// <summary>
/// A mocked SDK method that answers each call with the next answer (or responder) of a script and records every request
/// and answer: the way to serve one wrapper several different answers (a batch that succeeds, then one that fails).
/// Calls beyond the script get <see cref="AfterScript"/>, or an <see cref="InvalidOperationException"/> (and
/// <see cref="Overrun"/> turns true).
/// </summary>
/// <typeparam name="TRequest">The SDK request type.</typeparam>
/// <typeparam name="TResponse">The SDK response type.</typeparam>
public sealed class ScriptedCalls<TRequest, TResponse>
    where TResponse : class
{
    private readonly object _gate = new();
    private readonly List<TRequest> _requests = [];
    private readonly List<Answer<TResponse>> _served = [];

    /// <summary>Creates the scripted method from fixed answers.</summary>
    /// <param name="script">The answers, in order.</param>
    /// <param name="afterScript">The answer to every call beyond the script; null to fail those calls.</param>
    public ScriptedCalls(IEnumerable<Answer<TResponse>> script, Answer<TResponse>? afterScript = null)
        : this(script.Select(Responder<TRequest, TResponse>.Always), afterScript is null ? null : Responder<TRequest, TResponse>.Always(afterScript))
    {
    }

    /// <summary>Creates the scripted method from responders (answers built from each request).</summary>
    /// <param name="script">The responders, in order.</param>
    /// <param name="afterScript">The responder for every call beyond the script; null to fail those calls.</param>
    public ScriptedCalls(IEnumerable<Responder<TRequest, TResponse>> script, Responder<TRequest, TResponse>? afterScript = null)
    {
        Script = script.ToArray();
        AfterScript = afterScript;
    }

    /// <summary>The responders, in order.</summary>
    public IReadOnlyList<Responder<TRequest, TResponse>> Script { get; }

    /// <summary>The responder beyond the script, if any.</summary>
    public Responder<TRequest, TResponse>? AfterScript { get; }

    /// <summary>The requests received, in order.</summary>
    public IReadOnlyList<TRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>The answers given, in order (one per request).</summary>
    public IReadOnlyList<Answer<TResponse>> Served
    {
        get
        {
            lock (_gate)
            {
                return _served.ToArray();
            }
        }
    }

    /// <summary>Whether a call came after the script ended and no <see cref="AfterScript"/> was given.</summary>
    public bool Overrun { get; private set; }

    /// <summary>Answers one call (the signature of the SDK's async methods, for Moq's <c>Returns</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="ct">The cancellation token (unused: answers are immediate).</param>
    public Task<TResponse> Answer(TRequest request, CancellationToken ct)
    {
        Answer<TResponse> answer;
        lock (_gate)
        {
            _requests.Add(request);
            var index = _requests.Count - 1;
            if (index < Script.Count)
            {
                answer = Script[index].Respond(request);
            }
            else if (AfterScript is { } after)
            {
                answer = after.Respond(request);
            }
            else
            {
                Overrun = true;
                answer = Answer<TResponse>.Fail(new InvalidOperationException(
                    $"ScriptedCalls: call {index + 1} came after the script's {Script.Count} answers."));
            }

            _served.Add(answer);
        }

        return answer.ToTask();
    }

    /// <summary>Describes the script for counterexamples.</summary>
    public override string ToString() => $"[{string.Join("; ", Script)}]";
}
