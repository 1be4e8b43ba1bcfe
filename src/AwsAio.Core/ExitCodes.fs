namespace AwsAio.Core

open System.Collections.Generic

/// How a command-line program built on AwsAio (the <c>awsaio</c> tool among them) tells its caller's shell what
/// happened: one code per error category, so that a script can branch on the kind of failure without parsing text.
type ExitCode =
    /// The command did what it was asked.
    | Success = 0
    /// An error the library does not classify (an unmapped AWS error, a local I/O failure, a pagination anomaly).
    | Unexpected = 1
    /// The command line itself was wrong (an unknown option, a missing argument); nothing was attempted.
    | Usage = 2
    /// A value broke a rule before any request, or AWS rejected the request as invalid.
    | Input = 3
    /// The bucket, object, file or other resource does not exist.
    | NotFound = 4
    /// The caller may not do this (AWS denied it, a role could not be assumed, a local path is not writable).
    | Access = 5
    /// No usable credentials: a missing profile, expired or invalid keys.
    | Credentials = 6
    /// The resource is in a state that conflicts with the request (a name taken, a file already there).
    | Conflict = 7
    /// AWS asked the caller to slow down; trying again later may work.
    | Throttled = 8
    /// AWS failed or timed out on its side; trying again later may work.
    | Transient = 9
    /// The network failed before an answer arrived.
    | Transport = 10
    /// A change was sent but its answer was lost: it may or may not have taken effect.
    | OutcomeUnknown = 11
    /// The caller cancelled (Ctrl-C); 128 + SIGINT, as shells report an interrupted command.
    | Cancelled = 130

/// The one decision from an error to an exit code, and the codes' meanings for help texts.
[<RequireQualifiedAccess>]
module ExitCodes =

    /// The exit code of an error category. Total and one-to-one: every category has its own code, never
    /// <c>Success</c> and never <c>Usage</c>.
    /// <example><code>ExitCodes.ofCategory ErrorCategory.NotFound = ExitCode.NotFound</code></example>
    [<CompiledName("OfCategory")>]
    let ofCategory (category: ErrorCategory) : ExitCode =
        match category with
        | ErrorCategory.NotFound -> ExitCode.NotFound
        | ErrorCategory.Access -> ExitCode.Access
        | ErrorCategory.Throttled -> ExitCode.Throttled
        | ErrorCategory.Transient -> ExitCode.Transient
        | ErrorCategory.Credentials -> ExitCode.Credentials
        | ErrorCategory.Input -> ExitCode.Input
        | ErrorCategory.Conflict -> ExitCode.Conflict
        | ErrorCategory.Transport -> ExitCode.Transport
        | ErrorCategory.Cancelled -> ExitCode.Cancelled
        | ErrorCategory.OutcomeUnknown -> ExitCode.OutcomeUnknown
        // Unknown, and any value outside the enum a caller may cast.
        | _ -> ExitCode.Unexpected

    /// The exit code of an error: the code of its category (a null error is <c>Unexpected</c>).
    /// <example><code>ExitCodes.ofError (InvalidInput("bucket name", "must not be empty")) = ExitCode.Input</code></example>
    [<CompiledName("OfError")>]
    let ofError (error: DomainError | null) : ExitCode =
        match error with
        | null -> ExitCode.Unexpected
        | e -> ofCategory e.Category

    /// Every exit code, in numeric order.
    [<CompiledName("All")>]
    let all : IReadOnlyList<ExitCode> =
        System.Enum.GetValues<ExitCode>() |> Array.sort :> IReadOnlyList<ExitCode>

    /// What an exit code means, in a few words (for help texts and documentation).
    /// <example><code>ExitCodes.describe ExitCode.NotFound = "not found: the bucket, object, file or other resource does not exist"</code></example>
    [<CompiledName("Describe")>]
    let describe (code: ExitCode) : string =
        match code with
        | ExitCode.Success -> "success"
        | ExitCode.Unexpected -> "unexpected: an error AwsAio does not classify"
        | ExitCode.Usage -> "usage: the command line was wrong; nothing was attempted"
        | ExitCode.Input -> "input: a value broke a rule, or AWS rejected the request as invalid"
        | ExitCode.NotFound -> "not found: the bucket, object, file or other resource does not exist"
        | ExitCode.Access -> "access: the request was denied"
        | ExitCode.Credentials -> "credentials: none usable (missing profile, expired or invalid keys)"
        | ExitCode.Conflict -> "conflict: the resource's state conflicts with the request"
        | ExitCode.Throttled -> "throttled: AWS asked to slow down; try again later"
        | ExitCode.Transient -> "transient: AWS failed or timed out; try again later"
        | ExitCode.Transport -> "transport: the network failed before an answer arrived"
        | ExitCode.OutcomeUnknown -> "outcome unknown: a change was sent but its answer was lost; check before trying again"
        | ExitCode.Cancelled -> "cancelled"
        | other -> $"exit code {int other}"
