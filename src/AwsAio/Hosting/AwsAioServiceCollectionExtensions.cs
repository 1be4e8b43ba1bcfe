using AwsAio;
using AwsAio.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// In the container's own namespace, as hosting extensions are, so that services.AddAwsAio(...) needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers AwsAio providers in a service container, configured from configuration sections, checked when the host
/// starts, and disposed with the container.
/// </summary>
public static class AwsAioServiceCollectionExtensions
{
    /// <summary>
    /// Registers the default provider (<see cref="IAwsClientProvider"/>, a singleton) from a configuration section such
    /// as <c>configuration.GetSection("AWS")</c>. The section is checked when the host starts: options that
    /// <see cref="AwsClientProvider.Create"/> refuses stop it with an <see cref="OptionsValidationException"/> naming the
    /// configuration key and the rule. The container's <see cref="ILoggerFactory"/>, if any, is the provider's.
    /// </summary>
    /// <param name="services">The container's services.</param>
    /// <param name="configuration">The section holding <see cref="AwsAioOptions"/>' keys.</param>
    /// <example><code>builder.Services.AddAwsAio(builder.Configuration.GetSection("AWS"));</code></example>
    public static IServiceCollection AddAwsAio(this IServiceCollection services, IConfiguration configuration) =>
        services.AddAwsAio(Options.Options.DefaultName, configuration);

    /// <summary>
    /// Registers a named provider, for applications that talk to more than one account: resolve it as a keyed
    /// service (<c>[FromKeyedServices("audit")] IAwsClientProvider audit</c>) or through
    /// <see cref="IAwsClientProviders.Get"/>. Checked at start and disposed like the default one.
    /// </summary>
    /// <param name="services">The container's services.</param>
    /// <param name="name">The provider's name (the empty name is the default provider).</param>
    /// <param name="configuration">The section holding <see cref="AwsAioOptions"/>' keys.</param>
    /// <example><code>builder.Services.AddAwsAio("audit", builder.Configuration.GetSection("AuditAccount"));</code></example>
    public static IServiceCollection AddAwsAio(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AwsAioOptions>(name).Bind(configuration).ValidateOnStart();
        services.AddSingleton(new AwsAioRegistration(name, (configuration as IConfigurationSection)?.Path ?? ""));
        services.TryAddSingleton<AwsClientProviderRegistry>();
        services.TryAddSingleton<IAwsClientProviders>(sp => sp.GetRequiredService<AwsClientProviderRegistry>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AwsAioOptions>, AwsClientProviderRegistry>(
            sp => sp.GetRequiredService<AwsClientProviderRegistry>()));
        services.TryAddKeyedSingleton<IAwsClientProvider>(name, (sp, _) => sp.GetRequiredService<AwsClientProviderRegistry>().Get(name));
        if (name == Options.Options.DefaultName)
        {
            services.TryAddSingleton<IAwsClientProvider>(sp => sp.GetRequiredService<AwsClientProviderRegistry>().Get(name));
        }

        return services;
    }
}
