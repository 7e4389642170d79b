namespace HpcMaint.Integration.Tests.Testbed;

/// <summary>What a finished Slurm client (or the testbed script) returned.</summary>
public sealed record ClientResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"exit {ExitCode}; stdout: {StandardOutput.Trim()}; stderr: {StandardError.Trim()}";
}
