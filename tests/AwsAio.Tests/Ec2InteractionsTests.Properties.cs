using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Moq;
using static AwsAio.Tests.Support.Ec2Doubles;
using SdkInterface = Amazon.EC2.Model.NetworkInterface;

namespace AwsAio.Tests;

/// <summary>
/// The paged describe calls over generated NextToken webs (empty pages, tokens handed back, cycles): they return
/// exactly the items served, in order, in one request per token, or stop on the repeated token — never loop.
/// </summary>
public sealed partial class Ec2InteractionsTests
{
    /// <summary>
    /// A web of pages: page 0 answers the first request, page k+1 answers token <c>Pool[k]</c>. Each page hands on
    /// <c>Next[page]</c>: a pool index, or -1 (no token) or -2 (an empty token) for the end.
    /// </summary>
    public sealed record TokenWeb(int[] PageSizes, string[] Pool, int[] Next)
    {
        /// <summary>The items of a page, tagged with page and position so that order is checked.</summary>
        public string[] Items(string prefix, int page) =>
            Enumerable.Range(0, PageSizes[page]).Select(i => $"{prefix}-{page:x4}{i:x4}").ToArray();

        /// <summary>What a correct driver does with this web: the tokens it requests, the items it accumulates, and the
        /// token it stops on when one comes back (null when the web ends).</summary>
        public (string?[] Requested, string[] Items, string? Repeated) Walk(string prefix)
        {
            var requested = new List<string?> { null };
            var items = new List<string>();
            var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            var page = 0;
            while (true)
            {
                items.AddRange(Items(prefix, page));
                if (Next[page] < 0) return (requested.ToArray(), items.ToArray(), null);
                var token = Pool[Next[page]];
                if (!seen.Add(token)) return (requested.ToArray(), items.ToArray(), token);
                requested.Add(token);
                page = Next[page] + 1;
            }
        }

        public override string ToString() =>
            $"sizes [{string.Join(", ", PageSizes)}], pool [{string.Join(", ", Pool)}], next [{string.Join(", ", Next)}]";
    }

    private static readonly Gen<string> TokenText =
        Gen.Elements("abcXYZ0189/+=-_.:é ".ToCharArray()).ArrayOf().Where(cs => cs.Length > 0).Select(cs => new string(cs));

