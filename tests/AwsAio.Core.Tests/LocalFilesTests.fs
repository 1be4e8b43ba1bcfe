module AwsAio.Core.Tests.LocalFilesTests

open System
open System.IO
open Xunit
open AwsAio.Core

module ``Reading`` =

    [<Fact>]
    let ``each kind of failure to open a file is its own error`` () =
        Assert.Equal(Some(LocalFileDoesNotExist "/x"), LocalFiles.readError ("/x", FileNotFoundException()))
        Assert.Equal(Some(LocalFileDoesNotExist "/x"), LocalFiles.readError ("/x", DirectoryNotFoundException()))
        Assert.Equal(Some(LocalFilePermissionDenied("/x", "no")), LocalFiles.readError ("/x", UnauthorizedAccessException "no"))
        Assert.Equal(Some(InvalidInput("local path", "is not a valid path on this system")), LocalFiles.readError ("/x", ArgumentException()))
        Assert.Equal(Some(LocalFileFailed("/x", "disk")), LocalFiles.readError ("/x", IOException "disk"))
        Assert.Equal(None, LocalFiles.readError ("/x", InvalidOperationException()))

module ``Writing`` =

    [<Fact>]
    let ``a clash is told from other write failures by whether something is at the path now`` () =
        Assert.Equal(Some(LocalFileAlreadyExists "/t/a"), LocalFiles.writeError ("/t/a", IOException "exists", true))
        Assert.Equal(Some(LocalFileFailed("/t/a", "full")), LocalFiles.writeError ("/t/a", IOException "full", false))
        Assert.Equal(Some(LocalDirectoryMissing "/t"), LocalFiles.writeError ("/t/a", DirectoryNotFoundException(), false))
        Assert.Equal(None, LocalFiles.writeError ("/t/a", OperationCanceledException(), false))

module ``Download targets`` =

    [<Fact>]
    let ``a target must name a file in an existing folder and must not exist`` () =
        Assert.Equal(Ok(), LocalFiles.downloadTarget ("/t/a.txt", true, false))
        Assert.Equal(Error(LocalFileAlreadyExists "/t/a.txt"), LocalFiles.downloadTarget ("/t/a.txt", true, true))
        Assert.Equal(Error(LocalDirectoryMissing "/t"), LocalFiles.downloadTarget ("/t/a.txt", false, false))
        Assert.True(Result.isError (LocalFiles.downloadTarget ("/t/", true, false)))

    [<Fact>]
    let ``the partial file sits beside the target, hidden and unique`` () =
        let name = LocalFiles.partialName ("/t/a.txt", Guid.Empty)
        Assert.Equal("/t/.a.txt.00000000000000000000000000000000.awsaio-partial", name)
        Assert.NotEqual<string>(name, LocalFiles.partialName ("/t/a.txt", Guid.NewGuid()))
