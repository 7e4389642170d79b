namespace HpcMaint.Core.Trust;

/// <summary>Whether a clouds.yaml (YAML or JSON) holds a credential: a password or an application credential's secret.</summary>
public static class SecretText
{
    private static readonly string[] Keys = ["password", "application_credential_secret"];

    public static bool HoldsCredential(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var key = line.Trim().TrimStart('-', ' ').Trim('"', '\'');
            foreach (var name in Keys)
            {
                if (key.StartsWith(name, StringComparison.Ordinal) && key.AsSpan(name.Length).TrimStart("\"' ").StartsWith(":"))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
