using HpcMaint.Core;

namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>What went wrong, with the HTTP status (0 when there was no answer) and what the cloud said.</summary>
public sealed record OpenStackFailure(OpenStackFailureKind Kind, int Status, string Message)
{
    /// <summary>This failure in the core's terms, in the cloud's words.</summary>
    public Problem ToProblem() => new(
        Kind switch
        {
            OpenStackFailureKind.Configuration => ProblemKind.Invalid,
            OpenStackFailureKind.NotFound => ProblemKind.NotFound,
            OpenStackFailureKind.Ambiguous => ProblemKind.Ambiguous,
            OpenStackFailureKind.Authentication or OpenStackFailureKind.Conflict or OpenStackFailureKind.Rejected => ProblemKind.Refused,
            OpenStackFailureKind.Unavailable or OpenStackFailureKind.Unreachable => ProblemKind.Unreachable,
            OpenStackFailureKind.TimedOut => ProblemKind.TimedOut,
            _ => ProblemKind.Failed,
        },
        Message);

    public override string ToString() => Status > 0 ? $"{Kind} (HTTP {Status}): {Message}" : $"{Kind}: {Message}";
}
