// The main job's scenario: the awsaio tool, run as a process, against s3rver (the pinned S3 peer of the tests) started on
// loopback as an embedded store. Loaded by build.fsx (target Run); every step prints the command, what it printed, its
// exit code and how many requests reached the store, and a step that ends otherwise than expected fails the run.
module Demo

open System
open System.Diagnostics
open System.IO
open System.Net.Http
open System.Security.Cryptography
open System.Text.Json
open System.Threading

/// s3rver on 127.0.0.1, on a port the OS chooses, over a temporary folder; stopped (and the folder deleted) on Dispose,
/// on Ctrl-C, and when this process ends (the launcher exits when its standard input closes).
type EmbeddedS3(peers: string) =
    let folder = Path.Combine(Path.GetTempPath(), "awsaio-demo-" + Guid.NewGuid().ToString("N"))
    let proc =
        Directory.CreateDirectory folder |> ignore
        let info = ProcessStartInfo("node", WorkingDirectory = peers, UseShellExecute = false, RedirectStandardInput = true,
                                    RedirectStandardOutput = true, RedirectStandardError = true)
        info.ArgumentList.Add(Path.Combine(peers, "start-s3rver.js"))
        info.ArgumentList.Add folder
        // Node 20's OpenSSL 3 refuses the legacy cipher s3rver uses for ListObjectsV2 continuation tokens.
        info.Environment.["NODE_OPTIONS"] <- "--openssl-legacy-provider"
        Process.Start info
    let stop () =
        try
            if not proc.HasExited then
                proc.StandardInput.Close()
                if not (proc.WaitForExit 5000) then proc.Kill true
        with _ -> ()
        try Directory.Delete(folder, true) with _ -> ()
    let onCancel = ConsoleCancelEventHandler(fun _ _ -> stop ())
    do Console.CancelKeyPress.AddHandler onCancel
    let port =
        let line = proc.StandardOutput.ReadLine()
        match line with
        | null -> stop (); failwithf "s3rver did not start: %s" (proc.StandardError.ReadToEnd())
        | l when l.StartsWith "LISTENING " -> int (l.Substring 10)
        | l -> stop (); failwithf "s3rver said '%s' instead of 'LISTENING <port>'" l
    let http = new HttpClient(BaseAddress = Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds 10.0)

    /// The endpoint URL.
    member _.Url = $"http://127.0.0.1:{port}"

    /// S3 requests the store received since the last call (the launcher counts them; its control path is not counted).
    member _.TakeRequestCount() =
        let count = http.GetStringAsync("__awsaio/requests").Result |> int
        http.DeleteAsync("__awsaio/requests").Result.EnsureSuccessStatusCode() |> ignore
        count

    interface IDisposable with
        member _.Dispose() =
            http.Dispose()
            stop ()
            Console.CancelKeyPress.RemoveHandler onCancel

/// What one run of awsaio did.
type Outcome = { ExitCode: int; Stdout: string; Stderr: string }

/// Runs `dotnet <cli> <args>` with the given environment and returns what it printed and its exit code.
let private awsaio (cli: string) (environment: (string * string) list) (args: string list) =
    let info = ProcessStartInfo("dotnet", UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true)
    info.ArgumentList.Add cli
    args |> List.iter info.ArgumentList.Add
    environment |> List.iter (fun (name, value) -> info.Environment.[name] <- value)
    use proc = Process.Start info
    let stderr = proc.StandardError.ReadToEndAsync()
    let stdout = proc.StandardOutput.ReadToEnd()
    proc.WaitForExit()
    { ExitCode = proc.ExitCode; Stdout = stdout; Stderr = stderr.Result }

/// Prints a command's output indented, at most `limit` lines of it.
let private indent (limit: int) (text: string) =
    let lines = text.TrimEnd().Split('\n') |> Array.filter (fun l -> l.Trim().Length > 0)
    lines |> Array.truncate limit |> Array.iter (fun l -> printfn "    %s" (l.TrimEnd()))
    if lines.Length > limit then printfn "    … (%d more lines)" (lines.Length - limit)

