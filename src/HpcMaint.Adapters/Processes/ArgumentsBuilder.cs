namespace HpcMaint.Adapters.Processes;

/// <summary>Collects argv items for <see cref="Command.WithArguments(Action{ArgumentsBuilder})"/>. Each item is passed verbatim.</summary>
public sealed class ArgumentsBuilder
{
    private readonly List<string> _arguments = [];

    public ArgumentsBuilder Add(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        _arguments.Add(argument);
        return this;
    }

    public ArgumentsBuilder Add(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var argument in arguments)
        {
            Add(argument);
        }

        return this;
    }

    public ArgumentsBuilder AddIf(bool condition, string argument) => condition ? Add(argument) : this;

    /// <summary>Adds <paramref name="name"/> and <paramref name="value"/> as two items, or nothing when the value is null.</summary>
    public ArgumentsBuilder AddOption(string name, string? value) => value is null ? this : Add(name).Add(value);

    internal IReadOnlyList<string> Build() => [.. _arguments];
}
