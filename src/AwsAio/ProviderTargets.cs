using Amazon.Runtime;
using AwsAio.Core;

namespace AwsAio;

/// <summary>A target resolved against its provider: the role (if any) and the region it works in.</summary>
/// <param name="RoleArn">The role assumed, or null for the provider's own credentials.</param>
/// <param name="ExternalId">The role's external id, or null.</param>
/// <param name="Region">The region.</param>
internal readonly record struct TargetKey(string? RoleArn, string? ExternalId, string Region)
{
    /// <summary>Names the role and region; never the external id.</summary>
    public override string ToString() => RoleArn is null ? $"region {Region}" : $"role {RoleArn} in region {Region}";
}

/// <summary>One role in another account, as its shared credentials are keyed: every region uses the same.</summary>
/// <param name="RoleArn">The role.</param>
/// <param name="ExternalId">Its external id, or null.</param>
internal readonly record struct RoleKey(string RoleArn, string? ExternalId);

/// <summary>
/// A provider's cache of providers for other targets: one child provider per (role, external id, region), one shared
/// refreshing credential per (role, external id) whichever regions use it. Both are bounded (least recently used
/// first) and evicted when idle, but never while a call uses them; whatever is evicted is disposed, and everything is
/// disposed with the cache. The decisions are the core's (<see cref="TargetRules.Evictions{Key}"/>): a cache that goes over
/// its capacity is brought back to three quarters of it in one pass, so that evicting costs little per new target.
/// </summary>
/// <param name="build">Builds the child provider for a target from its credentials.</param>
/// <param name="assume">Builds the shared refreshing credentials of a role.</param>
/// <param name="ownCredentials">The parent's credentials, for targets without a role.</param>
/// <param name="capacity">The most children (and roles) kept when not in use.</param>
/// <param name="idleTimeout">How long an unused child or role is kept.</param>
/// <param name="time">The clock.</param>
internal sealed class ProviderTargets(
    Func<TargetKey, AWSCredentials, AwsClientProvider> build,
    Func<RoleKey, AssumedRoleCredentials> assume,
    AWSCredentials ownCredentials,
    int capacity,
    TimeSpan idleTimeout,
    TimeProvider time) : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<TargetKey, Child> _children = new();
    private readonly Dictionary<RoleKey, Role> _roles = new();
    private DateTimeOffset _lastSweep = time.GetUtcNow();
    private bool _disposed;

    /// <summary>How many child providers are cached.</summary>
    internal int ChildCount
    {
        get
        {
            lock (_gate) return _children.Count;
        }
    }

    /// <summary>How many role credentials are cached.</summary>
    internal int RoleCount
    {
        get
        {
            lock (_gate) return _roles.Count;
        }
    }

    /// <summary>Whether the parent has been disposed (and with it every child).</summary>
    internal bool IsDisposed
    {
        get
        {
            lock (_gate) return _disposed;
        }
    }

    /// <summary>The child for <paramref name="key"/>, built when absent, marked as used now.</summary>
    /// <param name="key">The target.</param>
    /// <exception cref="ObjectDisposedException">The parent has been disposed (wrappers call this inside the call
    /// runner, which reports it as an error).</exception>
    internal AwsClientProvider Current(TargetKey key)
    {
        var child = Use(key, lease: false);
        ObjectDisposedException.ThrowIf(child is null, this);
        return child.Provider;
    }

    /// <summary>Holds the child for <paramref name="key"/> until the lease is disposed, so that it is not evicted
    /// while a call uses it; null when the parent has been disposed or the child cannot be built (the call then
    /// meets the same problem where it is reported as an error).</summary>
    /// <param name="key">The target.</param>
    internal Lease? TryLease(TargetKey key)
    {
        try
        {
            return Use(key, lease: true) is { } child ? new Lease(this, child) : null;
        }
        catch (Exception)
        {
            // Building a child runs the options' ConfigureClient hook, which may throw anything; the call that
            // follows meets the same exception inside the call runner, which reports it.
            return null;
        }
    }

    /// <summary>Starts fetching the credentials of <paramref name="key"/>'s role in the background, if it has one and
    /// they are not there yet, so that the target finds them ready (the fan-out warms the targets it will start next).</summary>
    /// <param name="key">The target.</param>
    internal void Warm(TargetKey key)
    {
        if (key.RoleArn is not { } arn) return;
        AssumedRoleCredentials credentials;
        lock (_gate)
        {
            if (_disposed) return;
            credentials = RoleFor(new RoleKey(arn, key.ExternalId), time.GetUtcNow(), adopt: false).Credentials;
        }

        credentials.Prefetch();
    }

    /// <summary>Disposes every child provider and role credential.</summary>
    public void Dispose()
    {
        List<IDisposable> all;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            all = [.. _children.Values.Select(c => (IDisposable)c.Provider), .. _roles.Values.Select(r => r.Credentials)];
            _children.Clear();
            _roles.Clear();
        }

        all.ForEach(d => d.Dispose());
    }

    private Child? Use(TargetKey key, bool lease)
    {
        List<IDisposable> evicted;
        Child child;
        lock (_gate)
        {
            if (_disposed) return null;
            var now = time.GetUtcNow();
            if (!_children.TryGetValue(key, out var found))
            {
                var role = key.RoleArn is { } arn ? RoleFor(new RoleKey(arn, key.ExternalId), now, adopt: true) : null;
                found = new Child(build(key, role?.Credentials ?? ownCredentials), role);
                _children[key] = found;
            }

            child = found;
            child.LastUsed = now;
            // The child being handed out is never evicted by the sweep its own use triggers.
            child.InUse++;
            evicted = SweepLocked(now);
            if (!lease) child.InUse--;
        }

        evicted.ForEach(d => d.Dispose());
        return child;
    }

    private void Release(Child child)
    {
        List<IDisposable> evicted;
        lock (_gate)
        {
            if (_disposed) return;
            var now = time.GetUtcNow();
            child.InUse--;
            child.LastUsed = now;
            evicted = SweepLocked(now);
        }

        evicted.ForEach(d => d.Dispose());
    }

    /// <summary>The role's entry, made when absent (call under the gate); <paramref name="adopt"/> counts a new child
    /// of it.</summary>
    private Role RoleFor(RoleKey key, DateTimeOffset now, bool adopt)
    {
        if (!_roles.TryGetValue(key, out var role))
        {
            role = new Role(assume(key));
            _roles[key] = role;
        }

        if (adopt) role.Children++;
        role.LastUsed = now;
        return role;
    }

    /// <summary>Evicts what the core says should go, when over capacity or once per quarter of the idle time; returns
    /// what to dispose once outside the lock.</summary>
    private List<IDisposable> SweepLocked(DateTimeOffset now)
    {
        var evicted = new List<IDisposable>();
        var due = now - _lastSweep >= idleTimeout / 4;
        if (_children.Count <= capacity && _roles.Count <= capacity && !due) return evicted;
        _lastSweep = now;

        var children = _children.Select(c => new CacheEntry<TargetKey>(c.Key, c.Value.LastUsed, c.Value.InUse)).ToList();
        foreach (var key in TargetRules.Evictions(children, now, idleTimeout, capacity))
        {
            var child = _children[key];
            _children.Remove(key);
            evicted.Add(child.Provider);
            if (child.Role is { } role)
            {
                role.Children--;
                role.LastUsed = now;
            }
        }

        var roles = _roles.Select(r => new CacheEntry<RoleKey>(r.Key, r.Value.LastUsed, r.Value.Children)).ToList();
        foreach (var key in TargetRules.Evictions(roles, now, idleTimeout, capacity))
        {
            evicted.Add(_roles[key].Credentials);
            _roles.Remove(key);
        }

        return evicted;
    }

    /// <summary>A child provider, the role it uses, and how it is being used.</summary>
    internal sealed class Child(AwsClientProvider provider, Role? role)
    {
        internal AwsClientProvider Provider { get; } = provider;
        internal Role? Role { get; } = role;
        internal int InUse { get; set; }
        internal DateTimeOffset LastUsed { get; set; }
    }

    /// <summary>A role's shared credentials and how many children use them.</summary>
    internal sealed class Role(AssumedRoleCredentials credentials)
    {
        internal AssumedRoleCredentials Credentials { get; } = credentials;
        internal int Children { get; set; }
        internal DateTimeOffset LastUsed { get; set; }
    }

    /// <summary>A child held in the cache while a call or operation uses it.</summary>
    internal sealed class Lease : IDisposable
    {
        private readonly ProviderTargets _owner;
        private readonly Child _child;
        private int _released;

        internal Lease(ProviderTargets owner, Child child)
        {
            _owner = owner;
            _child = child;
        }

        /// <summary>The child provider.</summary>
        internal AwsClientProvider Provider => _child.Provider;

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) _owner.Release(_child);
        }
    }
}
