using HpcMaint.Core.Trust;

namespace HpcMaint.Core.Config;

/// <summary>A validated config, or every problem found in it.</summary>
public sealed record ConfigResult(HpcMaintConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Config is not null;

    /// <summary>Every key with its value in force, for `hpcmaint config check`.</summary>
    public EffectiveConfig Effective { get; init; } = new();

    /// <summary>The programs, credentials and state paths the config names (also when it is invalid).</summary>
    public IReadOnlyList<TrustedPath> Paths { get; init; } = [];

    /// <summary>This result with more problems (e.g. of trust, found when the config loads): invalid when there are any.</summary>
    public ConfigResult With(IReadOnlyList<ConfigError> more) =>
        more.Count == 0 ? this : Invalid([.. Errors.Concat(more).OrderBy(e => e.Line)]) with { Effective = Effective, Paths = Paths };

    public static ConfigResult Valid(HpcMaintConfig config, EffectiveConfig effective) => new(config, []) { Effective = effective };

    public static ConfigResult Invalid(IReadOnlyList<ConfigError> errors) => new(null, errors);
}
