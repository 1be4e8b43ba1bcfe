namespace AwsAio.FSharp

open System
open System.Threading
open System.Threading.Tasks
open AwsAio
open AwsAio.Core

/// Every <c>StsInteractions</c> call as <c>Task&lt;Result&lt;'T, DomainError&gt;&gt;</c>.
[<RequireQualifiedAccess>]
module Sts =

    /// Who the provider's credentials belong to.
    let getCallerIdentity (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<CallerIdentity, DomainError>> =
        StsInteractions.GetCallerIdentityAsync(provider, ct) |> Interop.ofTask

    /// Assumes a role once and returns its temporary credentials.
    let assumeRole (roleArn: string) (sessionName: string option) (externalId: string option) (duration: TimeSpan option)
                   (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<AssumedRole, DomainError>> =
        let orNull = function
            | Some (s: string) -> s
            | None -> Unchecked.defaultof<string>
        StsInteractions.AssumeRoleAsync(roleArn, provider, orNull sessionName, orNull externalId, Option.toNullable duration, ct)
        |> Interop.ofTask

    /// The provider's account and region (one STS call, then cached).
    let getEnvironment (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<AwsEnvironment, DomainError>> =
        provider.GetEnvironmentAsync ct |> Interop.ofTask
