using System.CommandLine;
using System.Text;
using System.Text.Json;
using HpcMaint.Adapters.Config;
using HpcMaint.Cli.Output;
using HpcMaint.Toml;

namespace HpcMaint.Cli.Commands;

/// <summary>`hpcmaint config check` (validate, print the effective config) and `config decode` (toml-test).</summary>
public static class ConfigCommands
{
    public static Command Create(CliEnvironment env, GlobalOptions options)
    {
        var config = new Command("config", "Check the configuration file");

        var check = new Command("check", "Validate the config and print the effective configuration (defaults filled in)");
        check.SetAction(parse => Check(env, parse.GetValue(options.Config), parse.GetValue(options.Json)));

        var decode = new Command("decode", "Decode TOML from standard input to toml-test's tagged JSON (exit 1 on invalid TOML)");
        decode.SetAction(_ => Decode(env));

        config.Subcommands.Add(check);
        config.Subcommands.Add(decode);
        return config;
    }

    private static int Check(CliEnvironment env, string? path, bool json)
    {
        var result = ConfigLoader.Load(path, env.GetVariable);
        if (!result.IsValid)
        {
            ConfigErrorsPrinter.Print(env.Error, result.Errors);
            return ExitCodes.BadInput;
        }

        if (json)
        {
            EffectiveConfigPrinter.WriteJson(env.Out, result.Config!);
        }
        else
        {
            EffectiveConfigPrinter.WriteToml(env.Out, result.Config!);
        }

        return ExitCodes.Ok;
    }

    private static int Decode(CliEnvironment env)
    {
        using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        try
        {
            var root = TomlParser.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "<stdin>");
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                TomlTaggedJson.Write(root, writer);
            }

            env.Out.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
            return ExitCodes.Ok;
        }
        catch (TomlException e)
        {
            env.Error.WriteLine(e.Message);
            return ExitCodes.Failed;
        }
    }
}
