namespace HpcMaint.Core.Hostlists;

/// <summary>Thrown by <see cref="Hostlist.Expand"/> for an expression Slurm would reject; <see cref="Error"/> says where and why.</summary>
public sealed class HostlistException : Exception
{
    public HostlistException(HostlistError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public HostlistError Error { get; }
}
