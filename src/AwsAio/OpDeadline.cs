namespace AwsAio;

/// <summary>
/// The deadlines operations have set on this async flow (<see cref="AwsOp{T}.Timeout"/>, a retry's overall deadline).
/// An operation's deadline cancels the token its calls get, exactly as the caller cancelling would; this tells the
/// call runner which of the two it was, so that a deadline is reported as <c>Timeout</c> (or <c>OutcomeUnknown</c> for a
/// change whose answer was lost) and only the caller's own cancellation as <c>Cancelled</c>.
/// </summary>
internal static class OpDeadline
{
    private static readonly AsyncLocal<Node?> Current = new();

    /// <summary>Whether a deadline set on this flow has passed while the token it was set on top of has not been
    /// cancelled: the call in progress is ending because of that deadline, not because the caller cancelled.</summary>
    internal static bool Passed
    {
        get
        {
            for (var node = Current.Value; node is not null; node = node.Parent)
            {
                if (node.Timer.IsCancellationRequested && !node.Outer.IsCancellationRequested)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Marks the flow as running under a deadline until the scope is disposed.</summary>
    /// <param name="timer">The source the deadline cancels (linked to <paramref name="outer"/>).</param>
    /// <param name="outer">The token the deadline was set on top of (the caller's cancellation).</param>
    internal static Scope Enter(CancellationTokenSource timer, CancellationToken outer)
    {
        var previous = Current.Value;
        Current.Value = new Node(timer, outer, previous);
        return new Scope(previous);
    }

    /// <summary>One deadline and the one it sits inside.</summary>
    private sealed record Node(CancellationTokenSource Timer, CancellationToken Outer, Node? Parent);

    /// <summary>Restores the enclosing deadlines.</summary>
    /// <param name="Previous">The deadlines to restore.</param>
    internal readonly record struct Scope(object? Previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => Current.Value = (Node?)Previous;
    }
}
