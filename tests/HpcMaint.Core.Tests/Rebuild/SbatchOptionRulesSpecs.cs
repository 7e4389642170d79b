using HpcMaint.Core.Rebuild;

namespace HpcMaint.Core.Tests.Rebuild;

public sealed class SbatchOptionRulesSpecs
{
    [Theory]
    [InlineData("--time=30")]
    [InlineData("--qos=maintenance")]
    [InlineData("--account=ops")]
    [InlineData("--exclude=n9")]
    [InlineData("--mem=0")]
    [InlineData("--export=NONE")]
    public void Options_hpcmaint_does_not_set_are_added(string option) =>
        Assert.Null(SbatchOptionRules.Problem(option));

    [Theory]
    [InlineData("--partition=gpu", "hpcmaint sets --partition (rebuild jobs go to the [rebuild] partition)")]
    [InlineData("--nodelist=n1", "hpcmaint sets --nodelist")]
    [InlineData("--nodes=2", "hpcmaint sets --nodes")]
    [InlineData("--reboot", "hpcmaint sets --reboot")]
    [InlineData("--job-name=mine", "hpcmaint sets --job-name (hpcmaint finds its jobs by their name)")]
    [InlineData("--comment=x", "hpcmaint sets --comment")]
    [InlineData("--exclusive=user", "hpcmaint sets --exclusive")]
    [InlineData("--no-requeue", "hpcmaint sets --no-requeue")]
    [InlineData("--requeue", "hpcmaint sets --requeue")]
    [InlineData("--output=/tmp/x", "hpcmaint sets --output")]
    [InlineData("--reservation=r", "hpcmaint sets --reservation")]
    [InlineData("--wrap=sleep 30", "hpcmaint sets --wrap (the payload is the gate: give it with --gate)")]
    public void Options_hpcmaint_sets_are_refused_saying_why(string option, string message) =>
        Assert.StartsWith($"--sbatch-option '{option}': {message}", SbatchOptionRules.Problem(option), StringComparison.Ordinal);

    [Theory]
    [InlineData("-p", "-p is --partition")]
    [InlineData("-pgpu", "-p is --partition")]
    [InlineData("-w", "-w is --nodelist")]
    [InlineData("-N", "-N is --nodes")]
    [InlineData("-J", "-J is --job-name")]
    public void Short_forms_of_options_hpcmaint_sets_are_named_by_their_long_form(string option, string message) =>
        Assert.StartsWith($"--sbatch-option '{option}': {message}, which hpcmaint sets", SbatchOptionRules.Problem(option), StringComparison.Ordinal);

    [Theory]
    [InlineData("--part=gpu", "--part", "--partition")]
    [InlineData("--reser=r", "--reser", "--reservation")]
    [InlineData("--job=x", "--job", "--job-name")]
    [InlineData("--no-req", "--no-req", "--no-requeue")]
    public void Abbreviations_sbatch_would_expand_to_an_option_hpcmaint_sets_are_refused(string option, string name, string owned) =>
        Assert.StartsWith($"--sbatch-option '{option}': sbatch could read {name} as {owned}, which hpcmaint sets", SbatchOptionRules.Problem(option), StringComparison.Ordinal);

    [Theory]
    [InlineData("-t")]
    [InlineData("time=30")]
    [InlineData("--")]
    [InlineData("--time 30")]
    public void Anything_but_one_long_option_word_is_refused_showing_how_to_write_it(string option) =>
        Assert.EndsWith("as one word (e.g. --time=30)", SbatchOptionRules.Problem(option), StringComparison.Ordinal);
}
