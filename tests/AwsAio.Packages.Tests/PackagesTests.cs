using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace AwsAio.Packages.Tests;

/// <summary>
/// The packages as a user gets them: installed from a local feed into a fresh C# project and a fresh F# project that
/// build with warnings as errors and run, the tool installed into a folder and run, and the metadata and assemblies
/// inside them checked (readme, licence, repository and commit, Source Link, symbols, ranges, no test-only friends).
/// </summary>
[Collection(LocalFeedCollection.Name)]
public sealed partial class PackagesTests(LocalFeed feed)
{
    private const string ClosedPort = TestEnvironment.NowhereUrl;

    private static readonly string[] Libraries = ["AwsAio.Core", "AwsAio"];

    private string Package(string id) => Path.Combine(feed.Artifacts, $"{id}.{feed.Version}.nupkg");

    private static XElement Nuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Value(XElement metadata, string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private static IEnumerable<XElement> Dependencies(XElement metadata) => metadata.Descendants().Where(e => e.Name.LocalName == "dependency");

    [Fact]
    public void ACSharpProject_InstallsAwsAio_BuildsWithWarningsAsErrors_AndRunsIt()
    {
        var project = feed.Write("csharp/Consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AwsAio" Version="{feed.Version}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.15" />
                <PackageReference Include="Microsoft.Extensions.Configuration" Version="10.0.15" />
              </ItemGroup>
            </Project>
            """);
        feed.Write("csharp/Program.cs", $$"""
            using Amazon.Runtime;
            using AwsAio;
            using AwsAio.Core;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var plan =
                from bucket in Validate.BucketName("awsaio-consumer").ToEither()
                from key in Validate.ObjectKey("reports/today.csv").ToEither()
                select $"s3://{bucket}/{key}";
            Console.WriteLine(plan.Match(Right: p => $"plan {p}", Left: e => $"refused {e}"));

            using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
            {
                Credentials = new BasicAWSCredentials("AKIDCONSUMEREXAMPLE", "consumer-secret"),
                Region = "us-east-1",
                Endpoint = new EndpointOverride("{{ClosedPort}}"),
                MaxErrorRetry = 0,
            }).Match(Right: p => p, Left: e => throw new InvalidOperationException(e.ToString()));
            var status = await S3Interactions.GetBucketStatusAsync("awsaio-consumer", provider);
            Console.WriteLine(status.Match(Right: s => $"status {s}", Left: e => $"error {e.Category} exit {(int)ExitCodes.OfError(e)}"));

            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["AWS:Region"] = "eu-west-1", ["AWS:ServiceURL"] = "{{ClosedPort}}" })
                .Build();
            using var services = new ServiceCollection().AddAwsAio(configuration.GetSection("AWS")).BuildServiceProvider();
            Console.WriteLine($"hosted {((AwsClientProvider)services.GetRequiredService<IAwsClientProvider>()).Region}");
            """);

        var output = BuildAndRun(project);

        Assert.Contains("plan s3://awsaio-consumer/reports/today.csv", output);
        Assert.Contains("error Transport exit 10", output);
        Assert.Contains("hosted eu-west-1", output);
    }

    [Fact]
    public void AnFSharpProject_WithTheSdksOwnFSharpCore_InstallsAwsAio_BuildsWithWarningsAsErrors_AndRunsIt()
    {
        // No FSharp.Core reference: the SDK's implicit one, which the packages' FSharp.Core floor must not exceed
        // (a NU1605 downgrade error here otherwise).
        var project = feed.Write("fsharp/Consumer.fsproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <Compile Include="Program.fs" />
              </ItemGroup>
              <ItemGroup>
                <PackageReference Include="AwsAio.FSharp" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        feed.Write("fsharp/Program.fs", $$"""
            open System
            open System.Threading
            open Amazon.Runtime
            open AwsAio
            open AwsAio.Core
            open AwsAio.FSharp

            [<EntryPoint>]
            let main _ =
                match Validate.bucketName "awsaio-consumer" with
                | Ok bucket -> printfn "plan s3://%s" bucket
                | Error e -> printfn "refused %O" e

