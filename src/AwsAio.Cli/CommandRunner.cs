using System.CommandLine;
using System.CommandLine.Parsing;
using AwsAio.Core;
using LanguageExt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AwsAio.Cli;

/// <summary>What a command's body gets: its parsed arguments, a provider built from the global options, and the
/// output to write to.</summary>
/// <param name="Parse">The parsed command line (for the command's own arguments and options).</param>
/// <param name="Provider">The provider the global options describe.</param>
/// <param name="Settings">The resolved global options.</param>
/// <param name="Output">Where the result goes.</param>
/// <param name="ShowProgress">Whether stderr is a terminal, so that progress may be shown there.</param>
internal sealed record CommandCall(ParseResult Parse, AwsClientProvider Provider, CliSettings Settings, Output Output, bool ShowProgress);

/// <summary>
/// Runs a command's body the same way for every command: resolve the global options, build the provider (its
/// <c>Left</c> is the command's error), run the body, print the result or the error, and turn the outcome into the
/// exit code the core decides. Nothing escapes as an exception: a bug becomes an <c>Unexpected</c> error.
/// </summary>
internal sealed class CommandRunner(GlobalOptions globals)
{
    /// <summary>The global options every command reads.</summary>
    public GlobalOptions Globals { get; } = globals;

    /// <summary>Makes <paramref name="body"/> the action of <paramref name="command"/>; the result it returns is
    /// printed as a whole.</summary>
    public void SetAction(Command command, Func<CommandCall, CancellationToken, Task<Either<DomainError, Rendered>>> body) =>
        SetStreamingAction(command, async (call, ct) =>
        {
            var result = await body(call, ct).ConfigureAwait(false);
            return result.MatchUnsafe(
                Right: rendered =>
                {
                    call.Output.Write(rendered);
                    return null;
                },
                Left: error => error);
        });

    /// <summary>Makes <paramref name="body"/> the action of <paramref name="command"/>; the body writes its result
    /// to the output as it goes (for listings) and returns the error that stopped it, or null.</summary>
    public void SetStreamingAction(Command command, Func<CommandCall, CancellationToken, Task<DomainError?>> body) =>
        command.SetAction((parse, ct) => RunAsync(parse, body, ct));

    private async Task<int> RunAsync(ParseResult parse, Func<CommandCall, CancellationToken, Task<DomainError?>> body, CancellationToken ct)
    {
        var settings = Globals.Read(parse, Environment.GetEnvironmentVariable);
        var commandName = CommandName(parse);
        using var logs = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(settings.Verbose ? LogLevel.Debug : LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(format =>
            {
                format.SingleLine = true;
                format.TimestampFormat = "HH:mm:ss.fff ";
                format.ColorBehavior = LoggerColorBehavior.Disabled;
            }));
        using var output = new Output(settings.Output, commandName, Console.OpenStandardOutput(), Console.Error);

        DomainError? error;
        try
        {
            error = await AwsClientProvider.Create(settings.ToProviderOptions(), logs).MatchUnsafe(
                Right: async provider =>
                {
                    using (provider)
                    {
                        return await body(new CommandCall(parse, provider, settings, output, !Console.IsErrorRedirected), ct)
                            .ConfigureAwait(false);
                    }
                },
                Left: e => Task.FromResult<DomainError?>(e)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in this tool, not a failure the library reports: still one line, still an exit code.
            error = DomainError.NewUnexpected(AwsErrorDetails.Of("awsaio", commandName, e.GetType().Name, e.Message, 0, ""), e);
        }

        output.Finish(error, settings.Verbose);
        return (int)(error is null ? ExitCode.Success : ExitCodes.OfError(error));
    }

    /// <summary>The command's words without the tool's name, for example <c>s3 ls</c>.</summary>
    private static string CommandName(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult { Parent: not null } command; result = result.Parent)
        {
            names.Insert(0, command.Command.Name);
        }

        return string.Join(' ', names);
    }
}
