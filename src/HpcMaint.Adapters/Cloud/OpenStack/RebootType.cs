namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>Nova's reboot types: SOFT asks the guest OS, HARD power-cycles the instance.</summary>
public enum RebootType
{
    Soft,
    Hard,
}
