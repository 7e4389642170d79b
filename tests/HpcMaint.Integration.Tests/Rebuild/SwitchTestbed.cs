using HpcMaint.Integration.Tests.Testbed;

namespace HpcMaint.Integration.Tests.Rebuild;

/// <summary>
/// The rebuild testbed with 8 nodes on two leaf switches, s1 = n[1-4] and s2 = n[5-8], under a top
/// switch (topology/tree), for the per-switch budget.
/// </summary>
public sealed class SwitchTestbed() : RebuildTestbed(options => options with { Nodes = 8, Topology = [.. Lines] })
{
    public static readonly IReadOnlyDictionary<string, string[]> Switches = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["s1"] = ["n1", "n2", "n3", "n4"],
        ["s2"] = ["n5", "n6", "n7", "n8"],
    };

    private static readonly string[] Lines = ["SwitchName=s1 Nodes=n[1-4]", "SwitchName=s2 Nodes=n[5-8]", "SwitchName=top Switches=s[1-2]"];
}

/// <summary>The switch budget specs share one <see cref="SwitchTestbed"/> and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SwitchCollection : ICollectionFixture<SwitchTestbed>
{
    public const string Name = "switch testbed";
}
