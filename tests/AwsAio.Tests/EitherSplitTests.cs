using AwsAio.Core;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace AwsAio.Tests;

/// <summary>Splitting an Either for the shell's loops.</summary>
public sealed class EitherSplitTests
{
    private static readonly DomainError Error = DomainError.NewInvalidInput("x", "y");

    [Fact]
    public void ARight_GivesItsValue_AndALeft_ItsError()
    {
        Assert.True(Right<DomainError, int>(5).TryGetRight(out var value, out _));
        Assert.Equal(5, value);
        Assert.False(Left<DomainError, string>(Error).TryGetRight(out _, out var error));
        Assert.Equal(Error, error);
    }

    [Fact]
    public void ErrorOrNull_IsNullForARight()
    {
        Assert.Null(Right<DomainError, int>(1).ErrorOrNull());
        Assert.Equal(Error, Left<DomainError, int>(Error).ErrorOrNull());
    }
}
