using System.Globalization;
using System.Text.RegularExpressions;
using Inbox.Contracts;

namespace Inbox.Web.CannedResponses;

/// <summary>
/// Fills a canned response's variables (<c>{{contact.name}}</c>, <c>{{contact.first_name}}</c>, <c>{{contact.email}}</c>,
/// <c>{{contact.phone}}</c>, <c>{{agent.name}}</c>). An unknown variable, or one without a value, becomes a visible gap
/// <c>⟦contact.name⟧</c> the agent must fill: the composer will not send text with a gap in it, so no customer ever
/// gets "{{…}}" or a silent blank.
/// </summary>
public static partial class CannedTemplate
{
    public const char GapStart = '⟦';
    public const char GapEnd = '⟧';

    public static string Fill(string template, ContactSummaryDto? contact, string? agentName) =>
        Variable().Replace(template, m =>
        {
            var name = m.Groups[1].Value.ToLowerInvariant();
            var value = name switch
            {
                "contact.name" => contact?.Name,
                "contact.first_name" => contact?.Name?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(),
                "contact.email" => contact?.Email,
                "contact.phone" => contact?.Phone,
                "agent.name" => agentName,
                _ => null,
            };
            return string.IsNullOrWhiteSpace(value) ? $"{GapStart}{name}{GapEnd}" : value.Trim();
        });

    /// <summary>Is there a gap left to fill?</summary>
    public static bool HasGaps(string? text) => text is not null && text.Contains(GapStart, StringComparison.Ordinal);

    /// <summary>The text in the language asked for ("es" or anything else: English), or the other one when it has only that.</summary>
    public static string TextFor(CannedResponseDto canned, string language) =>
        (language == "es" ? canned.TextEs ?? canned.TextEn : canned.TextEn ?? canned.TextEs) ?? "";

    /// <summary>The console's language as the picker uses it.</summary>
    public static string LanguageOf(CultureInfo culture) => Localization.CultureService.Normalize(culture.Name) == "es" ? "es" : "en";

    /// <summary>What follows the "/" when the whole composer text is a shortcut being typed ("/ret" → "ret"), else null.</summary>
    public static string? ShortcutQuery(string? text)
    {
        if (string.IsNullOrEmpty(text) || text[0] != '/' || text.Length > 33) return null;
        var query = text[1..];
        return query.All(c => char.IsLetterOrDigit(c) || c is '-' or '_') ? query.ToLowerInvariant() : null;
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}")]
    private static partial Regex Variable();
}
