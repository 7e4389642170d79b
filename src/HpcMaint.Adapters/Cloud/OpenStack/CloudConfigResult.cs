using HpcMaint.Core.Config;

namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>The selected cloud, or every problem found (file:line where the file says it).</summary>
public sealed record CloudConfigResult(CloudConfig? Cloud, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Cloud is not null;

    public static CloudConfigResult Valid(CloudConfig cloud) => new(cloud, []);

    public static CloudConfigResult Invalid(IReadOnlyList<ConfigError> errors) => new(null, errors);

    public static CloudConfigResult Invalid(string file, int line, string key, string problem) =>
        new(null, [new ConfigError(file, line, key, problem)]);
}
