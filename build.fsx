// AwsAio build script: `dotnet fsi build.fsx -t <Target>`.
// Targets: Restore -> Build -> Run (the default: the awsaio tool against an embedded S3 store, then the sample);
// Restore -> Pack (the packages, into artifacts/); Build + Pack -> Test (every test project, the packages test among them).
// Restore -> Mutate (mutation testing of the C# shell with Stryker.NET; long, not in CI).
// Fake.Core.Target 5.20.3 is the newest FAKE that restores on this toolchain (6.x needs packages the feed lacks).
#r "nuget: Fake.Core.Target, 5.20.3"
#load "build/Demo.fsx"

open System
open System.Diagnostics
open System.IO
open System.IO.Compression
open System.Text.RegularExpressions
open System.Xml.Linq
open Fake.Core
open Fake.Core.TargetOperators

let allArgs = fsi.CommandLineArgs |> Array.skip 1 |> List.ofArray
/// `-t Bench --quick`: the short benchmark run (FAKE's own parser does not know the flag, so it is taken out here).
let quick = allArgs |> List.contains "--quick"
let args = allArgs |> List.filter (fun a -> a <> "--quick")
Context.setExecutionContext (Context.RuntimeContext.Fake (Context.FakeExecutionContext.Create false "build.fsx" args))

let root = __SOURCE_DIRECTORY__
let solution = Path.Combine(root, "AwsAio.sln")
let configuration = Environment.environVarOrDefault "CONFIGURATION" "Release"
let testResults = Path.Combine(root, "TestResults")
let peers = Path.Combine(root, "tests", "peers")
let artifacts = Path.Combine(root, "artifacts")

/// Runs a program to completion in a folder; a non-zero exit fails the target.
/// Plain Process rather than Fake.DotNet.Cli: its 5.x line cannot read MSBuild 18's binary log.
let runIn (folder: string) (program: string) (arguments: string list) =
    let info = ProcessStartInfo(program, WorkingDirectory = folder, UseShellExecute = false)
    arguments |> List.iter info.ArgumentList.Add
    use proc = Process.Start info
    proc.WaitForExit()
    if proc.ExitCode <> 0 then
        failwithf "'%s %s' exited with %d" program (String.Join(" ", arguments)) proc.ExitCode

/// Runs a program to completion with the repository as working directory; a non-zero exit fails the target.
let run (program: string) (arguments: string list) = runIn root program arguments

/// Runs a program and returns its standard output (for reading machine configuration).
let read (program: string) (arguments: string list) =
    let info = ProcessStartInfo(program, WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true)
    arguments |> List.iter info.ArgumentList.Add
    use proc = Process.Start info
    let output = proc.StandardOutput.ReadToEnd()
    proc.WaitForExit()
    output

/// Paket reads its feed from AWSAIO_NUGET_SOURCE so that no registry host is committed. When it is unset, take the
/// first enabled source of this machine's own NuGet configuration; a corporate mirror is one variable away.
let ensureFeed () =
    if String.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable "AWSAIO_NUGET_SOURCE") then
        let enabled =
            read "dotnet" [ "nuget"; "list"; "source"; "--format"; "short" ]
            |> fun text -> text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            |> Array.map (fun line -> line.Trim())
            |> Array.tryPick (fun line ->
                let m = Regex.Match(line, @"^E\w*\s+(\S+)$")
                if m.Success then Some m.Groups.[1].Value else None)
        match enabled with
        | Some source -> Environment.SetEnvironmentVariable("AWSAIO_NUGET_SOURCE", source)
        | None -> failwith "No enabled NuGet source is configured: set AWSAIO_NUGET_SOURCE to your feed."

Target.create "Restore" (fun _ ->
    ensureFeed ()
    run "dotnet" [ "tool"; "restore" ]
    run "dotnet" [ "paket"; "restore" ]
    run "dotnet" [ "restore"; solution ]
    if File.Exists(Path.Combine(peers, "package-lock.json")) then
        run "npm" [ "ci"; "--prefix"; peers; "--no-audit"; "--no-fund"; "--loglevel=error" ])

Target.create "Build" (fun _ ->
    run "dotnet" [ "build"; solution; "-c"; configuration; "--no-restore"; "-nologo"; "-v"; "minimal" ])

/// The closing line of a test run, printed again after FAKE's own report so that it ends the output.
let mutable testLine : string option = None

