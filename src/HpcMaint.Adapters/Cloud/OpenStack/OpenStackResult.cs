namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>A value, or the failure that prevented it. Expected failures are never thrown.</summary>
public sealed class OpenStackResult<T>
{
    private readonly T? value;

    private OpenStackResult(T? value, OpenStackFailure? failure)
    {
        this.value = value;
        Failure = failure;
    }

    public OpenStackFailure? Failure { get; }

    public bool Succeeded => Failure is null;

    /// <summary>The value; reading it from a failed result is a bug.</summary>
    public T Value => Succeeded ? value! : throw new InvalidOperationException("No value: " + Failure);

    public static OpenStackResult<T> Success(T value) => new(value, null);

    public static OpenStackResult<T> Fail(OpenStackFailure failure) => new(default, failure);

    public static OpenStackResult<T> Fail(OpenStackFailureKind kind, int status, string message) =>
        new(default, new OpenStackFailure(kind, status, message));

    public override string ToString() => Succeeded ? $"ok: {value}" : Failure!.ToString();
}
