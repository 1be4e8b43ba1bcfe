using AwsAio.Core;
using LanguageExt;

// Checks a bucket, a key and a role ARN the way every AwsAio wrapper does before its first request, and composes
// the checks in a LINQ pipeline over Either. Usage: AwsAio.Sample [bucket] [key] [role-arn]
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

return exitCode;
