namespace HpcMaint.Adapters.Hosting;

/// <summary>The name this process would act for is not a Slurm node name; a hook stops with exit 2.</summary>
public sealed class NotANodeNameException(string message) : Exception(message);
