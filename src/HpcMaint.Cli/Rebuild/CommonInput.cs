using HpcMaint.Core.Rebuild;

namespace HpcMaint.Cli.Rebuild;

/// <summary>The global options as one value, and which verb runs (`hpcmaint rebuild` or `hpcmaint reboot`).</summary>
public sealed record CommonInput(string? ConfigPath, bool Json, bool Verbose, PlanKind Kind = PlanKind.Rebuild)
{
    /// <summary>"hpcmaint rebuild" or "hpcmaint reboot", for messages.</summary>
    public string Verb => Kind == PlanKind.Reboot ? "hpcmaint reboot" : "hpcmaint rebuild";
}
