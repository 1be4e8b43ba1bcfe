using Amazon.EC2.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;
using NetworkInterface = AwsAio.Core.NetworkInterface;

namespace AwsAio;

/// <summary>
/// EC2 over <c>Either</c>: every call checks its input before any request, lets the F# core decide what EC2's answers
/// mean, and never throws. This file holds the describe calls (every page through the one paging driver); mirror
/// sessions and permission checks are in the other part. All describe calls are reads: safe to repeat.
/// </summary>
public static partial class Ec2Interactions
{
    /// <summary>A call to EC2 about one resource.</summary>
    private static CallInfo Ec2Call(string operation, string resource) =>
        CallInfo.Of(Ec2Operations.Service, operation, ErrorTarget.Of(resource));

    private static readonly Func<Subnet, string> SubnetIdOf = s => s.SubnetId ?? "";

    /// <summary>An EC2 filter on one value (the same object is sent with every page).</summary>
    private static List<Filter> FilterOn(string name, string value) => [new Filter { Name = name, Values = [value] }];

    /// <summary>
    /// The ids of every subnet of a VPC: DescribeSubnets filtered on <c>vpc-id</c>, every page, the same filter on each.
    /// A VPC without subnets is an empty list; only when the answer is empty is the VPC itself looked up
    /// (DescribeVpcs), and it is <c>VpcDoesNotExist</c> only when EC2 says so (<c>InvalidVpcID.NotFound</c>).
    /// </summary>
    /// <param name="vpcId">The VPC id (vpc- and 8 or 17 hex digits; anything else is <c>InvalidInput</c>, with no request).</param>
    /// <param name="provider">Supplies the EC2 client and the call settings (the deadline bounds each page).</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<Either<DomainError, Seq<string>>> GetSubnetsOfVpcAsync(
        string vpcId, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (Inputs.Check(provider, Inputs.Of(Validate.Ec2Id(Ec2IdKind.Vpc, vpcId))) is { } invalid) return invalid;

