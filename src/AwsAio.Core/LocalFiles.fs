namespace AwsAio.Core

open System
open System.IO

/// The rules for local files the wrappers read and write: what a failure to open or write one means, and whether a
/// download target is acceptable. The shell gathers the facts (the exception, whether a path exists); the core decides.
[<RequireQualifiedAccess>]
module LocalFiles =

    let private badPath () = InvalidInput("local path", "is not a valid path on this system")

    /// A failure to open a file for reading as a domain error; None for an exception that is not about the file.
    /// <example><code>LocalFiles.readError ("/tmp/x", FileNotFoundException()) = Some(LocalFileDoesNotExist "/tmp/x")</code></example>
    [<CompiledName("ReadError")>]
    let readError (path: string, error: exn) : DomainError option =
        match error with
        | :? FileNotFoundException
        | :? DirectoryNotFoundException -> Some(LocalFileDoesNotExist path)
        | :? UnauthorizedAccessException as u -> Some(LocalFilePermissionDenied(path, u.Message))
        | :? ArgumentException
        | :? NotSupportedException
        | :? PathTooLongException -> Some(badPath ())
        | :? IOException as io -> Some(LocalFileFailed(path, io.Message))
        | _ -> None

    /// A failure to create or fill a file as a domain error; None for an exception that is not about the file.
    /// <paramref name="pathExistsNow"/> says whether something is at the path after the failure (then the failure
    /// was a name clash).
    /// <example><code>LocalFiles.writeError ("/tmp/x", IOException "exists", true) = Some(LocalFileAlreadyExists "/tmp/x")</code></example>
    [<CompiledName("WriteError")>]
    let writeError (path: string, error: exn, pathExistsNow: bool) : DomainError option =
        match error with
        | :? DirectoryNotFoundException ->
            Some(LocalDirectoryMissing(match Path.GetDirectoryName path with
                                       | null -> path
                                       | folder -> folder))
        | :? UnauthorizedAccessException as u -> Some(LocalFilePermissionDenied(path, u.Message))
        | :? ArgumentException
        | :? NotSupportedException
        | :? PathTooLongException -> Some(badPath ())
        | :? IOException when pathExistsNow -> Some(LocalFileAlreadyExists path)
        | :? IOException as io -> Some(LocalFileFailed(path, io.Message))
        | _ -> None

    /// Whether a download may write to <paramref name="fullPath"/>: it names a file, its folder exists, and nothing
    /// is there yet (downloads never overwrite).
    /// <example><code>LocalFiles.downloadTarget ("/tmp/a.txt", true, false) = Ok()</code></example>
    [<CompiledName("DownloadTarget")>]
    let downloadTarget (fullPath: string, folderExists: bool, somethingAtPath: bool) : Result<unit, DomainError> =
        if String.IsNullOrEmpty(Path.GetFileName fullPath) then Error(InvalidInput("local path", "must name a file, not a folder"))
        elif not folderExists then
            Error(LocalDirectoryMissing(match Path.GetDirectoryName fullPath with
                                        | null -> "."
                                        | folder -> folder))
        elif somethingAtPath then Error(LocalFileAlreadyExists fullPath)
        else Ok()

    /// The hidden name a download is written under before it is moved into place: beside the target, so the move is
    /// atomic, and unique to the download.
    /// <example><code>LocalFiles.partialName ("/tmp/a.txt", Guid.Empty) = "/tmp/.a.txt.00000000000000000000000000000000.awsaio-partial"</code></example>
    [<CompiledName("PartialName")>]
    let partialName (fullPath: string, unique: Guid) : string =
        let folder =
            match Path.GetDirectoryName fullPath with
            | null -> "."
            | f -> f
        Path.Combine(folder, $".{Path.GetFileName fullPath}.{unique:N}.awsaio-partial")
