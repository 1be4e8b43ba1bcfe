namespace AwsAio.Core

open System
open System.Collections.Generic
open System.IO

/// The Content-Type an upload gets when the caller gives none, guessed from the name's extension.
[<RequireQualifiedAccess>]
module ContentTypes =

    /// What S3 assumes when an object has no Content-Type.
    [<Literal>]
    let Unknown = "binary/octet-stream"

    // The AWS CLI guesses with Python's mimetypes table; this is that table's common part, plus types it lacks that
    // people store in S3 every day (.log, .md, .yaml, .jsonl, .parquet, .avro, .wasm, .webp, .avif). Unlike the CLI,
    // ".gz" is application/gzip (the CLI calls "x.txt.gz" text/plain, which browsers then show as garbage).
    let private table =
        dict [
            ".txt", "text/plain"; ".log", "text/plain"; ".text", "text/plain"; ".conf", "text/plain"; ".ini", "text/plain"
            ".csv", "text/csv"; ".tsv", "text/tab-separated-values"; ".md", "text/markdown"; ".markdown", "text/markdown"
            ".html", "text/html"; ".htm", "text/html"; ".css", "text/css"; ".js", "text/javascript"; ".mjs", "text/javascript"
            ".xml", "application/xml"; ".json", "application/json"; ".jsonl", "application/jsonl"; ".ndjson", "application/x-ndjson"
            ".yaml", "application/yaml"; ".yml", "application/yaml"; ".toml", "application/toml"
            ".pdf", "application/pdf"; ".zip", "application/zip"; ".gz", "application/gzip"; ".tgz", "application/gzip"
            ".tar", "application/x-tar"; ".bz2", "application/x-bzip2"; ".xz", "application/x-xz"; ".zst", "application/zstd"
            ".7z", "application/x-7z-compressed"; ".jar", "application/java-archive"; ".wasm", "application/wasm"
            ".parquet", "application/vnd.apache.parquet"; ".avro", "application/avro"; ".pcap", "application/vnd.tcpdump.pcap"
            ".png", "image/png"; ".jpg", "image/jpeg"; ".jpeg", "image/jpeg"; ".gif", "image/gif"; ".svg", "image/svg+xml"
            ".webp", "image/webp"; ".avif", "image/avif"; ".ico", "image/vnd.microsoft.icon"; ".bmp", "image/bmp"; ".tif", "image/tiff"
            ".tiff", "image/tiff"; ".mp3", "audio/mpeg"; ".wav", "audio/x-wav"; ".ogg", "audio/ogg"; ".mp4", "video/mp4"
            ".webm", "video/webm"; ".mov", "video/quicktime"; ".woff", "font/woff"; ".woff2", "font/woff2"; ".ttf", "font/ttf"
            ".otf", "font/otf"; ".doc", "application/msword"; ".xls", "application/vnd.ms-excel"
            ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            ".sh", "application/x-sh"; ".py", "text/x-python"; ".bin", "application/octet-stream"
        ]

    /// The Content-Type for a key or file name, from its last extension (case-insensitive); <c>binary/octet-stream</c>
    /// (S3's own default) when the extension is unknown or absent.
    /// <example><code>ContentTypes.guess "2026/11/app.log" = "text/plain"</code></example>
    [<CompiledName("Guess")>]
    let guess (name: string | null) : string =
        match name with
        | null -> Unknown
        | n ->
            let file = n.Substring(n.LastIndexOfAny [| '/'; '\\' |] + 1)
            match Path.GetExtension file with
            | null | "" -> Unknown
            | extension ->
                match table.TryGetValue(extension.ToLowerInvariant()) with
                | true, contentType -> contentType
                | _ -> Unknown

    /// Every extension the guess knows, with its type (for documentation and tests).
    [<CompiledName("Known")>]
    let known : IReadOnlyDictionary<string, string> = Dictionary<string, string>(table) :> IReadOnlyDictionary<string, string>