                let options =
                    AwsClientProviderOptions(
                        Credentials = BasicAWSCredentials("AKIDCONSUMEREXAMPLE", "consumer-secret"),
                        Region = "us-east-1",
                        Endpoint = EndpointOverride("{{ClosedPort}}"),
                        MaxErrorRetry = Nullable 0)
                use provider = AwsClientProvider.Create(options).Match((fun p -> p), (fun (e: DomainError) -> failwith (string e)))
                let status = S3Interactions.GetBucketStatusAsync("awsaio-consumer", provider).Result
                printfn "%s" (status.Match((fun s -> $"status {s}"), (fun (e: DomainError) -> $"error {e.Category} exit {int (ExitCodes.ofError e)}")))
                match (S3.getBucketStatus "awsaio-consumer" provider CancellationToken.None).Result with
                | Ok s -> printfn "fsharp status %O" s
                | Error e -> printfn "fsharp result %O" e.Category
                0
            """);

        var output = BuildAndRun(project);

        Assert.Contains("plan s3://awsaio-consumer", output);
        Assert.Contains("error Transport exit 10", output);
        Assert.Contains("fsharp result Transport", output);
    }

    [Fact]
    public void TheTool_InstallsIntoAFolder_AndRuns()
    {
        var tools = Path.Combine(feed.Folder, "tools");

        var install = LocalFeed.Run(feed.Folder, "dotnet", "tool", "install", "AwsAio.Cli", "--version", feed.Version,
            "--tool-path", tools, "--add-source", feed.Artifacts);
        Assert.True(install.ExitCode == 0, install.ToString());
        var help = LocalFeed.Run(feed.Folder, Path.Combine(tools, "awsaio"), "--help");

        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("awsaio [command] [options]", help.Output);
        Assert.Contains("Exit codes:", help.Output);
    }

    [Theory]
    [InlineData("AwsAio.Core")]
    [InlineData("AwsAio")]
    [InlineData("AwsAio.FSharp")]
    [InlineData("AwsAio.Testing")]
    [InlineData("AwsAio.Cli")]
    public void EveryPackage_CarriesReadmeLicenceRepositoryAndCommit_WithSymbolsApart(string id)
    {
        var metadata = Nuspec(Package(id));
        using var zip = ZipFile.OpenRead(Package(id));
        var files = zip.Entries.Select(e => e.FullName).ToList();

        Assert.Equal(feed.Version, Value(metadata, "version"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Contains("README.md", files);
        Assert.Equal("Apache-2.0", Value(metadata, "license"));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.StartsWith("https://", repository.Attribute("url")?.Value);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
        Assert.DoesNotContain(files, f => f.EndsWith(".pdb", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.ChangeExtension(Package(id), ".snupkg")), $"{id} has no .snupkg");
    }

    [Theory]
    [InlineData("AwsAio.Core")]
    [InlineData("AwsAio")]
    [InlineData("AwsAio.FSharp")]
    [InlineData("AwsAio.Testing")]
    public void TheLibraries_ShipXmlDocs_AndSymbolsWithSourceLink(string id)
    {
        using var package = ZipFile.OpenRead(Package(id));
        Assert.Contains(package.Entries, e => e.FullName == $"lib/net10.0/{id}.xml");

        using var symbols = ZipFile.OpenRead(Path.ChangeExtension(Package(id), ".snupkg"));
        var pdb = Read(symbols.Entries.Single(e => e.FullName == $"lib/net10.0/{id}.pdb"));
        Assert.True(HasSourceLink(pdb), $"{id}.pdb has no Source Link document map");
    }

    [Theory]
    [InlineData("AwsAio.Core")]
    [InlineData("AwsAio")]
    [InlineData("AwsAio.FSharp")]
    [InlineData("AwsAio.Testing")]
    public void Dependencies_AreRangesWithAFloor_NeverExactPins(string id)
    {
        var dependencies = Dependencies(Nuspec(Package(id))).ToList();

        Assert.NotEmpty(dependencies);
        Assert.All(dependencies, d =>
        {
            var range = d.Attribute("version")!.Value;
            Assert.False(ExactPin().IsMatch(range), $"{d.Attribute("id")!.Value} is pinned exactly: {range}");
        });
    }

    [Fact]
    public void TheFSharpCoreFloor_IsNoHigherThanTheFSharpCoreOfThisSdk()
    {
        var sdkFSharpCore = SdkFSharpCoreVersion();
        var floors = Libraries
            .SelectMany(id => Dependencies(Nuspec(Package(id))))
            .Where(d => d.Attribute("id")!.Value == "FSharp.Core")
            .Select(d => Version.Parse(Floor().Match(d.Attribute("version")!.Value).Groups[1].Value))
            .ToList();

        Assert.NotEmpty(floors);
        Assert.All(floors, floor => Assert.True(floor <= sdkFSharpCore, $"FSharp.Core floor {floor} is above the SDK's {sdkFSharpCore}"));
    }

    [Theory]
    [InlineData("AwsAio.Core", "lib/net10.0/AwsAio.Core.dll")]
    [InlineData("AwsAio", "lib/net10.0/AwsAio.dll")]
    [InlineData("AwsAio.Cli", "tools/net10.0/any/AwsAio.dll")]
    [InlineData("AwsAio.Cli", "tools/net10.0/any/AwsAio.Core.dll")]
    [InlineData("AwsAio.Cli", "tools/net10.0/any/AwsAio.Cli.dll")]
    public void TheShippedAssemblies_NameNoFriends(string id, string assembly)
    {
        using var zip = ZipFile.OpenRead(Package(id));

        var friends = InternalsVisibleTo(Read(zip.Entries.Single(e => e.FullName == assembly)));

        Assert.Empty(friends);
    }

    /// <summary>Restores, builds (warnings as errors) and runs a consumer project; returns what it printed.</summary>
    private string BuildAndRun(string project)
    {
        var folder = Path.GetDirectoryName(project)!;
        var build = LocalFeed.Run(folder, "dotnet", "build", project, "-c", "Release", "-nologo", "-warnaserror");
        Assert.True(build.ExitCode == 0, build.ToString());
        var dll = Path.Combine(folder, "bin", "Release", "net10.0", "Consumer.dll");
        var run = LocalFeed.Run(folder, "dotnet", dll);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Output;
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>The FSharp.Core version the SDK in use brings for F# projects (its library pack).</summary>
    private static Version SdkFSharpCoreVersion()
    {
        var version = LocalFeed.Run(Path.GetTempPath(), "dotnet", "--version").Output.Trim();
        var line = LocalFeed.Run(Path.GetTempPath(), "dotnet", "--list-sdks").Output
            .Split('\n', StringSplitOptions.TrimEntries).First(l => l.StartsWith(version + " ", StringComparison.Ordinal));
        var sdk = Path.Combine(Regex.Match(line, @"\[(.+)\]").Groups[1].Value, version);
        var pack = Directory.GetFiles(Path.Combine(sdk, "FSharp", "library-packs"), "FSharp.Core.*.nupkg").Single();
        return Version.Parse(Path.GetFileNameWithoutExtension(pack)["FSharp.Core.".Length..]);
    }

    /// <summary>Whether a portable PDB carries a Source Link document map.</summary>
    private static bool HasSourceLink(byte[] pdb)
    {
        var sourceLink = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
        var reader = provider.GetMetadataReader();
        return reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
            .Select(reader.GetCustomDebugInformation)
            .Any(info => reader.GetGuid(info.Kind) == sourceLink
                         && Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value)).Contains("\"documents\"", StringComparison.Ordinal));
    }

    /// <summary>The assembly names an assembly's InternalsVisibleTo attributes name.</summary>
    private static List<string> InternalsVisibleTo(byte[] assembly)
    {
        using var pe = new PEReader(new MemoryStream(assembly));
        var reader = pe.GetMetadataReader();
        var friends = new List<string>();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            var type = attribute.Constructor.Kind switch
            {
                HandleKind.MemberReference when reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is
                    { Kind: HandleKind.TypeReference } parent => reader.GetString(reader.GetTypeReference((TypeReferenceHandle)parent).Name),
                HandleKind.MethodDefinition => reader.GetString(reader.GetTypeDefinition(
                    reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType()).Name),
                _ => "",
            };
            if (type == "InternalsVisibleToAttribute")
            {
                var value = reader.GetBlobReader(attribute.Value);
                value.ReadUInt16();
                friends.Add(value.ReadSerializedString() ?? "");
            }
        }

        return friends;
    }

    [GeneratedRegex(@"^\[[^,]+\]$")]
    private static partial Regex ExactPin();

    [GeneratedRegex(@"^\[([0-9.]+)\s*,")]
    private static partial Regex Floor();
}
