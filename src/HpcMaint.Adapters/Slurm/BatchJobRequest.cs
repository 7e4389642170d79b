namespace HpcMaint.Adapters.Slurm;

/// <summary>A batch job to submit with sbatch; the script goes on standard input.</summary>
public sealed record BatchJobRequest(string Script)
{
    public string? Name { get; init; }

    public string? Partition { get; init; }

    public string? NodeList { get; init; }

    public bool Reboot { get; init; }

    public bool Exclusive { get; init; }

    public bool NoRequeue { get; init; }

    public string? Comment { get; init; }

    public string? Reservation { get; init; }

    public string? Output { get; init; }

    public IReadOnlyList<string> ExtraOptions { get; init; } = [];

    public IReadOnlyList<string> ToArguments()
    {
        var args = new List<string> { "--parsable" };
        Add(args, "--job-name", Name);
        Add(args, "--partition", Partition);
        Add(args, "--nodelist", NodeList);
        Add(args, "--comment", Comment);
        Add(args, "--reservation", Reservation);
        Add(args, "--output", Output);
        if (Reboot)
        {
            args.Add("--reboot");
        }

        if (Exclusive)
        {
            args.Add("--exclusive");
        }

        if (NoRequeue)
        {
            args.Add("--no-requeue");
        }

        args.AddRange(ExtraOptions);
        return args;
    }

    private static void Add(List<string> args, string option, string? value)
    {
        if (value is not null)
        {
            args.Add(option + "=" + value);
        }
    }
}
