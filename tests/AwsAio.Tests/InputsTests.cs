using AwsAio.Core;
using Moq;
using Xunit;

namespace AwsAio.Tests;

/// <summary>The one input check: a provider first, then each check in order.</summary>
public sealed class InputsTests
{
    private static readonly IAwsClientProvider Provider = new Mock<IAwsClientProvider>().Object;

    [Fact]
    public void AMissingProvider_IsTheFirstProblem()
    {
        var error = Inputs.Check(null, DomainError.NewInvalidInput("bucket name", "x"));
        Assert.Equal(DomainError.NewInvalidInput("provider", "is required"), error);
    }

    [Fact]
    public void TheFirstFailedCheck_IsTheAnswer_AndAllPassingIsNull()
    {
        var first = DomainError.NewInvalidInput("a", "1");
        Assert.Equal(first, Inputs.Check(Provider, null, first, DomainError.NewInvalidInput("b", "2")));
        Assert.Null(Inputs.Check(Provider, null, null));
    }

    [Fact]
    public void S3Checks_TheBucketThenTheKey()
    {
        Assert.Equal("bucket name", ((DomainError.InvalidInput)Inputs.S3(Provider, "Bad_Bucket", "")!).Field);
        Assert.Equal("object key", ((DomainError.InvalidInput)Inputs.S3(Provider, "good-bucket", "")!).Field);
        Assert.Null(Inputs.S3(Provider, "good-bucket", "k"));
        Assert.Null(Inputs.S3(Provider, "good-bucket"));
    }

    [Fact]
    public void AnAbsentOptionalValue_Passes()
    {
        Assert.Null(Inputs.OfOptional(null, Validate.ExternalId));
        Assert.NotNull(Inputs.OfOptional("x", Validate.ExternalId));
    }

    [Fact]
    public void KeysWithDotSegments_AreRefused_UnlessTheProviderAllowsThem()
    {
        var strict = Inputs.S3(Provider, "good-bucket", "../escape");
        Assert.Contains("'..' path segment", ((DomainError.InvalidInput)strict!).Rule);

        var lenient = new Mock<IAwsClientProvider>();
        lenient.Setup(p => p.GetSettings<S3Settings>()).Returns(new S3Settings(AllowDotSegmentKeys: true));
        Assert.Null(Inputs.S3(lenient.Object, "good-bucket", "../escape"));
    }
}
