using HpcMaint.Adapters.Reboot;

namespace HpcMaint.Reboot;

/// <summary>The worker's own option, taken out before the hook's usual arguments are read.</summary>
internal static class WorkerArguments
{
    /// <summary>The plan file after --worker, or null; the pair is removed from <paramref name="args"/>.</summary>
    public static string? Take(ref string[] args)
    {
        var at = Array.IndexOf(args, WorkerRun.Option);
        if (at < 0 || at + 1 >= args.Length)
        {
            return null;
        }

        var plan = args[at + 1];
        args = [.. args[..at], .. args[(at + 2)..]];
        return plan;
    }
}
