using System.Buffers;
using System.Text;

namespace HpcMaint.Adapters.Processes;

/// <summary>Renders argv the way a POSIX shell would need it typed. For logs and dry runs only; nothing here is ever executed.</summary>
internal static class ShellQuoting
{
    private static readonly SearchValues<char> SafeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-");

    public static string Join(string program, IReadOnlyList<string> arguments)
    {
        var builder = new StringBuilder(Quote(program));
        foreach (var argument in arguments)
        {
            builder.Append(' ').Append(Quote(argument));
        }

        return builder.ToString();
    }

    public static string Quote(string word)
    {
        if (word.Length > 0 && !word.AsSpan().ContainsAnyExcept(SafeCharacters))
        {
            return word;
        }

        // Inside single quotes nothing is special except the quote itself, which is closed, escaped and reopened.
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
