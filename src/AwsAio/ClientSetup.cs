using Amazon;
using Amazon.Runtime;

namespace AwsAio;

/// <summary>How every client a provider builds is configured: region or endpoint, timeouts, retries, bounded HTTP,
/// then the options' <c>ConfigureClient</c> hook (whose own HTTP client factory, if it sets one, is wrapped so that
/// bodies stay bounded and redirects refused).</summary>
internal static class ClientSetup
{
    /// <summary>Configures <paramref name="config"/> for the provider's options and region.</summary>
    /// <param name="config">A fresh client configuration.</param>
    /// <param name="options">The provider's options.</param>
    /// <param name="region">The provider's region.</param>
    /// <param name="http">The provider's HTTP client factory.</param>
    internal static T Configure<T>(T config, AwsClientProviderOptions options, string region, BoundedHttpClientFactory http)
        where T : ClientConfig
    {
        if (options.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.Url;
            config.AuthenticationRegion = endpoint.AuthenticationRegion ?? region;
            if (endpoint.ChecksumsOnlyWhenRequired)
            {
                config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
                config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
            }
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        if (options.Timeout is { } timeout) config.Timeout = timeout;
        if (options.MaxErrorRetry is { } retries) config.MaxErrorRetry = retries;
        config.HttpClientFactory = http;
        if (options.ConfigureClient is { } hook)
        {
            hook(config);
            config.HttpClientFactory = config.HttpClientFactory is { } own && !ReferenceEquals(own, http) ? http.Around(own) : http;
        }

        return config;
    }
}
