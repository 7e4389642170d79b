using System.Text;

namespace HpcMaint.Integration.Tests.Hostlists;

/// <summary>
/// Seeded, reproducible hostlist cases: expressions with prefixes, zero padding, ranges, comma lists,
/// several bracket groups, duplicates and a share of malformed ones; and name lists with runs, gaps,
/// duplicates, mixed padding, numeric-only and very long numbers, in shuffled orders. Sizes stay small
/// so each scontrol run takes milliseconds. Left out on purpose: what scontrol cannot do either
/// (ranges reaching 18446744073709551615, more than 65,536 values in a non-final group) and text
/// scontrol would read as an option or a file ('-' or '/' first).
/// With <paramref name="wellFormed"/> it leaves out what Slurm's grammar changed on after 22.05 (a ']' in a
/// name before a '[', a '[' never closed, text after the last ']', junk inside brackets), which hpcmaint
/// reads as 22.05 does and 24.11 and 26.05 read otherwise (docs/slurm-releases.md).
/// </summary>
internal sealed class HostlistCases(int seed, bool wellFormed = false)
{
    private static readonly string[] AllPrefixes = ["n", "gpu", "r1n", "node-", "cn.a", "", "X_y", "rack07-c", "a]b"];
    private static readonly string[] Literals = ["n", "-", "c", "", "_gpu", "x9y"];
    private static readonly string[] AllPlainNames = ["login", "head", "db-a", "ctl.b", "x]"];
    private static readonly string[] Junk = ["", "x", "a", "1--2", "3-1", "1-2-3", "-1", "1 ", "+", "2-", " 4", "+5-6", "7y-8"];
    private readonly Random random = new(seed);
    private readonly string[] Prefixes = wellFormed ? AllPrefixes.Where(p => !p.Contains(']', StringComparison.Ordinal)).ToArray() : AllPrefixes;
    private readonly string[] PlainNames = wellFormed ? AllPlainNames.Where(p => !p.Contains(']', StringComparison.Ordinal)).ToArray() : AllPlainNames;

    public string NextExpression()
    {
        var text = new StringBuilder();
        var tokens = new List<string>();
        int count = random.Next(1, 5);
        for (int i = 0; i < count; i++)
        {
            string token = tokens.Count > 0 && Chance(0.15) ? Pick(tokens) : NextToken();
            tokens.Add(token);
            if (i > 0)
            {
                text.Append(Chance(0.8) ? "," : Pick([" ", ",,", ", ", "\t"]));
            }

            text.Append(token);
        }

        return text.ToString();
    }

    public List<string> NextNameList()
    {
        var names = new List<string>();
        int pieces = random.Next(1, 8);
        for (int i = 0; i < pieces; i++)
        {
            double kind = random.NextDouble();
            if (kind < 0.6)
            {
                names.AddRange(Run(Pick(Prefixes), random.Next(1, 8)));
            }
            else if (kind < 0.7)
            {
                names.Add(Pick(PlainNames));
            }
            else if (kind < 0.8)
            {
                names.AddRange(Run("", random.Next(1, 4)));
            }
            else if (kind < 0.9 && names.Count > 0)
            {
                names.Add(Pick(names));
            }
            else
            {
                names.Add(Pick(Prefixes) + LongNumber());
            }
        }

        if (Chance(0.4))
        {
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(names));
        }

        return names.Select(n => n.Length == 0 ? "n" : n).ToList();
    }

    private string NextToken()
    {
        double kind = random.NextDouble();
        if (kind < 0.25)
        {
            return Pick(Prefixes) + Number(random.Next(0, 40)) is { Length: > 0 } plain ? plain : "n";
        }

        if (kind < 0.3)
        {
            return Pick(PlainNames);
        }

        if (kind < 0.35 && !wellFormed)
        {
            // A '[' that is never closed.
            return Pick(Prefixes) + "[" + Number(random.Next(0, 9)) + Pick(["", "-", "-4", ","]);
        }

        var token = new StringBuilder(Pick(Prefixes));
        int groupsBefore = Chance(0.5) ? 0 : random.Next(1, 3);
        for (int g = 0; g < groupsBefore; g++)
        {
            token.Append('[').Append(Group(maxLength: 3)).Append(']').Append(Pick(Literals));
        }

        token.Append('[').Append(Group(maxLength: 12)).Append(']');
        if (Chance(0.04) && !wellFormed)
        {
            token.Append(Pick(Literals[..2]));
        }

        return token.ToString();
    }

    private string Group(int maxLength)
    {
        var elements = new List<string>();
        int count = random.Next(1, 4);
        for (int i = 0; i < count; i++)
        {
            if (Chance(0.03) && !wellFormed)
            {
                elements.Add(Pick(Junk));
                continue;
            }

            int lo = Chance(0.1) ? random.Next(95, 1005) : random.Next(0, 30);
            int width = random.Next(1, 5);
            elements.Add(Chance(0.4)
                ? Pad(lo, width)
                : $"{Pad(lo, width)}-{Pad(lo + random.Next(0, maxLength), Chance(0.8) ? width : random.Next(1, 5))}");
        }

        return string.Join(',', elements);
    }

    private List<string> Run(string prefix, int length)
    {
        int start = Chance(0.2) ? Pick([8, 9, 98, 99, 998, 999]) : random.Next(0, 60);
        int width = random.Next(1, 5);
        return Enumerable.Range(start, length).Select(n => prefix + Pad(n, Chance(0.05) ? width + 1 : width)).ToList();
    }

    private string Number(int value) => Chance(0.3) ? "" : Pad(value, random.Next(1, 4));

    // 15 to 25 digits: past 20 digits Slurm clamps to 18446744073709551615.
    private string LongNumber()
    {
        var digits = new StringBuilder();
        int length = random.Next(15, 26);
        for (int i = 0; i < length; i++)
        {
            digits.Append((char)('0' + random.Next(0, 10)));
        }

        return digits.ToString();
    }

    private static string Pad(int value, int width) => value.ToString($"D{width}");

    private bool Chance(double probability) => random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
