using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Inbox.Connectors.Email;

/// <summary>HTML mail for the thread (as text) and for the "original" view (sanitised: no script, styles kept inline,
/// only http, https, mailto and cid links). Pure.</summary>
public static class HtmlText
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static readonly HashSet<string> Blocks = new(
        ["p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "hr", "section", "article", "header", "footer"],
        StringComparer.OrdinalIgnoreCase);

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    public static string ToText(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var text = new StringBuilder();
        Walk(document.Body ?? (INode)document.DocumentElement, text);
        var lines = text.ToString().Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        var result = string.Join('\n', lines);
        while (result.Contains("\n\n\n", StringComparison.Ordinal)) result = result.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);
        return result.Trim();
    }

    private static void Walk(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data.Replace('\n', ' ').Replace('\r', ' ').Replace('\u00A0', ' '));
                    break;
                case IElement e when e.LocalName is "script" or "style" or "head" or "title":
                    break;
                case IElement e when e.LocalName == "br":
                    text.Append('\n');
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.LocalName);
                    var quoted = e.LocalName == "blockquote";
                    if (block) NewLine(text);
                    if (e.LocalName == "li") text.Append("- ");
                    if (quoted)
                    {
                        // A quoted block reads as "> " lines, so quote stripping finds it like plain-text quoting.
                        var inner = new StringBuilder();
                        Walk(e, inner);
                        foreach (var line in inner.ToString().Trim().Split('\n')) text.Append("> ").Append(line).Append('\n');
                    }
                    else Walk(e, text);
                    if (block) NewLine(text);
                    if (e.LocalName is "p" or "table" or "ul" or "ol") text.Append('\n');
                    break;
            }
        }
    }

    private static void NewLine(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '\n') text.Append('\n');
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("cid");
        sanitizer.AllowedTags.Remove("form");
        return sanitizer;
    }
}
