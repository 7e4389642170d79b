namespace HpcMaint.Integration.Tests.Packaging;

/// <summary>The specs that install the .deb on this machine run one after another (see <see cref="InstalledDeb"/>).</summary>
[CollectionDefinition(Name)]
public sealed class MachinePackages
{
    public const string Name = "the hpcmaint package installed on this machine";
}
