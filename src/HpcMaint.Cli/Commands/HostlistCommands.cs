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
        var input = expressions.Length > 0 ? string.Join(',', expressions) : ReadWords(env.In);
        if (!TryExpand(env, input, out var hosts))
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
        var input = names.Length > 0 ? string.Join(',', names) : ReadWords(env.In);
        if (!TryExpand(env, input, out var hosts))
        {
            return ExitCodes.BadInput;
        }

        env.Out.WriteLine(Hostlist.Compress(hosts));
        return ExitCodes.Ok;
    }

    private static bool TryExpand(CliEnvironment env, string input, out IReadOnlyList<string> hosts)
    {
        try
        {
            hosts = Hostlist.Expand(input);
            return true;
        }
        catch (HostlistException e)
        {
            env.Error.WriteLine($"hpcmaint hostlist: {e.Message}");
            hosts = [];
            return false;
        }
    }

    /// <summary>Standard input as one comma list: newlines and blanks separate names too.</summary>
    private static string ReadWords(TextReader input)
    {
        var text = input.ReadToEnd();
        return string.Join(',', text.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries));
    }
}
