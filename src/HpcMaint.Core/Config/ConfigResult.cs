namespace HpcMaint.Core.Config;

/// <summary>A validated config, or every problem found in it.</summary>
public sealed record ConfigResult(HpcMaintConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Config is not null;

    /// <summary>Every key with its value in force, for `hpcmaint config check`.</summary>
    public EffectiveConfig Effective { get; init; } = new();

    public static ConfigResult Valid(HpcMaintConfig config, EffectiveConfig effective) => new(config, []) { Effective = effective };

    public static ConfigResult Invalid(IReadOnlyList<ConfigError> errors) => new(null, errors);
}