        var filters = FilterOn("vpc-id", vpcId);
        var subnets = await AllPagesAsync(Ec2Operations.DescribeSubnets, (token, c) =>
            PageAsync(provider, Ec2Call(Ec2Operations.DescribeSubnets, vpcId),
                d => provider.GetEc2().DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = filters, NextToken = token }, d),
                r => r.Subnets, SubnetIdOf, r => r.NextToken, c), ct).ConfigureAwait(false);
        return await ConfirmedWhenEmptyAsync(subnets, () => DescribeVpcAsync(vpcId, provider, ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// Every network interface in a subnet: DescribeNetworkInterfaces filtered on <c>subnet-id</c>, every page. EC2
    /// answers a filter on an unknown subnet with nothing, so an empty answer is checked (DescribeSubnets): an unknown
    /// subnet is <c>ResourceDoesNotExist</c> naming it, an empty one an empty list.
    /// </summary>
    /// <param name="subnetId">The subnet id (subnet- and 8 or 17 hex digits).</param>
    /// <param name="provider">Supplies the EC2 client and the call settings (the deadline bounds each page).</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<Either<DomainError, Seq<NetworkInterface>>> GetEnisOfSubnetAsync(
        string subnetId, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (Inputs.Check(provider, Inputs.Of(Validate.Ec2Id(Ec2IdKind.Subnet, subnetId))) is { } invalid) return invalid;

        var filters = FilterOn("subnet-id", subnetId);
        var enis = await AllPagesAsync(Ec2Operations.DescribeNetworkInterfaces, (token, c) =>
            PageAsync(provider, Ec2Call(Ec2Operations.DescribeNetworkInterfaces, subnetId),
                d => provider.GetEc2().DescribeNetworkInterfacesAsync(
                    new DescribeNetworkInterfacesRequest { Filters = filters, NextToken = token }, d),
                r => r.NetworkInterfaces,
                n => Ec2Rules.NetworkInterfaceOf(n.VpcId, n.SubnetId, n.NetworkInterfaceId, n.InterfaceType?.Value),
                r => r.NextToken, c), ct).ConfigureAwait(false);
        return await ConfirmedWhenEmptyAsync(enis, () => DescribeSubnetAsync(subnetId, provider, ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// The network interfaces attached to an instance (DescribeInstances for its id). <c>InvalidInstanceID.NotFound</c>
    /// is <c>InstanceDoesNotExist</c>; so is an answer without the instance (EC2 leaves out instances of other
    /// accounts). An instance without interfaces is an empty list.
    /// </summary>
    /// <param name="instanceId">The instance id (i- and 8 or 17 hex digits).</param>
    /// <param name="provider">Supplies the EC2 client and the call settings.</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<Either<DomainError, Seq<NetworkInterface>>> GetEnisOfInstanceAsync(
        string instanceId, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (Inputs.Check(provider, Inputs.Of(Validate.Ec2Id(Ec2IdKind.Instance, instanceId))) is { } invalid) return invalid;

        var described = await AwsCall.RunAsync(provider, Ec2Call(Ec2Operations.DescribeInstances, instanceId),
            c => provider.GetEc2().DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] }, c),
            ct).ConfigureAwait(false);
        return described.Bind(r =>
        {
            var instances = (r.Reservations ?? []).SelectMany(reservation => reservation?.Instances ?? []).ToArray();
            return Ec2Rules.FindDescribed(Ec2IdKind.Instance, Ec2Operations.DescribeInstances, instanceId,
                    instances.Select(i => i?.InstanceId ?? "").ToArray(), (int)r.HttpStatusCode, r.ResponseMetadata?.RequestId)
                .ToEither()
                .Map(index => toSeq((instances[index].NetworkInterfaces ?? [])
                    .Select(n => Ec2Rules.NetworkInterfaceOf(n.VpcId, n.SubnetId, n.NetworkInterfaceId, n.InterfaceType))
                    .ToArray()));
        });
    }

    /// <summary>
    /// What AwsAio needs to know about a VPC (DescribeVpcs for its id): the owner, the tenancy, and only the IPv4 CIDR
    /// blocks whose association is <c>associating</c> or <c>associated</c>. <c>InvalidVpcID.NotFound</c> is
    /// <c>VpcDoesNotExist</c>.
    /// </summary>
    /// <param name="vpcId">The VPC id.</param>
    /// <param name="provider">Supplies the EC2 client and the call settings.</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<Either<DomainError, VpcDetails>> GetVpcDetailsAsync(
        string vpcId, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (Inputs.Check(provider, Inputs.Of(Validate.Ec2Id(Ec2IdKind.Vpc, vpcId))) is { } invalid) return invalid;

        var vpc = await DescribeVpcAsync(vpcId, provider, ct).ConfigureAwait(false);
        return vpc.Map(v => Ec2Rules.VpcDetailsOf(v.VpcId, v.OwnerId, v.InstanceTenancy?.Value,
            (v.CidrBlockAssociationSet ?? []).Select(a => (a?.CidrBlock, a?.CidrBlockState?.State?.Value))));
    }

    /// <summary>
    /// The zone names of the provider's region (DescribeAvailabilityZones), sorted ordinally: only zones whose state is
    /// <c>available</c>, unless <paramref name="includeUnavailable"/>.
    /// </summary>
    /// <param name="provider">Supplies the EC2 client (its region is the one described) and the call settings.</param>
    /// <param name="includeUnavailable">Also list zones that are unavailable, impaired or constrained.</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<Either<DomainError, Seq<string>>> GetAvailabilityZonesAsync(
        IAwsClientProvider provider, bool includeUnavailable = false, CancellationToken ct = default)
    {
        if (Inputs.Check(provider) is { } invalid) return invalid;

        var described = await AwsCall.RunAsync(provider, Ec2Call(Ec2Operations.DescribeAvailabilityZones, provider.Region ?? ""),
            c => provider.GetEc2().DescribeAvailabilityZonesAsync(new DescribeAvailabilityZonesRequest(), c), ct).ConfigureAwait(false);
        return described.Map(r => toSeq(Ec2Rules.AvailabilityZones(
            (r.AvailabilityZones ?? []).Select(z => (z?.ZoneName, z?.State?.Value)), includeUnavailable)));
    }

    /// <summary>Every page of a describe call through the one paging driver; a failure or an anomaly is the answer.</summary>
    private static async Task<Either<DomainError, Seq<T>>> AllPagesAsync<T>(
        string operation, PageDriver.Fetch<T> fetch, CancellationToken ct)
    {
        var (items, stopped) = await PageDriver.CollectAsync(Pagination.Start(PageLimits.Unlimited), operation, fetch, ct).ConfigureAwait(false);
        return stopped is { Failure: { } failure } ? failure : toSeq(items);
    }

    /// <summary>One page of a describe call: EC2 signals more pages by a token alone. Its items are made from the
    /// SDK's as they are read.</summary>
    private static async Task<Either<DomainError, Page<T>>> PageAsync<TResponse, TSource, T>(
        IAwsClientProvider provider, CallInfo call, Func<CancellationToken, Task<TResponse>> sdk, Func<TResponse, List<TSource>?> items,
        Func<TSource, T> map, Func<TResponse, string?> nextToken, CancellationToken ct)
    {
        var answer = await AwsCall.RunAsync(provider, call, sdk, ct).ConfigureAwait(false);
        return answer.Map(r => Page<T>.Create(new PageItems<TSource, T>(items(r), map), null, nextToken(r)));
    }

    /// <summary>A non-empty answer as it is; an empty one only once the resource it was filtered on is confirmed.</summary>
    private static async Task<Either<DomainError, Seq<T>>> ConfirmedWhenEmptyAsync<T, TConfirmed>(
        Either<DomainError, Seq<T>> found, Func<Task<Either<DomainError, TConfirmed>>> confirm)
    {
        if (!found.TryGetRight(out var items, out _) || !items.IsEmpty) return found;
        var confirmed = await confirm().ConfigureAwait(false);
        return confirmed.Map(_ => items);
    }

    /// <summary>The VPC, described by its id; not found as EC2 says it.</summary>
    private static async Task<Either<DomainError, Vpc>> DescribeVpcAsync(string vpcId, IAwsClientProvider provider, CancellationToken ct)
    {
        var described = await AwsCall.RunAsync(provider, Ec2Call(Ec2Operations.DescribeVpcs, vpcId),
            c => provider.GetEc2().DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [vpcId] }, c), ct).ConfigureAwait(false);
        return described.Bind(r =>
        {
            var vpcs = (r.Vpcs ?? []).Where(v => v is not null).ToArray();
            return Ec2Rules.FindDescribed(Ec2IdKind.Vpc, Ec2Operations.DescribeVpcs, vpcId, vpcs.Select(v => v.VpcId ?? "").ToArray(),
                    (int)r.HttpStatusCode, r.ResponseMetadata?.RequestId)
                .ToEither()
                .Map(index => vpcs[index]);
        });
    }

    /// <summary>The subnet, described by its id; not found as EC2 says it.</summary>
    private static async Task<Either<DomainError, Subnet>> DescribeSubnetAsync(string subnetId, IAwsClientProvider provider, CancellationToken ct)
    {
        var described = await AwsCall.RunAsync(provider, Ec2Call(Ec2Operations.DescribeSubnets, subnetId),
            c => provider.GetEc2().DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = [subnetId] }, c), ct).ConfigureAwait(false);
        return described.Bind(r =>
        {
            var subnets = (r.Subnets ?? []).Where(s => s is not null).ToArray();
            return Ec2Rules.FindDescribed(Ec2IdKind.Subnet, Ec2Operations.DescribeSubnets, subnetId,
                    subnets.Select(s => s.SubnetId ?? "").ToArray(), (int)r.HttpStatusCode, r.ResponseMetadata?.RequestId)
                .ToEither()
                .Map(index => subnets[index]);
        });
    }
}
