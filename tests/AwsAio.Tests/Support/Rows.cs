using Xunit;

namespace AwsAio.Tests.Support;

/// <summary>
/// Theory rows that xUnit enumerates at discovery, one test case per row: each row is named by a string (which xUnit can
/// serialise) and its objects are built again when the row runs. A theory whose rows hold objects xUnit cannot serialise
/// (exceptions, options, SDK responses, delegates) collapses into one test case with many results; mutation testing then
/// cannot tell which row reached which code and runs everything those rows reach against the whole suite.
/// </summary>
internal static class Rows
{
    /// <summary>The rows' names: their position and a description of each, unique by position.</summary>
    /// <param name="rows">The rows, built fresh.</param>
    /// <param name="describe">Names a row for the test's display name.</param>
    internal static TheoryData<string> Named<T>(IEnumerable<T> rows, Func<T, string> describe)
    {
        var names = new TheoryData<string>();
        var index = 0;
        foreach (var row in rows)
        {
            names.Add($"{index++:00} {describe(row)}");
        }

        return names;
    }

    /// <summary>The row a name from <see cref="Named{T}"/> stands for, built fresh.</summary>
    /// <param name="rows">The rows, built fresh (the same sequence <see cref="Named{T}"/> was given).</param>
    /// <param name="name">The row's name.</param>
    internal static T Pick<T>(IEnumerable<T> rows, string name) => rows.ElementAt(int.Parse(name[..2], System.Globalization.CultureInfo.InvariantCulture));
}
