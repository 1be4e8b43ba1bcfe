// AwsAio build script: `dotnet fsi build.fsx -t <Target>`.
// Targets: Restore -> Build -> Test, and Run (the default: build, then the sample).
// Fake.Core.Target 5.20.3 is the newest FAKE that restores on this toolchain (6.x needs packages the feed lacks).
#r "nuget: Fake.Core.Target, 5.20.3"

open System
open System.Diagnostics
open System.IO
open System.Text.RegularExpressions
open System.Xml.Linq
open Fake.Core
open Fake.Core.TargetOperators

let args = fsi.CommandLineArgs |> Array.skip 1 |> List.ofArray
Context.setExecutionContext (Context.RuntimeContext.Fake (Context.FakeExecutionContext.Create false "build.fsx" args))

let root = __SOURCE_DIRECTORY__
let solution = Path.Combine(root, "AwsAio.sln")
let configuration = Environment.environVarOrDefault "CONFIGURATION" "Release"
let testResults = Path.Combine(root, "TestResults")
let peers = Path.Combine(root, "tests", "peers")

/// Runs a program to completion with the repository as working directory; a non-zero exit fails the target.
/// Plain Process rather than Fake.DotNet.Cli: its 5.x line cannot read MSBuild 18's binary log.
let run (program: string) (arguments: string list) =
    let info = ProcessStartInfo(program, WorkingDirectory = root, UseShellExecute = false)
    arguments |> List.iter info.ArgumentList.Add
    use proc = Process.Start info
    proc.WaitForExit()
    if proc.ExitCode <> 0 then
        failwithf "'%s %s' exited with %d" program (String.Join(" ", arguments)) proc.ExitCode

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

Target.create "Run" (fun _ ->
    run "dotnet" [ "run"; "--project"; Path.Combine(root, "samples", "AwsAio.Sample"); "-c"; configuration; "--no-build" ])

/// BenchmarkDotNet: AwsAio beside the raw SDK against s3rver; results under BenchmarkDotNet.Artifacts/.
Target.create "Bench" (fun _ ->
    let project = Path.Combine(root, "bench", "AwsAio.Benchmarks")
    run "dotnet" [ "run"; "--project"; project; "-c"; "Release"; "--"; "--filter"; "*"; "--artifacts"
                   Path.Combine(root, "BenchmarkDotNet.Artifacts") ])

"Restore" ==> "Build" ==> "Test" |> ignore
"Restore" ==> "Bench" |> ignore
"Build" ==> "Run" |> ignore

let exitCode =
    try
        Target.runOrDefaultWithArguments "Run"
        0
    with _ -> 1
testLine |> Option.iter (printfn "%s")
exit exitCode
