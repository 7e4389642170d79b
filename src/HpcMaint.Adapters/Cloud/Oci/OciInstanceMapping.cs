using HpcMaint.Core;
using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Cloud.Oci;

/// <summary>
/// How a Slurm node and its OCI instance name each other, both ways (cloud-apis.md B.8): the instance's
/// displayName (a stock OCI HPC stack renames instances to their host names), a freeform tag holding
/// the node name, or a map file of "node instance-ocid" lines. An instance that names no node, or (in a
/// map file) two, is a problem to report, never a guess.
/// </summary>
public abstract record OciInstanceMapping
{
    private OciInstanceMapping()
    {
    }

    public static Result<OciInstanceMapping> For(OciSettings settings)
    {
        switch (settings.InstanceLookup)
        {
            case InstanceLookup.Map:
                var (byFile, errors) = OpenStack.ServerMapFile.Load(settings.MapFile!);
                return byFile is null ? Problem.Invalid("instance map: " + string.Join("; ", errors)) : new ByFile(byFile.ServerIds, byFile.File);
            case InstanceLookup.Tag:
                return new ByTag(settings.TagKey!);
            default:
                return new ByDisplayName();
        }
    }

    /// <summary>Whether <paramref name="instance"/> is the instance of <paramref name="node"/>.</summary>
    public abstract bool Matches(OciInstance instance, string node);

    /// <summary>The node an instance (from a maintenance event, say) stands for.</summary>
    public abstract Result<string> NodeOf(OciInstance instance);

    public sealed record ByDisplayName : OciInstanceMapping
    {
        public override bool Matches(OciInstance instance, string node) => instance.DisplayName == node;

        public override Result<string> NodeOf(OciInstance instance) =>
            string.IsNullOrEmpty(instance.DisplayName) ? new Problem(ProblemKind.NotFound, $"instance {instance.Id} has no displayName: it maps to no node") : instance.DisplayName;
    }

    public sealed record ByTag(string Key) : OciInstanceMapping
    {
        public override bool Matches(OciInstance instance, string node) => instance.FreeformTags?.GetValueOrDefault(Key) == node;

        public override Result<string> NodeOf(OciInstance instance) =>
            instance.FreeformTags?.GetValueOrDefault(Key) is { Length: > 0 } node
                ? node
                : new Problem(ProblemKind.NotFound, $"instance {instance.Id} ({instance.DisplayName}) has no freeform tag {Key}: it maps to no node");
    }

    public sealed record ByFile(IReadOnlyDictionary<string, string> InstanceIds, string File) : OciInstanceMapping
    {
        public override bool Matches(OciInstance instance, string node) => InstanceIds.GetValueOrDefault(node) == instance.Id;

        public override Result<string> NodeOf(OciInstance instance)
        {
            var nodes = InstanceIds.Where(p => p.Value == instance.Id).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
            return nodes switch
            {
                [var one] => one,
                [] => new Problem(ProblemKind.NotFound, $"instance {instance.Id} ({instance.DisplayName}) is in no line of {File}: it maps to no node"),
                _ => new Problem(ProblemKind.Ambiguous, $"instance {instance.Id} maps to {nodes.Length} nodes in {File}: {string.Join(", ", nodes)}; keep one line per instance"),
            };
        }
    }
}
