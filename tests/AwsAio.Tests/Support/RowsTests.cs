using System.Reflection;
using Xunit;
using Xunit.Abstractions;

namespace AwsAio.Tests.Support;

/// <summary>Every theory of this suite is one test case per row (see <see cref="Rows"/>): mutation testing depends on it.</summary>
public sealed class RowsTests
{
    [Fact]
    public void EveryMemberDataTheory_HasOnlyRowsXunitCanSerialise()
    {
        var collapsed = new List<string>();
        foreach (var method in typeof(RowsTests).Assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)))
        {
            foreach (var data in method.GetCustomAttributes<MemberDataAttribute>())
            {
                var rows = data.GetData(method) ?? [];
                if (rows.Any(row => row.Any(value => !Serialisable(value))))
                {
                    collapsed.Add($"{method.DeclaringType!.Name}.{method.Name}");
                }
            }
        }

        Assert.Empty(collapsed);
    }

    [Fact]
    public void Named_GivesEachRowItsPosition_AndPickBuildsThatRowAgain()
    {
        static IEnumerable<(string Name, object Value)> Built() => [("first", new object()), ("second", new object()), ("first", new object())];

        IEnumerable<object[]> rows = Rows.Named(Built(), r => r.Name);
        var names = rows.Select(row => (string)row[0]).ToList();

        Assert.Equal(["00 first", "01 second", "02 first"], names);
        Assert.Equal("second", Rows.Pick(Built(), names[1]).Name);
        Assert.NotSame(Rows.Pick(Built(), names[2]).Value, Rows.Pick(Built(), names[2]).Value);
    }

    /// <summary>What xUnit 2 serialises to enumerate a theory's rows at discovery.</summary>
    private static bool Serialisable(object? value) => value switch
    {
        null or string or char or bool or byte or sbyte or short or ushort or int or uint or long or ulong or float or double
            or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum or Type or IXunitSerializable => true,
        Array array => array.Cast<object?>().All(Serialisable),
        _ => false,
    };
}
