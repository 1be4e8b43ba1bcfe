namespace AwsAio;

/// <summary>Where a provider's credentials come from.</summary>
public enum CredentialSource
{
    /// <summary>Credentials given in the options.</summary>
    Explicit,

    /// <summary>A named profile of the shared config and credentials files.</summary>
    Profile,

    /// <summary>The SDK's default credential chain, as on a workstation.</summary>
    DefaultChain,

    /// <summary>The SDK's default chain on a compute platform (instance metadata allowed for the region too).</summary>
    Compute,
}

/// <summary>
/// Which source supplies a provider's credentials and region, and why the others were skipped: the answer to "which
/// credentials is this using?" before any call is made. It holds no secret.
/// </summary>
/// <param name="Source">The credential source.</param>
/// <param name="Detail">What that source is, in words (the profile and its kind, or the chain's first candidate).</param>
/// <param name="AssumeRoleArn">The role assumed on top of the source, or null.</param>
/// <param name="Region">The region the provider works in.</param>
/// <param name="RegionSource">Where the region came from.</param>
/// <param name="Endpoint">The endpoint override, or null for AWS's own endpoints.</param>
/// <param name="Skipped">The other sources, each with the reason it was not used.</param>
public sealed record CredentialSourceReport(
    CredentialSource Source,
    string Detail,
    string? AssumeRoleArn,
    string Region,
    string RegionSource,
    string? Endpoint,
    IReadOnlyList<string> Skipped)
{
    /// <summary>A few lines for humans.</summary>
    public override string ToString()
    {
        var lines = new List<string>
        {
            $"credentials: {Detail}",
            AssumeRoleArn is null ? "role: none assumed" : $"role: assumes {AssumeRoleArn}",
            $"region: {Region} ({RegionSource})",
            $"endpoint: {Endpoint ?? "AWS"}",
        };
        lines.AddRange(Skipped.Select(s => $"skipped: {s}"));
        return string.Join(Environment.NewLine, lines);
    }
}
