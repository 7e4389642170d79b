using System.CommandLine;
using HpcMaint.Adapters.Json;
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
        var result = CliConfig.Load(env, path, fileMustBeTrusted: true);
        if (!result.IsValid)
        {
            return ExitCodes.BadInput;
        }

        if (json)
        {
            EffectiveConfigPrinter.WriteJson(env.Out, result.Config!.SourceFile, result.Effective);
        }
        else
        {
            EffectiveConfigPrinter.WriteToml(env.Out, result.Config!.SourceFile, result.Effective);
        }

        return ExitCodes.Ok;
    }

    private static int Decode(CliEnvironment env)
    {
        // Bytes, not text: the parser itself must reject invalid UTF-8 (a decoder would hide it).
        using var buffer = new MemoryStream();
        env.Input.CopyTo(buffer);
        try
        {
            var root = TomlParser.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "<stdin>");
            JsonText.WriteDocument(env.Out, writer => TomlTaggedJson.Write(root, writer));
            return ExitCodes.Ok;
        }
        catch (TomlException e)
        {
            env.Error.WriteLine(e.Message);
            return ExitCodes.Failed;
        }
    }
}
