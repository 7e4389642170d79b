namespace HpcMaint.Core.Rebuild;

/// <summary>
/// What `--sbatch-option` may add to a rebuild job. hpcmaint owns the options that make a job a rebuild
/// job: sbatch keeps the last of a repeated option, so an added one would silently replace hpcmaint's.
/// sbatch also takes any unambiguous abbreviation of a long option (--part for --partition), so those
/// are refused too.
/// </summary>
public static class SbatchOptionRules
{
    private static readonly (string Long, string? Short, string Why)[] Owned =
    [
        ("--partition", "-p", "rebuild jobs go to the [rebuild] partition"),
        ("--nodelist", "-w", "each rebuild job is for its one node"),
        ("--nodes", "-N", "each rebuild job is for its one node"),
        ("--reboot", null, "every rebuild job reboots its node"),
        ("--job-name", "-J", "hpcmaint finds its jobs by their name"),
        ("--comment", null, "the comment carries the image and the plan"),
        ("--exclusive", null, "a rebuild job has its node to itself"),
        ("--no-requeue", null, "a rebuild job is never requeued"),
        ("--requeue", null, "a rebuild job is never requeued"),
        ("--output", null, "the payload's output goes to /dev/null"),
        ("--reservation", null, "hpcmaint puts the job in its node's maintenance reservation when there is one"),
        ("--wrap", null, "the payload is the gate: give it with --gate"),
    ];

    /// <summary>Why <paramref name="option"/> cannot be added to a rebuild job; null when it can.</summary>
    public static string? Problem(string option)
    {
        if (!option.StartsWith("--", StringComparison.Ordinal) || option.Length == 2)
        {
            var alias = Owned.FirstOrDefault(o => o.Short is not null && option.StartsWith(o.Short, StringComparison.Ordinal));
            return alias.Short is not null
                ? $"--sbatch-option '{option}': {alias.Short} is {alias.Long}, which hpcmaint sets ({alias.Why})"
                : $"--sbatch-option '{option}': write a long option with its value after =, as one word (e.g. --time=30)";
        }

        var name = option.Split('=', 2)[0];
        if (name.Any(char.IsWhiteSpace))
        {
            return $"--sbatch-option '{option}': write the option with its value after =, as one word (e.g. --time=30)";
        }

        var owned = Owned.FirstOrDefault(o => o.Long.StartsWith(name, StringComparison.Ordinal));
        if (owned.Long is null)
        {
            return null;
        }

        return owned.Long == name
            ? $"--sbatch-option '{option}': hpcmaint sets {owned.Long} ({owned.Why})"
            : $"--sbatch-option '{option}': sbatch could read {name} as {owned.Long}, which hpcmaint sets ({owned.Why})";
    }
}
