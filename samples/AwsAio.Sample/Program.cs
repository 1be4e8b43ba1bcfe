using AwsAio;
using AwsAio.Core;
using LanguageExt;

// Checks a bucket, a key and a role ARN the way every AwsAio wrapper does before its first request, and composes
// the checks in a LINQ pipeline over Either. Usage: AwsAio.Sample [bucket] [key] [role-arn]
// Or asks EC2 whether your credentials may mirror an interface, without mirroring it (a dry run of the real call):
//   AwsAio.Sample check-mirror ENI-ID TARGET-ID FILTER-ID VPC-ID [profile]
if (args is ["check-mirror", var eniId, var targetId, var filterId, var vpcId, ..])
{
    return await CheckMirrorPermissionAsync(eniId, targetId, filterId, vpcId, args.Length > 5 ? args[5] : null);
}

var bucket = args.Length > 0 ? args[0] : "awsaio-sample-logs";
var key = args.Length > 1 ? args[1] : "2026/11/24/app.log.gz";
var role = args.Length > 2 ? args[2] : "arn:aws-us-gov:iam::123456789012:role/ops/AwsAioReader";

var target =
    from b in Validate.BucketName(bucket).ToEither()
    from k in Validate.ObjectKey(key).ToEither()
    from r in Validate.RoleArn(role).ToEither()
    select $"s3://{b}/{k} as role {r.Name} in account {r.Account} ({r.Partition})";

var exitCode = target.Match(
    Right: plan =>
    {
        Console.WriteLine($"ok: {plan}");
        return 0;
    },
    Left: error =>
    {
        Console.WriteLine($"refused before any request: {error}");
        return 2;
    });

// How the core reads a few answers AWS gives, whatever their spelling.
foreach (var (operation, code, status) in new[]
         {
             ("HeadBucket", "404", 404), ("PutObject", "KMS.AccessDeniedException", 403),
             ("ListObjectsV2", "com.amazonaws.s3#SlowDown", 503), ("GetObject", "Teapot", 418),
         })
{
    var error = ErrorMapping.Map(ErrorTarget.Of(bucket, key), AwsErrorDetails.Of("S3", operation, code, "", status, "sample"), null);
    Console.WriteLine($"{operation,-14} {code,-28} -> {error.Category,-10} retry={error.IsRetryable,-5} {error}");
}

// How the core reads EC2's two answers to a dry run: "it would have succeeded" is Allowed, never an error.
foreach (var (code, status, message) in new[]
         {
             ("DryRunOperation", 412, "Request would have succeeded, but DryRun flag is set."),
             ("UnauthorizedOperation", 403, "You are not authorized to perform this operation. Encoded authorization failure message: mR08NOyRPjVfde9BZ"),
         })
{
    var answer = ErrorMapping.Map(ErrorTarget.Of("eni-0a1b2c3d"), AwsErrorDetails.Of("EC2", "CreateTrafficMirrorSession", code, message, status, "sample"), null);
    Console.WriteLine($"dry run answered {code,-22} -> {Ec2Rules.DryRunOutcome("CreateTrafficMirrorSession", answer).ToEither().Match(Right: Describe, Left: e => e.ToString())}");
}

return exitCode;

static string Describe(PermissionCheck check) => check switch
{
    PermissionCheck.Allowed => "allowed",
    PermissionCheck.Denied { EncodedMessage: "" } => "denied",
    PermissionCheck.Denied denied => $"denied; aws sts decode-authorization-message --encoded-message {denied.EncodedMessage}",
    _ => check.ToString(),
};

static async Task<int> CheckMirrorPermissionAsync(string eniId, string targetId, string filterId, string vpcId, string? profile)
{
    var checkedCall =
        from provider in AwsClientProvider.Create(new AwsClientProviderOptions { Profile = profile }).ToAsync()
        let eni = new NetworkInterface(vpcId, "", eniId, "interface")
        from check in Ec2Interactions.CheckPermissionAsync(Ec2DryRunCall.MirrorEni(eni, targetId, filterId, vpcId), provider).ToAsync()
        select check;

    return await checkedCall.Match(
        Right: check =>
        {
            Console.WriteLine($"CreateTrafficMirrorSession for {eniId}: {Describe(check)}");
            return check.IsAllowed ? 0 : 1;
        },
        Left: error =>
        {
            Console.WriteLine($"could not check: {error}");
            return 2;
        });
}
