using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using AwsAio.Cli;
using AwsAio.Core;

// awsaio: the library's calls from the command line. Parse errors print usage and exit 2; everything else exits with
// the code the core decides for the outcome (see ExitCodes).
var root = AwsAioCommand.Build();
var parse = root.Parse(args);
// Help and --version clear the parse errors of what they describe; any other parse error is a usage error.
if (parse.Action is ParseErrorAction)
{
    return AwsAioCommand.Usage(parse);
}

return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });

namespace AwsAio.Cli
{
    /// <summary>The root command: global options, every command group, and help that lists the exit codes.</summary>
    internal static class AwsAioCommand
    {
        /// <summary>The command's name in help, whatever runs it (the tool's shim runs <c>dotnet AwsAio.Cli.dll</c>).</summary>
        public const string Name = "awsaio";

        /// <summary>Builds the whole command tree.</summary>
        public static Command Build()
        {
            var globals = new GlobalOptions();
            var runner = new CommandRunner(globals);
            // A named Command rather than RootCommand, which would take its name from the executable ("AwsAio.Cli").
            var root = new Command(Name,
                "awsaio: AWS from the command line through AwsAio. Every command prints aligned text or, with " +
                "--output json, one JSON document; a failure is one line on stderr and an exit code per kind of failure.")
            {
                new HelpOption(),
                new VersionOption(),
            };
            foreach (var option in globals.All)
            {
                root.Options.Add(option);
            }

            foreach (var group in CommandGroups.All())
            {
                root.Subcommands.Add(group.Build(runner));
            }

            var help = root.Options.OfType<HelpOption>().Single();
            help.Action = new HelpWithExitCodes((HelpAction)help.Action!);
            return root;
        }

        /// <summary>Prints the parse errors and the command's help on stderr; exit code 2.</summary>
        public static int Usage(ParseResult parse)
        {
            var stderr = Console.Error;
            foreach (var message in parse.Errors.Select(e => e.Message).Distinct())
            {
                stderr.WriteLine($"{ErrorReport.Prefix}{message}");
            }

            stderr.WriteLine();
            parse.RootCommandResult.Command.Parse(HelpArguments(parse))
                .Invoke(new InvocationConfiguration { Output = stderr, Error = stderr });
            return (int)ExitCode.Usage;
        }

        /// <summary>The command line that asks for the help of the command the user was typing.</summary>
        private static string[] HelpArguments(ParseResult parse)
        {
            var words = new List<string>();
            for (var result = parse.CommandResult; result?.Parent is System.CommandLine.Parsing.CommandResult parent;
                 result = parent)
            {
                words.Insert(0, result.Command.Name);
            }

            words.Add("--help");
            return words.ToArray();
        }
    }

    /// <summary>The standard help, followed on the root command by the table of exit codes.</summary>
    internal sealed class HelpWithExitCodes(HelpAction standard) : SynchronousCommandLineAction
    {
        /// <inheritdoc />
        public override int Invoke(ParseResult parseResult)
        {
            standard.Invoke(parseResult);
            if (parseResult.CommandResult.Parent is not null)
            {
                return 0;
            }

            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Exit codes:");
            foreach (var code in ExitCodes.All)
            {
                output.WriteLine($"  {(int)code,3}  {ExitCodes.Describe(code)}");
            }

            output.WriteLine();
            return 0;
        }
    }
}
