namespace HpcMaint.Core.Health;

/// <summary>A check's priority: 1 (most urgent) to 999, or must-ignore. Lower numbers win a drain reason.</summary>
public readonly record struct CheckPriority(int Value)
{
    public const int MustIgnoreValue = 1000;

    public static readonly CheckPriority Default = new(50);

    public static readonly CheckPriority MustIgnore = new(MustIgnoreValue);

    public PriorityClass Class => Value switch
    {
        <= 1 => PriorityClass.NotReady,
        <= 99 => PriorityClass.Emergency,
        < MustIgnoreValue => PriorityClass.CanIgnore,
        _ => PriorityClass.MustIgnore,
    };

    /// <summary>True when a failure of this priority may drain the node (and must pass before a resume).</summary>
    public bool Blocks => Class is PriorityClass.NotReady or PriorityClass.Emergency;

    public override string ToString() => Class == PriorityClass.MustIgnore ? "must-ignore" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
