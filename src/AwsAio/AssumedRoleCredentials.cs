using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AwsAio.Core;
using LanguageExt;
using Microsoft.Extensions.Logging;

namespace AwsAio;

/// <summary>
/// Assumed-role credentials that refresh themselves, shared by every client of one provider: one STS call per
/// credential lifetime. Hand-written rather than the SDK's <c>AssumeRoleAWSCredentials</c>/<c>RefreshingAWSCredentials</c>
/// because those (a) build a fresh STS client on every refresh from process-wide settings, so they cannot follow an
/// endpoint override, and (b) let every waiting caller try again when a refresh fails, so a broken STS is hit once per
/// caller and a hanging one serves callers one after another. Here the decisions are the core's
/// (<see cref="CredentialRules"/>): a refresh is single-flight whether it succeeds or fails, callers waiting on it share
/// its outcome, a failure is remembered for a short back-off, and no caller waits longer than its own call deadline.
/// </summary>
internal sealed class AssumedRoleCredentials : AWSCredentials, IDisposable
{
    private readonly IAmazonSecurityTokenService _sts;
    private readonly AssumeRoleRequest _request;
    private readonly TimeSpan _refreshWindow;
    private readonly CallSettings _settings;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposed = new();
    private readonly object _gate = new();
    private ImmutableCredentials? _current;
    private DateTimeOffset? _expiry;
    private RefreshState _state = RefreshState.Initial;
    private DomainError? _lastError;
    private Task<ImmutableCredentials>? _refresh;
    private int _assumeCalls;

    private static DomainError Disposed => DomainError.NewInvalidInput("provider", "has been disposed");

    internal AssumedRoleCredentials(
        IAmazonSecurityTokenService sts, string roleArn, string sessionName, string? externalId, TimeSpan? duration,
        TimeSpan refreshWindow, CallSettings settings, TimeProvider? time = null)
    {
        _sts = sts;
        _request = new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = sessionName,
            ExternalId = externalId,
            DurationSeconds = duration is { } d ? (int)d.TotalSeconds : null,
        };
        _refreshWindow = refreshWindow;
        _settings = settings;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>When the current credentials expire; null before the first AssumeRole succeeded.</summary>
    internal DateTimeOffset? Expiry
    {
        get
        {
            lock (_gate) return _current is null ? null : _expiry;
        }
    }

    /// <summary>How many AssumeRole calls these credentials have made (for diagnostics and tests).</summary>
    internal int AssumeCalls => Volatile.Read(ref _assumeCalls);

    /// <inheritdoc />
    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        Task<ImmutableCredentials> refresh;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested) throw new CredentialsFailedException(Disposed);
            switch (CredentialRules.Decide(_time.GetUtcNow(), _state, _refreshWindow))
            {
                case RefreshDecision.UseCurrent when _current is not null:
                    return _current;
                case RefreshDecision.UseCurrentAndRefresh when _current is not null:
                    Observe(StartRefresh());
                    return _current;
                case RefreshDecision.FailWithLastError when _lastError is not null:
                    throw new CredentialsFailedException(_lastError);
                default:
                    refresh = StartRefresh();
                    break;
            }
        }

        // Every caller waits on the one refresh, each only as long as its own call allows. A call that reaches its
        // deadline while waiting says it was waiting for the role (the caller's own cancellation stays Cancelled).
        var call = CallScope.Token;
        try
        {
            return await refresh.WaitAsync(call).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (call.IsCancellationRequested)
        {
            throw new CredentialsFailedException(DomainError.NewTimeout(
                AwsErrorDetails.Of(StsOperations.Service, StsOperations.AssumeRole, "", "waited for the role's credentials until the call deadline", 0, "")
                    .On(ErrorTarget.Of(_request.RoleArn))), e);
        }
    }

    /// <summary>Starts fetching credentials in the background if a caller would have to wait for them (none yet, or
    /// expired), so that a caller coming later finds them ready; does nothing while a failure is backed off or usable
    /// credentials exist (a refresh near expiry starts on use, as always).</summary>
    internal void Prefetch()
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested) return;
            if (CredentialRules.Decide(_time.GetUtcNow(), _state, _refreshWindow) == RefreshDecision.MustRefresh)
            {
                Observe(StartRefresh());
            }
        }
    }

    /// <summary>Stops any refresh in flight; later callers get a disposed-provider error.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested) return;
            _current = null;
            _disposed.Cancel();
        }
    }

    /// <summary>Names the role only; never the credentials.</summary>
    public override string ToString() => $"assumed role {_request.RoleArn} (session {_request.RoleSessionName})";

    /// <summary>The refresh in flight, or a new one (call under the gate). It runs outside every caller's context, so no
    /// caller's deadline or cancellation ends it for the others.</summary>
    private Task<ImmutableCredentials> StartRefresh()
    {
        if (_refresh is not null) return _refresh;
        using (ExecutionContext.SuppressFlow())
        {
            _refresh = Task.Run(RefreshAsync);
        }

        return _refresh;
    }

    private async Task<ImmutableCredentials> RefreshAsync()
    {
        Interlocked.Increment(ref _assumeCalls);
        var result = await AwsCall.RunAsync(_settings,
            CallInfo.Of(StsOperations.Service, StsOperations.AssumeRole, ErrorTarget.Of(_request.RoleArn)),
            ct => _sts.AssumeRoleAsync(_request, ct), _disposed.Token).ConfigureAwait(false);
        var credentials = result.Bind(Complete);

        lock (_gate)
        {
            _refresh = null;
            if (_disposed.IsCancellationRequested)
            {
                throw new CredentialsFailedException(Disposed);
            }

            return credentials.Match(
                Right: fresh =>
                {
                    _current = fresh.Credentials;
                    _expiry = fresh.Expiry;
                    _state = CredentialRules.Succeeded(fresh.Expiry);
                    _lastError = null;
                    _settings.Logger.LogInformation("Assumed role {RoleArn} as session {SessionName}; the credentials expire at {Expiration:O}",
                        _request.RoleArn, _request.RoleSessionName, fresh.Expiry);
                    return fresh.Credentials;
                },
                Left: error =>
                {
                    _state = CredentialRules.Failed(_state, _time.GetUtcNow());
                    _lastError = error;
                    _settings.Logger.LogWarning("Could not assume role {RoleArn}: {Error}", _request.RoleArn, error.ToString());
                    throw new CredentialsFailedException(error);
                });
        }
    }

    private Either<DomainError, (ImmutableCredentials Credentials, DateTimeOffset Expiry)> Complete(AssumeRoleResponse response)
    {
        var c = response.Credentials;
        if (!CredentialRules.IsComplete(c?.AccessKeyId, c?.SecretAccessKey, c?.SessionToken, c?.Expiration))
        {
            return StsRules.IncompleteCredentials(_request.RoleArn, (int)response.HttpStatusCode, response.ResponseMetadata?.RequestId);
        }

        return (new ImmutableCredentials(c!.AccessKeyId, c.SecretAccessKey, c.SessionToken),
            new DateTimeOffset(c.Expiration!.Value.ToUniversalTime(), TimeSpan.Zero));
    }

    /// <summary>A background refresh nobody awaits: its failure is remembered (and logged) by the refresh itself.</summary>
    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