/// The scenario: create, fill, list across pages, read back, refuse, destroy.
let run (root: string) (configuration: string) =
    let cli = Path.Combine(root, "src", "AwsAio.Cli", "bin", configuration, "net10.0", "AwsAio.Cli.dll")
    if not (File.Exists cli) then failwithf "%s is missing: build first (dotnet fsi build.fsx -t Build)" cli
    use store = new EmbeddedS3(Path.Combine(root, "tests", "peers"))
    let work = Directory.CreateTempSubdirectory("awsaio-demo-files-")
    try
        // What a user of the AWS CLI would export for a local S3-compatible store; s3rver accepts only its fixed keys.
        let environment =
            [ "AWS_ENDPOINT_URL", store.Url; "AWS_REGION", "us-east-1"; "AWS_ACCESS_KEY_ID", "S3RVER"
              "AWS_SECRET_ACCESS_KEY", "S3RVER"; "AWS_PROFILE", ""; "AWS_EC2_METADATA_DISABLED", "true" ]
        printfn ""
        printfn "awsaio against an embedded S3 store (s3rver 3.7.1 on %s)" store.Url
        printfn "environment: AWS_ENDPOINT_URL=%s AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=(s3rver's fixed key)" store.Url
        let mutable number = 0
        let stepShowing (limit: int) (title: string) (expected: int) (args: string list) =
            number <- number + 1
            printfn ""
            printfn "%2d. %s" number title
            printfn "    $ awsaio %s" (String.Join(" ", args |> List.map (fun a -> if a.Contains ' ' then $"'{a}'" else a)))
            let outcome = awsaio cli environment args
            indent limit outcome.Stdout
            indent limit outcome.Stderr
            let requests = store.TakeRequestCount()
            printfn "    -> exit %d, %d request%s to the store" outcome.ExitCode requests (if requests = 1 then "" else "s")
            if outcome.ExitCode <> expected then
                failwithf "step %d ('awsaio %s') exited with %d, expected %d" number (String.Join(" ", args)) outcome.ExitCode expected
            outcome
        let step = stepShowing Int32.MaxValue

        // Keys without folders: s3rver 3.7.1 deletes the keys of one DeleteObjects concurrently, and two keys in one
        // folder race to remove it (a 500 InternalError that the destroy step would rightly report).
        let bucket = "awsaio-demo"
        step "The provider awsaio builds from that environment (nothing is sent)" 0 [ "creds"; "explain" ] |> ignore
        step "Is the bucket there? (one HeadBucket)" 0 [ "s3"; "status"; bucket ] |> ignore
        step "Make sure it exists (HeadBucket, then CreateBucket)" 0 [ "s3"; "ensure"; bucket ] |> ignore
        let files =
            [ for part in 1..7 ->
                let path = Path.Combine(work.FullName, $"part-{part}.log")
                File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(1024 * part))
                part, path ]
        for part, path in files do
            step $"Upload part {part} with user metadata" 0
                [ "s3"; "put"; bucket; $"logs-2026-11-24-part-{part}.log"; path; "--metadata"; "team=platform"; "--metadata"; $"part={part}" ]
            |> ignore
        step "List them, three per page (three ListObjectsV2 requests, printed as they arrive)" 0
            [ "s3"; "ls"; bucket; "--prefix"; "logs-2026-11-24-"; "--page-size"; "3" ] |> ignore
        let json = stepShowing 12 "The same listing as one JSON document, for scripts" 0 [ "s3"; "ls"; bucket; "--page-size"; "3"; "--output"; "json" ]
        use document = JsonDocument.Parse json.Stdout
        let result = document.RootElement.GetProperty "result"
        printfn "    a script reads: ok=%b, count=%d, bytes=%d"
            (document.RootElement.GetProperty("ok").GetBoolean()) (result.GetProperty("count").GetInt32()) (result.GetProperty("bytes").GetInt64())
        let copy = Path.Combine(work.FullName, "part-4.copy")
        step "Download part 4 to a new file" 0 [ "s3"; "get"; bucket; "logs-2026-11-24-part-4.log"; copy ] |> ignore
        let same = File.ReadAllBytes(copy) = File.ReadAllBytes(snd files.[3])
        printfn "    the downloaded bytes equal the uploaded ones: %b" same
        if not same then failwith "the downloaded file differs from the uploaded one"
        step "Read its metadata (one HeadObject)" 0 [ "s3"; "meta"; bucket; "logs-2026-11-24-part-4.log" ] |> ignore
        step "A name S3 would refuse is refused before any request (exit 3: input)" 3 [ "s3"; "create"; "Not_A_Bucket" ] |> ignore
        step "A missing object is a clear error (exit 4: not found)" 4
            [ "s3"; "get"; bucket; "logs-2026-11-24-part-9.log"; Path.Combine(work.FullName, "part-9.log") ] |> ignore
        step "Destroy the bucket: every object, then the bucket" 0 [ "s3"; "destroy"; bucket; "--yes" ] |> ignore
        step "And it is gone" 0 [ "s3"; "status"; bucket ] |> ignore
        printfn ""
        printfn "Every step ran against the embedded store; it is stopped now. The same commands work against AWS with"
        printfn "--profile, --region and --role-arn instead of the endpoint (see README.md)."
    finally
        try work.Delete true with _ -> ()
