using System.CommandLine;

namespace AwsAio.Cli;

/// <summary>
/// One group of commands under <c>awsaio</c> (<c>whoami</c>, <c>creds</c>, <c>s3</c>, …). A group is a class in its
/// own file implementing this interface; the root command finds every group in this assembly, so adding one (say
/// <c>ec2</c>) touches no other file.
/// </summary>
internal interface ICommandGroup
{
    /// <summary>Where the group appears in help, lowest first.</summary>
    int Order { get; }

    /// <summary>Builds the group's command with its subcommands; actions run through <paramref name="runner"/>.</summary>
    Command Build(CommandRunner runner);
}

/// <summary>Finds the command groups of this assembly.</summary>
internal static class CommandGroups
{
    /// <summary>One instance of every <see cref="ICommandGroup"/> in this assembly, in help order.</summary>
    public static IReadOnlyList<ICommandGroup> All() =>
        typeof(ICommandGroup).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommandGroup).IsAssignableFrom(t))
            .Select(t => (ICommandGroup)Activator.CreateInstance(t)!)
            .OrderBy(g => g.Order)
            .ToList();
}
