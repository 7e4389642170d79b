using System.Collections.ObjectModel;
using System.Diagnostics.Contracts;

namespace HpcMaint.Adapters.Processes;

/// <summary>
/// An immutable description of one program to run: argv, environment, working directory, standard input and
/// time limits. Never run through a shell. Every <c>With*</c> method returns a new command.
/// </summary>
public sealed class Command
{
    private static readonly IReadOnlyDictionary<string, string?> NoEnvironment =
        new ReadOnlyDictionary<string, string?>(new Dictionary<string, string?>(StringComparer.Ordinal));

    private Command(
        string program,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        EnvironmentBase environmentBase,
        string? workingDirectory,
        string? standardInput,
        TimeSpan timeout,
        TimeSpan gracePeriod,
        long outputLimit)
    {
        Program = program;
        Arguments = arguments;
        Environment = environment;
        EnvironmentBase = environmentBase;
        WorkingDirectory = workingDirectory;
        StandardInput = standardInput;
        Timeout = timeout;
        GracePeriod = gracePeriod;
        OutputLimit = outputLimit;
    }

    /// <summary>The program: a path, or a bare name looked up in the child's PATH (or <c>/usr/sbin:/usr/bin:/sbin:/bin</c> when it has none).</summary>
    public string Program { get; }

    /// <summary>argv[1..], passed verbatim.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Variables set for the child on top of its base environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>
    /// What the child's environment starts from: by default a fixed PATH and hpcmaint's own HPCMAINT_*
    /// variables, never the rest of what this process inherited (an admin's LD_PRELOAD, PYTHONPATH or PATH
    /// must not reach what hpcmaint runs as root).
    /// </summary>
    public EnvironmentBase EnvironmentBase { get; }

    /// <summary>The child's working directory; null keeps this process's.</summary>
    public string? WorkingDirectory { get; }

    /// <summary>Text written to the child's standard input (UTF-8); null gives it /dev/null.</summary>
    public string? StandardInput { get; }

    /// <summary>How long the command may run before it is terminated. Default 30 s.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Time between SIGTERM and SIGKILL when the command is terminated. Default 2 s.</summary>
    public TimeSpan GracePeriod { get; }

    /// <summary>Most bytes kept of each of standard output and error; the rest is read and discarded. Default: no limit.</summary>
    public long OutputLimit { get; }

    public static Command For(string program)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        RejectNul(program, nameof(program));
        return new Command(
            program, [], NoEnvironment, EnvironmentBase.Minimal, null, null, CommandDefaults.Timeout, CommandDefaults.GracePeriod, long.MaxValue);
    }

    [Pure]
    public Command WithArguments(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string[] copy = [.. arguments];
        foreach (var argument in copy)
        {
            ArgumentNullException.ThrowIfNull(argument, nameof(arguments));
            RejectNul(argument, nameof(arguments));
        }

        return new Command(
            Program, copy, Environment, EnvironmentBase, WorkingDirectory, StandardInput, Timeout, GracePeriod, OutputLimit);
    }

    /// <summary>Replaces the variables set for the child; a null value removes that variable from the child's environment.</summary>
    [Pure]
    public Command WithEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{name}' is not a valid environment variable name.", nameof(environment));
            }

            RejectNul(name, nameof(environment));
            if (value is not null)
            {
                RejectNul(value, nameof(environment));
            }

            copy[name] = value;
        }

        return new Command(
            Program, Arguments, copy.AsReadOnly(), EnvironmentBase, WorkingDirectory, StandardInput, Timeout, GracePeriod, OutputLimit);
    }

    /// <summary>true: the child starts from an empty environment; false: from the minimal one (a fixed PATH).</summary>
    [Pure]
    public Command WithCleanEnvironment(bool cleanEnvironment = true) =>
        WithEnvironmentBase(cleanEnvironment ? EnvironmentBase.Empty : EnvironmentBase.Minimal);

    /// <summary>The child starts from this process's whole environment (tests, and tools run on an admin's behalf, not hpcmaint's).</summary>
    [Pure]
    public Command WithInheritedEnvironment() => WithEnvironmentBase(EnvironmentBase.Inherited);

    private Command WithEnvironmentBase(EnvironmentBase environmentBase) =>
        new(Program, Arguments, Environment, environmentBase, WorkingDirectory, StandardInput, Timeout, GracePeriod, OutputLimit);

    [Pure]
    public Command WithWorkingDirectory(string workingDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        RejectNul(workingDirectory, nameof(workingDirectory));
        return new Command(
            Program, Arguments, Environment, EnvironmentBase, workingDirectory, StandardInput, Timeout, GracePeriod, OutputLimit);
    }

    [Pure]
    public Command WithStandardInput(string standardInput)
    {
        ArgumentNullException.ThrowIfNull(standardInput);
        return new Command(
            Program, Arguments, Environment, EnvironmentBase, WorkingDirectory, standardInput, Timeout, GracePeriod, OutputLimit);
    }

    /// <summary>Sets the run-time limit: positive (at most 30 days), or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</summary>
    [Pure]
    public Command WithTimeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout must be positive or infinite.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, TimeSpan.FromDays(30));

        return new Command(
            Program, Arguments, Environment, EnvironmentBase, WorkingDirectory, StandardInput, timeout, GracePeriod, OutputLimit);
    }

    /// <summary>Sets the time between SIGTERM and SIGKILL; zero sends SIGKILL right after SIGTERM.</summary>
    [Pure]
    public Command WithGracePeriod(TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(gracePeriod, TimeSpan.FromDays(1));
        return new Command(
            Program, Arguments, Environment, EnvironmentBase, WorkingDirectory, StandardInput, Timeout, gracePeriod, OutputLimit);
    }

    /// <summary>Keeps at most <paramref name="bytes"/> of each of standard output and error (see <see cref="CommandResult.OutputTruncated"/>).</summary>
    [Pure]
    public Command WithOutputLimit(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        return new Command(
            Program, Arguments, Environment, EnvironmentBase, WorkingDirectory, StandardInput, Timeout, GracePeriod, bytes);
    }

    /// <summary>The argv, shell-quoted, for logs and dry runs. Display only: commands never go through a shell.</summary>
    public override string ToString() => ShellQuoting.Join(Program, Arguments);

    private static void RejectNul(string value, string parameterName)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("Process arguments, paths and environment entries cannot contain NUL.", parameterName);
        }
    }
}
