using AwsAio.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AwsAio.Hosting;

/// <summary>The providers registered with <c>AddAwsAio</c>, by name.</summary>
public interface IAwsClientProviders
{
    /// <summary>The provider registered under <paramref name="name"/> (the empty name is the default one); the same
    /// instance on every call. Unknown names and refused options throw, as options do in a container.</summary>
    /// <param name="name">The name given to <c>AddAwsAio</c>.</param>
    IAwsClientProvider Get(string name);
}

/// <summary>One <c>AddAwsAio</c> call: the provider's name and the configuration path it reads.</summary>
internal sealed record AwsAioRegistration(string Name, string Path);

/// <summary>
/// Builds each registered provider once, when its options are validated (at host start), so that a refused option
/// is reported before the first request and a provider is never built twice. Disposing the registry disposes every
/// provider it built.
/// </summary>
internal sealed class AwsClientProviderRegistry(IServiceProvider services, IEnumerable<AwsAioRegistration> registrations)
    : IAwsClientProviders, IValidateOptions<AwsAioOptions>, IDisposable
{
    private readonly Dictionary<string, string> _paths =
        registrations.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.Last().Path, StringComparer.Ordinal);

    private readonly ILoggerFactory? _loggers = services.GetService<ILoggerFactory>();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (AwsAioOptions Options, AwsClientProvider Provider)> _built = new(StringComparer.Ordinal);
    private readonly List<AwsClientProvider> _all = [];
    private readonly System.Collections.Generic.HashSet<AwsClientProvider> _handedOut = [];
    private bool _disposed;

    /// <summary>The providers built and not yet disposed, in the order they were built (for tests).</summary>
    internal IReadOnlyList<AwsClientProvider> Providers
    {
        get
        {
            lock (_gate) return [.. _all];
        }
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AwsAioOptions options)
    {
        name ??= Options.DefaultName;
        if (!_paths.TryGetValue(name, out var path))
        {
            return ValidateOptionsResult.Skip;
        }

        var created = options.ToProviderOptions().Bind(o => AwsClientProvider.Create(o, _loggers));
        return created.Match(
            Right: provider =>
            {
                lock (_gate)
                {
                    ObjectDisposedException.ThrowIf(_disposed, this);
                    // Options created again (a reload, a snapshot) build a new provider; one nobody holds yet goes.
                    if (_built.TryGetValue(name, out var previous) && !_handedOut.Contains(previous.Provider))
                    {
                        _all.Remove(previous.Provider);
                        previous.Provider.Dispose();
                    }

                    _built[name] = (options, provider);
                    _all.Add(provider);
                }

                return ValidateOptionsResult.Success;
            },
            Left: error => ValidateOptionsResult.Fail(Failure(path, options, error)));
    }

    /// <inheritdoc />
    public IAwsClientProvider Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_paths.ContainsKey(name))
        {
            throw new InvalidOperationException(
                $"No AWS provider named '{name}' is registered; call services.AddAwsAio(\"{name}\", section) first.");
        }

        // Getting the options validates them (once per options instance), which builds the provider.
        var options = services.GetRequiredService<IOptionsMonitor<AwsAioOptions>>().Get(name);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_built.TryGetValue(name, out var built) || !ReferenceEquals(built.Options, options))
            {
                throw new InvalidOperationException($"The options of AWS provider '{name}' were not validated.");
            }

            _handedOut.Add(built.Provider);
            return built.Provider;
        }
    }

    /// <summary>Disposes every provider built.</summary>
    public void Dispose()
    {
        List<AwsClientProvider> built;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            built = [.. _all];
            _all.Clear();
            _built.Clear();
            _handedOut.Clear();
        }

        foreach (var provider in built)
        {
            provider.Dispose();
        }
    }

    /// <summary>"AWS:AssumeRoleArn: Invalid role ARN: …": the key to fix, then the library's sentence.</summary>
    private static string Failure(string path, AwsAioOptions options, DomainError error)
    {
        var key = error switch
        {
            DomainError.InvalidInput invalid => options.KeyOf(invalid.Field),
            DomainError.RegionUnresolved => nameof(AwsAioOptions.Region),
            DomainError.CredentialsUnavailable => options.KeyOf("credentials"),
            _ => "",
        };
        var where = string.Join(':', new[] { path, key }.Where(s => s.Length > 0));
        return where.Length == 0 ? error.ToString() : $"{where}: {error}";
    }
}