    /// <summary>1–6 distinct tokens, 0–4 items a page (empty pages often), ends and hand-backs mixed.</summary>
    private static readonly Gen<TokenWeb> Webs =
        from poolSize in Gen.Choose(1, 6)
        from raw in TokenText.ArrayOf(poolSize)
        from sizes in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 4))).ArrayOf(poolSize + 1)
        from next in Gen.Frequency((1, Gen.Choose(-2, -1)), (4, Gen.Choose(0, poolSize - 1))).ArrayOf(poolSize + 1)
        select new TokenWeb(sizes, raw.Select((t, i) => $"{i}|{t}").ToArray(), next);

    private static string? TokenOf(TokenWeb web, int page) => web.Next[page] switch
    {
        -1 => null,
        -2 => "",
        var n => web.Pool[n],
    };

    private static int PageFor(TokenWeb web, string? token) => token is null ? 0 : Array.IndexOf(web.Pool, token) + 1;

    private static (Mock<IAmazonEC2> Ec2, Mock<IAwsClientProvider> Provider) Doubles()
    {
        var ec2 = new Mock<IAmazonEC2>(MockBehavior.Strict);
        return (ec2, Ec2Doubles.ProviderFor(ec2.Object));
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property GetSubnetsOfVpc_OverGeneratedTokenWebs_ReturnsExactlyWhatWasServed_OrStopsOnTheRepeatedToken() =>
        Prop.ForAll(Webs.ToArbitrary(), web =>
        {
            var (ec2, provider) = Doubles();
            var sent = new List<DescribeSubnetsRequest>();
            ec2.Setup(e => e.DescribeSubnetsAsync(It.IsAny<DescribeSubnetsRequest>(), It.IsAny<CancellationToken>()))
                .Callback((DescribeSubnetsRequest r, CancellationToken _) => sent.Add(r))
                .ReturnsAsync((DescribeSubnetsRequest r, CancellationToken _) =>
                {
                    var page = PageFor(web, r.NextToken);
                    return Subnets(TokenOf(web, page), web.Items("subnet", page));
                });
            var confirmations = 0;
            ec2.Setup(e => e.DescribeVpcsAsync(It.IsAny<DescribeVpcsRequest>(), It.IsAny<CancellationToken>()))
                .Callback(() => confirmations++)
                .ReturnsAsync(Vpcs(new Vpc { VpcId = VpcId }));

            var result = Ec2Interactions.GetSubnetsOfVpcAsync(VpcId, provider.Object).GetAwaiter().GetResult();
            var (requested, items, repeated) = web.Walk("subnet");

            return Judge(result.Map(s => s.ToArray()), items, repeated, "DescribeSubnets")
                .And(sent.Select(r => r.NextToken).SequenceEqual(requested).Label($"requested [{string.Join(", ", sent.Select(r => r.NextToken))}]"))
                .And(sent.All(r => r.Filters.Count == 1 && r.Filters[0].Name == "vpc-id" && r.Filters[0].Values.SequenceEqual([VpcId]))
                    .Label("every page carries the same vpc-id filter"))
                .And((confirmations == (repeated is null && items.Length == 0 ? 1 : 0)).Label($"{confirmations} VPC confirmations"));
        });

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property GetEnisOfSubnet_OverGeneratedTokenWebs_ReturnsExactlyWhatWasServed_OrStopsOnTheRepeatedToken() =>
        Prop.ForAll(Webs.ToArbitrary(), web =>
        {
            var (ec2, provider) = Doubles();
            var sent = new List<DescribeNetworkInterfacesRequest>();
            ec2.Setup(e => e.DescribeNetworkInterfacesAsync(It.IsAny<DescribeNetworkInterfacesRequest>(), It.IsAny<CancellationToken>()))
                .Callback((DescribeNetworkInterfacesRequest r, CancellationToken _) => sent.Add(r))
                .ReturnsAsync((DescribeNetworkInterfacesRequest r, CancellationToken _) =>
                {
                    var page = PageFor(web, r.NextToken);
                    return Enis(TokenOf(web, page), web.Items("eni", page).Select(id => Sdk(id)).ToArray());
                });
            var confirmations = 0;
            ec2.Setup(e => e.DescribeSubnetsAsync(It.IsAny<DescribeSubnetsRequest>(), It.IsAny<CancellationToken>()))
                .Callback(() => confirmations++)
                .ReturnsAsync(Subnets(null, SubnetId));

            var result = Ec2Interactions.GetEnisOfSubnetAsync(SubnetId, provider.Object).GetAwaiter().GetResult();
            var (requested, items, repeated) = web.Walk("eni");

            return Judge(result.Map(enis => enis.Select(e => e.EniId).ToArray()), items, repeated, "DescribeNetworkInterfaces")
                .And(result.Map(enis => enis.All(e => e.SubnetId == SubnetId && e.VpcId == VpcId)).IfLeft(true).Label("fields kept"))
                .And(sent.Select(r => r.NextToken).SequenceEqual(requested).Label($"requested [{string.Join(", ", sent.Select(r => r.NextToken))}]"))
                .And(sent.All(r => r.Filters.Count == 1 && r.Filters[0].Name == "subnet-id" && r.Filters[0].Values.SequenceEqual([SubnetId]))
                    .Label("every page carries the same subnet-id filter"))
                .And((confirmations == (repeated is null && items.Length == 0 ? 1 : 0)).Label($"{confirmations} subnet confirmations"));
        });

    /// <summary>Exactly the items served in order when the web ends; the repeated token when one comes back.</summary>
    private static Property Judge(Either<DomainError, string[]> result, string[] items, string? repeated, string operation) =>
        result.Match(
            Right: got => (repeated is null && got.SequenceEqual(items)).Label($"returned [{string.Join(", ", got)}]"),
            Left: error => (repeated is not null
                            && error is DomainError.PaginationAnomaly { Anomaly: PaginationAnomaly.RepeatedToken r } anomaly
                            && r.Token == repeated && anomaly.Operation == operation).Label($"failed: {error}"));
}
