namespace HpcMaint.Core.Health;

/// <summary>Every check kind hpcmaint knows, by id.</summary>
public sealed class CheckCatalogue
{
    private readonly Dictionary<string, CheckKind> kinds;

    public CheckCatalogue(IEnumerable<CheckKind> kinds) =>
        this.kinds = kinds.ToDictionary(k => k.Id, StringComparer.Ordinal);

    public static CheckCatalogue Builtin { get; } = new(BuiltinKinds.All);

    public IEnumerable<CheckKind> Kinds => kinds.Values.OrderBy(k => k.Id, StringComparer.Ordinal);

    public CheckKind? Find(string id) => kinds.GetValueOrDefault(id);
}
