using System.CommandLine;
using HpcMaint.Core.Hostlists;

namespace HpcMaint.Cli.Commands;

/// <summary>
/// `hpcmaint hostlist expand|compress`: prints exactly what `scontrol show hostnames|hostlist` prints,
/// with no input size limit (22.05's scontrol silently truncates files over 1 MiB).
/// </summary>
public static class HostlistCommands
{
    public static Command Create(CliEnvironment env)
    {
        var hostlist = new Command("hostlist", "Expand or compress Slurm hostlist expressions");

        var expression = new Argument<string[]>("expression") { Description = "Hostlist expression(s), e.g. gpu[001-128]; read from standard input when absent", Arity = ArgumentArity.ZeroOrMore };
        var expand = new Command("expand", "Print one host name per line, like `scontrol show hostnames`") { expression };
        expand.SetAction(parse => Expand(env, parse.GetValue(expression) ?? []));

        var names = new Argument<string[]>("names") { Description = "Host names or expressions (comma or space separated); read from standard input when absent", Arity = ArgumentArity.ZeroOrMore };
        var compress = new Command("compress", "Print the ranged form, like `scontrol show hostlist`") { names };
        compress.SetAction(parse => Compress(env, parse.GetValue(names) ?? []));

        hostlist.Subcommands.Add(expand);
        hostlist.Subcommands.Add(compress);
        return hostlist;
    }

    private static int Expand(CliEnvironment env, string[] expressions)
    {
        if (!TryExpandAll(env, expressions.Length > 0 ? expressions : ReadWords(env), out var hosts))
        {
            return ExitCodes.BadInput;
        }

        foreach (var host in hosts)
        {
            env.Out.Write(host);
            env.Out.Write('\n');
        }

        return ExitCodes.Ok;
    }

    private static int Compress(CliEnvironment env, string[] names)
    {
        if (!TryExpandAll(env, names.Length > 0 ? names : ReadWords(env), out var hosts))
        {
            return ExitCodes.BadInput;
        }

        env.Out.WriteLine(Hostlist.Compress(hosts));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Each word is a hostlist expression, as scontrol reads its argument; a plain name (no brackets,
    /// no commas) stands for itself, so a long list of names is not parsed twice.
    /// </summary>
    private static bool TryExpandAll(CliEnvironment env, string[] words, out List<string> hosts)
    {
        hosts = new List<string>(words.Length);
        foreach (var word in words)
        {
            if (word.AsSpan().IndexOfAny('[', ',') < 0)
            {
                hosts.Add(word);
            }
            else if (Hostlist.TryExpand(word, out var expanded, out var error))
            {
                hosts.AddRange(expanded);
            }
            else
            {
                env.Error.WriteLine($"hpcmaint hostlist: {error}");
                return false;
            }
        }

        return true;
    }

    /// <summary>Standard input, split on blanks and newlines.</summary>
    private static string[] ReadWords(CliEnvironment env) =>
        env.ReadAllInput().Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
