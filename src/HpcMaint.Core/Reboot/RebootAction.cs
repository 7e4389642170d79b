namespace HpcMaint.Core.Reboot;

/// <summary>
/// One node's reboot, decided: the method, the argv to start (empty for the OpenStack methods, which
/// the worker carries out), the target image of a rebuild, and why this way.
/// </summary>
public sealed record RebootAction(string Node, RebootMethod Method, IReadOnlyList<string> Command, string? Image, string Why)
{
    public bool NeedsWorker => RebootMethods.NeedsWorker(Method);

    public string MethodName => RebootMethods.Name(Method);

    public bool Equals(RebootAction? other) =>
        other is not null && Node == other.Node && Method == other.Method && Command.SequenceEqual(other.Command)
        && Image == other.Image && Why == other.Why;

    public override int GetHashCode() => HashCode.Combine(Node, Method, Image);
}
