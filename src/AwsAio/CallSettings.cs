using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AwsAio;

/// <summary>
/// What bounds and reports every call a wrapper makes. Read through
/// <see cref="IAwsClientProvider.GetSettings{TSettings}"/>; a provider (or a mock) without them gets
/// <see cref="Default"/>.
/// </summary>
/// <param name="Deadline">The longest one request of a call may take, retries and credential fetch included (paged
/// calls: each page). When it passes, the call ends with <c>Timeout</c>.</param>
/// <param name="IdleTimeout">The longest wait for the next bytes of a response body.</param>
/// <param name="Logger">Where each call logs one Debug line (service, operation, resource, duration, outcome, request
/// id; never a secret).</param>
public sealed record CallSettings(TimeSpan Deadline, TimeSpan IdleTimeout, ILogger Logger)
{
    /// <summary>The default call deadline: two minutes.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromMinutes(2);

    /// <summary>The default body idle timeout: thirty seconds.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The defaults: a two-minute deadline, a thirty-second idle timeout, no logging.</summary>
    public static CallSettings Default { get; } = new(DefaultDeadline, DefaultIdleTimeout, NullLogger.Instance);

    /// <summary>Whether every client of the provider sends through AwsAio's HTTP layer, which then says whether a request
    /// ever left (so that a call ended before sending is not taken for one of unknown outcome).</summary>
    internal bool HttpLayerTracksSends { get; init; }

    /// <summary>The settings of a provider, or the defaults when it has none (or is a mock without them).</summary>
    /// <param name="provider">The provider a wrapper was given.</param>
    internal static CallSettings Of(IAwsClientProvider provider) =>
        provider.GetSettings<CallSettings>() is { Deadline.Ticks: > 0, IdleTimeout.Ticks: > 0 } settings ? settings : Default;
}
