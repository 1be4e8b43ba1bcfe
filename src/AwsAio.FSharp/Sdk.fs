namespace AwsAio.FSharp

open System.Threading
open System.Threading.Tasks
open Amazon.Runtime
open AwsAio
open AwsAio.Core

/// Any AWS SDK call under AwsAio's rules (see <c>AwsSdk</c>), and any SDK client with the provider's credentials.
[<RequireQualifiedAccess>]
module Sdk =

    /// Runs one SDK call; an exception becomes the core's <c>DomainError</c>, naming service, operation and resource.
    let call (info: CallInfo) (sdk: CancellationToken -> Task<'Response>) (provider: IAwsClientProvider) (ct: CancellationToken)
        : Task<Result<'Response, DomainError>> =
        AwsSdk.CallAsync(info, System.Func<CancellationToken, Task<'Response>> sdk, provider, ct) |> Interop.ofTask

    /// The same call as an operation.
    let op (info: CallInfo) (sdk: IAwsClientProvider -> CancellationToken -> Task<'Response>) : AwsOp<'Response> =
        AwsSdk.Call(info, System.Func<IAwsClientProvider, CancellationToken, Task<'Response>>(fun p ct -> sdk p ct))

    /// An SDK client built once per provider with its credentials, region, endpoint and settings.
    let client<'Client, 'Config when 'Client: not struct and 'Client: not null and 'Client :> System.IDisposable and 'Config :> ClientConfig and 'Config: (new: unit -> 'Config)>
        (create: AWSCredentials -> 'Config -> 'Client) (provider: IAwsClientProvider) : 'Client =
        provider.Client<'Client, 'Config>(System.Func<AWSCredentials, 'Config, 'Client>(fun c config -> create c config))
