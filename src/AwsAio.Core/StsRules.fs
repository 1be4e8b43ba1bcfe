namespace AwsAio.Core

open System

/// STS's answers as the domain reads them: an identity needs an account, and assumed-role credentials must be
/// complete, or the answer is an error rather than a value that fails later.
[<RequireQualifiedAccess>]
module StsRules =

    let private text (s: string | null) =
        match s with
        | null -> ""
        | s -> s

    /// The caller identity GetCallerIdentity answered; an answer without an account (an HTML page, another document)
    /// is a MalformedResponse, kept with its status and request id.
    /// <example><code>StsRules.callerIdentity ("123456789012", "arn", "id", 200, "r") |> Result.isOk = true</code></example>
    [<CompiledName("CallerIdentity")>]
    let callerIdentity (account: string | null, arn: string | null, userId: string | null, httpStatus: int,
                        requestId: string | null) : Result<CallerIdentity, DomainError> =
        if String.IsNullOrEmpty account then
            Error(MalformedResponse("it names no account, so it is not an identity",
                                    AwsErrorDetails.Of(StsOperations.Service, StsOperations.GetCallerIdentity, "", "STS answered without an account",
                                                       httpStatus, text requestId)))
        else Ok { Account = text account; Arn = text arn; UserId = text userId }

    /// The error for an AssumeRole answer whose credentials are not complete (see <c>CredentialRules.isComplete</c>):
    /// a MalformedResponse naming the role — not a refusal, which would read as a permissions problem.
    /// <example><code>StsRules.incompleteCredentials ("arn:aws:iam::123456789012:role/R", 200, "r") // MalformedResponse</code></example>
    [<CompiledName("IncompleteCredentials")>]
    let incompleteCredentials (roleArn: string, httpStatus: int, requestId: string | null) : DomainError =
        MalformedResponse("it holds no complete credentials (key id, secret, session token and expiry)",
                          { AwsErrorDetails.Of(StsOperations.Service, StsOperations.AssumeRole, "", "STS answered without complete credentials",
                                               httpStatus, text requestId) with Target = ErrorTarget.Of roleArn })
