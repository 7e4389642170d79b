namespace HpcMaint.Core.Rebuild;

/// <summary>A node moved from one step to another, and why (for the journal and the progress view).</summary>
public sealed record NodeChange(PlannedNode Before, PlannedNode After, string Why)
{
    public string Node => After.Name;

    public bool StepChanged => Before.Step != After.Step;
}
