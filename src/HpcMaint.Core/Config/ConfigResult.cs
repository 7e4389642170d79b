namespace HpcMaint.Core.Config;

/// <summary>A validated config, or every problem found in it.</summary>
public sealed record ConfigResult(HpcMaintConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Config is not null;

    public static ConfigResult Valid(HpcMaintConfig config) => new(config, []);

    public static ConfigResult Invalid(IReadOnlyList<ConfigError> errors) => new(null, errors);
}
