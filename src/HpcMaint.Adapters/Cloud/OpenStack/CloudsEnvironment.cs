namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>
/// What clouds.yaml discovery reads from the process: environment variables, the working directory,
/// the home directory and the system-wide config directories. Specs pass their own.
/// </summary>
public sealed record CloudsEnvironment(
    Func<string, string?> Variable,
    string CurrentDirectory,
    string? HomeDirectory,
    IReadOnlyList<string> SystemDirectories)
{
    /// <summary>openstacksdk's site config directories on Linux, in search order.</summary>
    public static readonly IReadOnlyList<string> LinuxSystemDirectories = ["/etc/xdg/openstack", "/etc/openstack"];

    public static CloudsEnvironment OfThisProcess() => new(
        Environment.GetEnvironmentVariable,
        Environment.CurrentDirectory,
        Environment.GetEnvironmentVariable("HOME"),
        LinuxSystemDirectories);
}
