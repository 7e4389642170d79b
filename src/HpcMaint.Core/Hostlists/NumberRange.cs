namespace HpcMaint.Core.Hostlists;

/// <summary>One element of a bracket group, <c>lo-hi</c> or a single number, printed with at least <see cref="Width"/> digits.</summary>
internal readonly record struct NumberRange(ulong Lo, ulong Hi, int Width)
{
    public ulong Count => Hi - Lo + 1;
}
