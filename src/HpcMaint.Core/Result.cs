namespace HpcMaint.Core;

/// <summary>
/// The outcome of anything that can fail in an expected way: a value, or a <see cref="Core.Problem"/>.
/// Exceptions are kept for bugs. A value or a problem converts to a result where one is returned.
/// </summary>
public sealed class Result<T>
{
    private readonly T? value;

    private Result(T? value, Problem? problem)
    {
        this.value = value;
        Problem = problem;
    }

    public bool IsSuccess => Problem is null;

    /// <summary>What went wrong; null on success.</summary>
    public Problem? Problem { get; }

    public T Value => IsSuccess ? value! : throw new InvalidOperationException("no value: " + Problem);

    public static implicit operator Result<T>(T value) => new(value, null);

    /// <summary>A success, where <typeparamref name="T"/> is an interface (C# converts no interface implicitly).</summary>
    public static Result<T> Of(T value) => new(value, null);

    public static implicit operator Result<T>(Problem problem) => new(default, problem ?? throw new ArgumentNullException(nameof(problem)));

    public Result<TOther> Map<TOther>(Func<T, TOther> map) => IsSuccess ? map(value!) : Problem!;

    public override string ToString() => IsSuccess ? $"ok: {value}" : "problem: " + Problem;
}
