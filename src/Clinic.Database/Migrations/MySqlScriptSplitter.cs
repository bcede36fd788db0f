using System.Text;
using System.Text.RegularExpressions;

namespace Clinic.Database.Migrations;

/// <summary>
/// Splits a MySQL script into the commands a client sends one by one, as the mysql command-line
/// client does: it honours <c>DELIMITER</c> lines, quoted strings ('…', "…", `…`, with backslash
/// escapes and doubled quotes) and comments (<c>-- </c>, <c>#</c>, <c>/* */</c>), and never splits
/// inside them. Commands that hold only comments are dropped.
/// </summary>
public static partial class MySqlScriptSplitter
{
    [GeneratedRegex(@"^\s*DELIMITER\s+(\S+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DelimiterLine();

    public static IReadOnlyList<string> Split(string script)
    {
        var commands = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        var delimiter = ";";
        var i = 0;
        var atLineStart = true;

        void Flush()
        {
            if (hasContent)
                commands.Add(current.ToString().Trim());
            current.Clear();
            hasContent = false;
        }

        while (i < script.Length)
        {
            if (atLineStart)
            {
                var lineEnd = script.IndexOf('\n', i);
                var line = lineEnd < 0 ? script[i..] : script[i..lineEnd];
                var match = DelimiterLine().Match(line);
                if (match.Success)
                {
                    Flush();
                    delimiter = match.Groups[1].Value;
                    i = lineEnd < 0 ? script.Length : lineEnd + 1;
                    continue;
                }
                atLineStart = false;
            }

            var c = script[i];
            if (string.CompareOrdinal(script, i, delimiter, 0, delimiter.Length) == 0)
            {
                Flush();
                i += delimiter.Length;
                continue;
            }

            switch (c)
            {
                case '\'' or '"' or '`':
                    i = CopyQuoted(script, i, current);
                    hasContent = true;
                    continue;
                case '#':
                case '-' when IsDashComment(script, i):
                    i = CopyUntil(script, i, "\n", current);
                    atLineStart = true;
                    continue;
                case '/' when i + 1 < script.Length && script[i + 1] == '*':
                    i = CopyUntil(script, i, "*/", current);
                    continue;
                case '\n':
                    current.Append(c);
                    atLineStart = true;
                    i++;
                    continue;
                default:
                    if (!char.IsWhiteSpace(c))
                        hasContent = true;
                    current.Append(c);
                    i++;
                    continue;
            }
        }

        Flush();
        return commands;
    }

    // MySQL treats "--" as a comment only when followed by white space or the end of the input.
    private static bool IsDashComment(string s, int i) =>
        i + 1 < s.Length && s[i + 1] == '-' && (i + 2 >= s.Length || char.IsWhiteSpace(s[i + 2]));

    private static int CopyQuoted(string s, int i, StringBuilder into)
    {
        var quote = s[i];
        into.Append(quote);
        i++;
        while (i < s.Length)
        {
            var c = s[i];
            into.Append(c);
            i++;
            if (c == '\\' && quote != '`' && i < s.Length)
            {
                into.Append(s[i]);
                i++;
            }
            else if (c == quote)
            {
                if (i < s.Length && s[i] == quote)
                {
                    into.Append(s[i]);
                    i++;
                }
                else
                {
                    return i;
                }
            }
        }
        return i;
    }

    private static int CopyUntil(string s, int i, string end, StringBuilder into)
    {
        var stop = s.IndexOf(end, i + 1, StringComparison.Ordinal);
        var next = stop < 0 ? s.Length : stop + end.Length;
        into.Append(s, i, next - i);
        return next;
    }
}
