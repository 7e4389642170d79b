namespace HpcMaint.Adapters.OpenStack;

/// <summary>What went wrong, with the HTTP status (0 when there was no answer) and what the cloud said.</summary>
public sealed record OpenStackFailure(OpenStackFailureKind Kind, int Status, string Message)
{
    public override string ToString() => Status > 0 ? $"{Kind} (HTTP {Status}): {Message}" : $"{Kind}: {Message}";
}
