namespace HpcMaint.Core.Config;

/// <summary>One problem in the config file: where, which key, what is wrong and what to write instead.</summary>
public sealed record ConfigError(string File, int Line, string Key, string Problem)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}: {Key}: {Problem}" : $"{File}: {Key}: {Problem}";
}