/// Reads the counters of one TRX file: (passed, failed, skipped).
let countTrx (path: string) =
    let doc = XDocument.Load path
    let counters = doc.Descendants() |> Seq.find (fun e -> e.Name.LocalName = "Counters")
    let get (name: string) =
        match counters.Attribute(XName.Get name) with
        | null -> 0
        | a -> int a.Value
    // xUnit's skipped tests are counted neither as executed nor as notExecuted: they are total minus executed.
    get "passed", get "failed" + get "error" + get "timeout" + get "aborted", max (get "notExecuted") (get "total" - get "executed")

Target.create "Test" (fun _ ->
    if Directory.Exists testResults then Directory.Delete(testResults, true)
    let projects =
        Directory.GetFiles(Path.Combine(root, "tests"), "*.Tests.*proj", SearchOption.AllDirectories)
        |> Array.filter (fun p -> not (p.Contains "node_modules"))
        |> Array.sort
    let failures =
        projects
        |> Array.choose (fun project ->
            let name = Path.GetFileNameWithoutExtension project
            try
                run "dotnet" [ "test"; project; "-c"; configuration; "--no-build"; "--nologo"
                               "--logger"; $"trx;LogFileName={name}.trx"; "--results-directory"; testResults ]
                None
            with ex -> Some ex.Message)
    let trx = if Directory.Exists testResults then Directory.GetFiles(testResults, "*.trx") else [||]
    let passed, failed, skipped =
        trx |> Array.map countTrx |> Array.fold (fun (p, f, s) (p', f', s') -> p + p', f + f', s + s') (0, 0, 0)
    // A project that crashed before writing its TRX still fails the run.
    let failed = if failures.Length > 0 && failed = 0 then failures.Length else failed
    testLine <- Some (sprintf "tests: %d passed, %d failed, %d skipped" passed failed skipped)
    printfn "%s" testLine.Value
    if failures.Length > 0 || failed > 0 || passed = 0 then
        failwithf "%d test project(s) failed" (max failures.Length 1))

/// The main job: the awsaio tool, as a process, through a whole S3 scenario against s3rver started on loopback (stopped
/// whatever happens), then the offline sample.
Target.create "Run" (fun _ ->
    Demo.run root configuration
    printfn ""
    printfn "The offline sample: input checked before any request, and how the core reads AWS's answers."
    run "dotnet" [ "run"; "--project"; Path.Combine(root, "samples", "AwsAio.Sample"); "-c"; configuration; "--no-build" ])

/// The FSharp.Core range of a package, as paket.dependencies declares it ("nuget FSharp.Core >= A < B").
let declaredFSharpCoreRange () =
    let line =
        File.ReadAllLines(Path.Combine(root, "paket.dependencies"))
        |> Array.tryPick (fun l ->
            let m = Regex.Match(l.Trim(), @"^nuget\s+FSharp\.Core\s+>=\s*(\S+)\s+<\s*(\S+)$")
            if m.Success then Some(m.Groups.[1].Value, m.Groups.[2].Value) else None)
    match line with
    | Some(floor, below) -> $"[{floor}, {below})"
    | None -> failwith "paket.dependencies must declare FSharp.Core as 'nuget FSharp.Core >= FLOOR < CEILING'"

/// Paket's fix-nuspecs writes each direct dependency's paket.dependencies range with its floor raised to the version
/// in paket.lock: a floor we build and test with, which is what a package should promise. FSharp.Core is the exception:
/// an F# consumer gets the FSharp.Core its SDK ships (an implicit reference), and a floor above it is a NU1605
/// downgrade error there (the lock has 10.1.404, the .NET 10.0.401 SDK ships 10.1.401). So FSharp.Core's range is the
/// one paket.dependencies declares, whose floor is the SDK's; the packages test builds an F# consumer on it, and a C#
/// consumer, which resolves exactly that floor, runs the library on it.
let applyFSharpCoreRange (package: string) =
    let range = declaredFSharpCoreRange ()
    use zip = ZipFile.Open(package, ZipArchiveMode.Update)
    let entry = zip.Entries |> Seq.find (fun e -> e.FullName.EndsWith ".nuspec" && not (e.FullName.Contains "/"))
    let document =
        use stream = entry.Open()
        XDocument.Load stream
    let fsharpCore =
        document.Descendants()
        |> Seq.filter (fun e ->
            e.Name.LocalName = "dependency"
            && (match e.Attribute(XName.Get "id") with
                | null -> false
                | id -> id.Value = "FSharp.Core"))
        |> List.ofSeq
    if not fsharpCore.IsEmpty then
        fsharpCore |> List.iter (fun d -> d.SetAttributeValue(XName.Get "version", range))
        entry.Delete()
        use stream = zip.CreateEntry(entry.FullName).Open()
        document.Save stream

/// AwsAio.Core, AwsAio, AwsAio.FSharp, the AwsAio.Testing kit and the AwsAio.Cli tool into artifacts/: built apart from the test build (AwsAioShipping, see
/// Directory.Build.props), with README, XML docs, licence, repository and commit, Source Link and .snupkg symbols.
Target.create "Pack" (fun _ ->
    if Directory.Exists artifacts then Directory.Delete(artifacts, true)
    for project in [ "AwsAio.Core/AwsAio.Core.fsproj"; "AwsAio/AwsAio.csproj"; "AwsAio.FSharp/AwsAio.FSharp.fsproj"
                     "AwsAio.Testing/AwsAio.Testing.csproj"; "AwsAio.Cli/AwsAio.Cli.csproj" ] do
        run "dotnet" [ "pack"; Path.Combine(root, "src", project); "-c"; configuration; "--no-restore"; "-nologo"; "-v"; "minimal"
                       "-p:AwsAioShipping=true" ]
    for package in Directory.GetFiles(artifacts, "*.nupkg") do
        applyFSharpCoreRange package
    Directory.GetFiles artifacts |> Array.sort |> Array.iter (fun f -> printfn "packed %s" (Path.GetFileName f)))

/// Puts a generated table into bench/README.md between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`.
let spliceBench (name: string) (table: string) =
    let readme = Path.Combine(root, "bench", "README.md")
    let text = File.ReadAllText readme
    let start, finish = sprintf "<!-- bench:%s -->" name, sprintf "<!-- /bench:%s -->" name
    let a, b = text.IndexOf start, text.IndexOf finish
    if a < 0 || b < a then failwithf "bench/README.md has no %s ... %s markers" start finish
    let updated = text.Substring(0, a + start.Length) + "\n" + table.Trim() + "\n" + text.Substring b
    File.WriteAllText(readme, updated)

/// Benchmarks: the in-process goal table (interleaved A/B runner for time, BenchmarkDotNet's memory diagnoser for
/// allocations, the 100k/1M streaming heap) and the s3rver end-to-end table, written into bench/README.md.
/// `--quick` (under five minutes) runs fewer rounds and iterations.
Target.create "Bench" (fun _ ->
    let project = Path.Combine(root, "bench", "AwsAio.Benchmarks")
    let output = Path.Combine(root, "BenchmarkDotNet.Artifacts", "awsaio")
    let flags = (if quick then [ "--quick" ] else []) @ [ "--out"; output ]
    run "dotnet" [ "build"; project; "-c"; "Release"; "--no-restore"; "-v"; "minimal" ]
    for part in [ "inprocess"; "s3rver" ] do
        run "dotnet" ([ "run"; "--project"; project; "-c"; "Release"; "--no-build"; "--"; part ] @ flags)
        spliceBench part (File.ReadAllText(Path.Combine(output, part + ".md"))))

/// Mutation testing of the C# shell (Stryker.NET 5.1.0, a local tool; settings in tests/AwsAio.Tests/stryker-config.json):
/// every mutant of src/AwsAio against tests/AwsAio.Tests. Not part of Test or CI: a full run takes the better part of
/// an hour on two cores. Stryker runs from the test project's folder (at the root it would see the solution and refuse
/// a test-project list). Reports (HTML, JSON, Markdown) go to StrykerOutput/ (git-ignored); below 85% the target fails.
/// Stryker compiles mutants in memory and writes only build outputs: no tracked file changes.
Target.create "Mutate" (fun _ ->
    runIn (Path.Combine(root, "tests", "AwsAio.Tests")) "dotnet"
        [ "dotnet-stryker"; "--output"; Path.Combine(root, "StrykerOutput"); "--skip-version-check" ])

"Restore" ==> "Build" ==> "Test" |> ignore
"Restore" ==> "Pack" ==> "Test" |> ignore
"Restore" ==> "Bench" |> ignore
"Restore" ==> "Mutate" |> ignore
"Build" ==> "Run" |> ignore

let exitCode =
    try
        Target.runOrDefaultWithArguments "Run"
        0
    with _ -> 1
testLine |> Option.iter (printfn "%s")
exit exitCode
