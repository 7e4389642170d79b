using System.Globalization;
using System.Text.RegularExpressions;
using HpcMaint.Core.Config;

namespace HpcMaint.Core.Health.Checks.Cmd;

/// <summary>
/// <c>cmd</c>: the escape hatch: a site's own program, passing when it exits as expected and, when asked,
/// when its standard output matches a pattern. Its findings are named <c>cmd.PROGRAM</c> unless the config
/// names the condition.
/// </summary>
internal sealed class CommandCheck(string condition, IReadOnlyList<string> argv, int exitCode, Regex? output) : IHealthCheck
{
    public const string Id = "cmd";

    // The per-check timeout of the health run cancels the token; this only bounds a run without one.
    private static readonly TimeSpan LongestRun = TimeSpan.FromSeconds(60);

    public static CheckKind Kind { get; } = new(
        Id,
        "a command (argv, argv[0] absolute) exits with exit_code (default 0), its output matching the regex output when given; findings named condition (default cmd.PROGRAM)",
        Create);

    public async Task<CheckVerdict> RunAsync(IHostProbe probe, CancellationToken cancellationToken)
    {
        var ran = await probe.RunAsync(argv, LongestRun, cancellationToken).ConfigureAwait(false);
        var shown = ran.StandardError.Length == 0 ? ran.StandardOutput : ran.StandardOutput + ran.StandardError;
        var found = new FindingList();
        if (ran.Problem is not null || ran.ExitCode is not { } code)
        {
            found.Unreadable(condition, ProcText.Snippet(ran.Problem ?? "did not exit", 60));
            return found.ToVerdict(shown);
        }

        if (code != exitCode)
        {
            found.Fault(condition, "exit " + code.ToString(CultureInfo.InvariantCulture), "exit " + exitCode.ToString(CultureInfo.InvariantCulture));
        }

        if (output is not null && ran.TruncatedAt is { } limit && !Matches(output, ran.StandardOutput))
        {
            found.Unreadable(condition, $"output truncated at {ByteSizeText.Format(limit)} ([health] output_limit)");
        }
        else if (output is not null && !Matches(output, ran.StandardOutput))
        {
            var actual = ran.StandardOutput.AsSpan().Trim().IsEmpty ? "no output" : "\"" + ProcText.Snippet(ran.StandardOutput, 30) + "\"";
            found.Fault(condition, actual, "/" + ProcText.Snippet(output.ToString(), 30) + "/");
        }

        return found.ToVerdict(shown);
    }

    private static bool Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static IHealthCheck Create(ConfigSection section)
    {
        var argv = section.Argv("argv", [], CheckSettings.Argv);
        var exitCode = section.Int("exit_code", 0, 0, 255);
        Regex? output = null;
        _ = section.Optional("output", pattern => TryCompile(pattern, out output));
        var condition = section.Optional("condition", ConditionId);
        return argv.Count == 0
            ? MisconfiguredCheck.Report(section, "argv", "no argv: write argv = [\"/usr/local/sbin/site-check\"]")
            : new CommandCheck(condition ?? DefaultCondition(argv[0]), argv, exitCode, output);
    }

    private static string? TryCompile(string pattern, out Regex? regex)
    {
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Multiline, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException e)
        {
            regex = null;
            return $"\"{pattern}\" is not a regular expression: {e.Message}";
        }
    }

    private static string? ConditionId(string value) =>
        value.StartsWith("cmd.", StringComparison.Ordinal) && value.Length > 4 && value.All(IsConditionChar)
            ? null
            : $"\"{value}\" is not a condition id; write cmd.WHAT in lower case, e.g. \"cmd.gpfs\"";

    private static string DefaultCondition(string program)
    {
        var name = program[(program.LastIndexOf('/') + 1)..].ToLowerInvariant();
        var cleaned = new string(name.Where(IsConditionChar).ToArray());
        return cleaned.Length == 0 ? Id : "cmd." + cleaned;
    }

    private static bool IsConditionChar(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-';
}
