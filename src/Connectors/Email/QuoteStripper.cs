using System.Text.RegularExpressions;

namespace Inbox.Connectors.Email;

/// <summary>
/// Takes what the customer wrote now out of a mail's text: the quoted history below an attribution line ("On … wrote:",
/// "El … escribió:", Apple Mail's "On … at …, … wrote:"), an Outlook header block ("From:/De:" with "Sent:/Enviado:"),
/// "-----Original Message-----" / "Mensaje original", Outlook web's underscore rule, "&gt;" quoting, and signatures
/// ("-- ", "Sent from my iPhone", "Enviado desde mi…", "Get Outlook for…"). A forwarded mail keeps what it forwards.
/// Pure: text in, text out. When nothing would be left, the whole text is kept.
/// </summary>
public static partial class QuoteStripper
{
    public static string Strip(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var kept = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var trimmed = line.Trim();
            if (Forwarded().IsMatch(trimmed))
            {
                // Everything forwarded is the customer's message: keep it all.
                kept.AddRange(lines[i..].Select(l => l.TrimEnd()));
                break;
            }
            if (IsHistoryStart(lines, i) || trimmed == "--" && line.StartsWith("--", StringComparison.Ordinal)) break;
            if (SentFrom().IsMatch(trimmed)) break;
            if (trimmed.StartsWith('>')) continue;
            kept.Add(line);
        }
        var reply = string.Join('\n', kept).Trim();
        return reply.Length == 0 ? text.Trim() : Collapse().Replace(reply, "\n\n");
    }

    private static bool IsHistoryStart(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (line.Length == 0) return false;
        if (OriginalMessage().IsMatch(line)) return true;
        if (Attribution().IsMatch(line)) return true;
        // Gmail and Apple Mail wrap a long attribution over two or three lines.
        if (AttributionStart().IsMatch(line))
        {
            var joined = line;
            for (var j = i + 1; j < Math.Min(lines.Length, i + 3); j++)
            {
                joined += " " + lines[j].Trim();
                if (Attribution().IsMatch(joined)) return true;
            }
        }
        if (Underscores().IsMatch(line) && NextNonEmpty(lines, i + 1) is { } next && HeaderFrom().IsMatch(next)) return true;
        if (HeaderFrom().IsMatch(line.TrimStart('*')))
        {
            // An Outlook block: "From:" with "Sent:/Date:" and "To:/Subject:" in the next few lines.
            var block = lines.Skip(i + 1).Take(5).Select(l => l.Trim().TrimStart('*')).ToList();
            return block.Any(l => HeaderSent().IsMatch(l)) && block.Any(l => HeaderTo().IsMatch(l));
        }
        return false;
    }

    private static string? NextNonEmpty(string[] lines, int from)
    {
        for (var j = from; j < lines.Length; j++)
            if (lines[j].Trim().Length > 0) return lines[j].Trim().TrimStart('*');
        return null;
    }

    [GeneratedRegex(@"^(On|Le|Am|El|Em|Il)\s.{4,400}(wrote|escribió|a écrit|schrieb|escreveu|ha scritto)\s*:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^(On|El)\s.*\d", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionStart();

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Mensaje original|Message d'origine)\s*-{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^(-{2,}\s*(Forwarded message|Mensaje reenviado|Mensaje enviado|Message transféré)\s*-{2,}|Begin forwarded message:|Inicio del mensaje reenviado:)", RegexOptions.IgnoreCase)]
    private static partial Regex Forwarded();

    [GeneratedRegex(@"^_{10,}$")]
    private static partial Regex Underscores();

    [GeneratedRegex(@"^(From|De)\s*:\s*\S", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^(Sent|Date|Enviado(\s+el)?|Fecha)\s*:\s*\S", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderSent();

    [GeneratedRegex(@"^(To|Para|Subject|Asunto|Cc)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderTo();

    [GeneratedRegex(@"^(Sent from my \w+|Sent from (Mail|Outlook) for \w+|Get Outlook for \w+|Enviado desde mi \w+|Enviado desde (Correo|Outlook) para \w+|Obtener Outlook para \w+|Sent from Yahoo Mail.*|Enviado con .{1,40})\s*(<[^>\s]+>)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SentFrom();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex Collapse();
}
