using HpcMaint.Core.Config;

namespace HpcMaint.Core.Trust;

/// <summary>
/// Judges every path the config names (programs, credentials, state) and the config file itself, once, when
/// the config loads: each key with a problem becomes one config error at its line, all listed at once.
/// </summary>
public static class InstallationTrust
{
    public static IReadOnlyList<ConfigError> Check(string file, IReadOnlyList<TrustedPath> paths, IFileFacts facts, uint user)
    {
        var errors = new List<ConfigError>();
        foreach (var key in paths.GroupBy(p => p.Key, StringComparer.Ordinal))
        {
            var problems = key
                .SelectMany(p => TrustRules.Judge(PathWalker.Walk(p.Path, facts, followFinalLink: p.Use != PathUse.StateFile), p.Use, user, facts))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (problems.Length > 0)
            {
                errors.Add(new ConfigError(file, key.Min(p => p.Line), key.Key, string.Join("; ", problems)));
            }
        }

        return errors;
    }
}
