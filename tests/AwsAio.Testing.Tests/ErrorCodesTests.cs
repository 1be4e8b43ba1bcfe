using AwsAio.Core;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static AwsAio.Testing.Tests.Support.Sampling;

namespace AwsAio.Testing.Tests;

/// <summary>Generated error codes are real codes in every spelling AwsAio's normaliser accepts, often enough to reach
/// the core's mapping tables, mixed with codes it must not recognise.</summary>
public sealed class ErrorCodesTests
{
    public static TheoryData<AwsService> Services => [AwsService.S3, AwsService.Ec2, AwsService.Sts];

    /// <summary>An operation whose mapping table is reached by the service's codes.</summary>
    private static (string Service, string Operation) Where(AwsService service) => service switch
    {
        AwsService.S3 => ("S3", "GetObject"),
        AwsService.Ec2 => ("EC2", "DescribeVpcs"),
        _ => ("STS", "AssumeRole"),
    };

    private static DomainError Map(AwsService service, GeneratedCode code)
    {
        var (name, operation) = Where(service);
        return ErrorMapping.Map(ErrorTarget.Of("resource"), AwsErrorDetails.Of(name, operation, code.Wire!, "", code.Status, ""), null);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Codes_AtLeastThreeInTenMapToACaseOtherThanUnexpected(AwsService service)
    {
        var samples = Draw(ErrorCodes.Codes(service));

        ShareBetween(samples, c => Map(service, c) is not DomainError.Unexpected, 0.30, 1.0, "codes the core classifies");
        ShareBetween(samples, c => Map(service, c) is DomainError.Unexpected, 0.05, 0.70, "codes the core leaves Unexpected");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Codes_UseEverySpelling(AwsService service)
    {
        var spellings = Draw(ErrorCodes.Codes(service)).Select(c => c.Spelling).Distinct().Order();

        Assert.Equal(Enum.GetValues<CodeSpelling>(), spellings);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Codes_IncludeMissingCodesBareStatusesAndRandomStrings(AwsService service)
    {
        var samples = Draw(ErrorCodes.Codes(service));

        Assert.Contains(samples, c => c.Wire is null);
        Assert.Contains(samples, c => c.Wire == "");
        Assert.Contains(samples, c => c.Spelling == CodeSpelling.StatusDigits && c.Wire == c.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ShareBetween(samples, c => c.Known is null, 0.10, 0.35, "random codes");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Codes_EverySpellingOfARealCode_NormalisesToTheCodeItself(AwsService service)
    {
        var real = Draw(ErrorCodes.Codes(service)).Where(c => c.Known is not null && c.Spelling is not (CodeSpelling.StatusDigits or CodeSpelling.Missing));

        Assert.All(real, c => Assert.Equal(ErrorMapping.NormaliseCode(c.Known!.Code, 0), ErrorMapping.NormaliseCode(c.Wire, c.Status)));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Codes_StatusOnlyCodes_NormaliseLikeAnEmptyCodeWithThatStatus(AwsService service)
    {
        var statusOnly = Draw(ErrorCodes.Codes(service)).Where(c => c.Spelling is CodeSpelling.StatusDigits or CodeSpelling.Missing).ToList();

        Assert.NotEmpty(statusOnly);
        Assert.All(statusOnly, c => Assert.Equal(ErrorMapping.NormaliseCode("", c.Status), ErrorMapping.NormaliseCode(c.Wire, c.Status)));
    }

    [Fact]
    public void KnownCodes_OfEveryService_AreMostlyOnesTheCoreMaps()
    {
        foreach (var service in new[] { AwsService.S3, AwsService.Ec2, AwsService.Sts })
        {
            var known = ErrorCodes.Of(service);
            var mapped = known.Count(k => Map(service, new GeneratedCode(k.Code, k, CodeSpelling.Bare, k.Status)) is not DomainError.Unexpected);
            Assert.True(mapped >= known.Count * 3 / 4, $"{service}: only {mapped} of {known.Count} known codes are mapped");
        }
    }

    [Theory]
    [InlineData(CodeSpelling.Bare, "NoSuchBucket")]
    [InlineData(CodeSpelling.Namespaced, "com.amazonaws.s3#NoSuchBucket")]
    [InlineData(CodeSpelling.WithUri, "NoSuchBucket:http://internal.amazon.com/coral/com.amazonaws.s3/")]
    [InlineData(CodeSpelling.NamespacedWithUri, "com.amazonaws.s3#NoSuchBucket:http://internal.amazon.com/coral/com.amazonaws.s3/")]
    [InlineData(CodeSpelling.ExceptionSuffix, "NoSuchBucketException")]
    [InlineData(CodeSpelling.CaseChanged, "NOSUCHBUCKET")]
    [InlineData(CodeSpelling.Padded, " NoSuchBucket ")]
    [InlineData(CodeSpelling.StatusDigits, "404")]
    [InlineData(CodeSpelling.Missing, null)]
    public void Spell_WritesEachSpellingAsDocumented(CodeSpelling spelling, string? expected)
    {
        Assert.Equal(expected, ErrorCodes.Spell(AwsService.S3, "NoSuchBucket", spelling, 404));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Codes_ShowTheirSpread() =>
        Prop.ForAll(ErrorCodes.Codes(AwsService.S3).ToArbitrary(), c =>
            Prop.ToProperty(c.Known is not null || c.Spelling == CodeSpelling.Random)
                .Classify(c.Known is not null && c.Spelling is not (CodeSpelling.StatusDigits or CodeSpelling.Missing), "real code")
                .Classify(c.Spelling is CodeSpelling.StatusDigits or CodeSpelling.Missing, "status only")
                .Classify(c.Spelling == CodeSpelling.Random, "random")
                .Collect(c.Spelling));
}
