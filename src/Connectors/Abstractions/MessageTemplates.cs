using System.Text.RegularExpressions;

namespace Inbox.Connectors.Abstractions;

/// <summary>
/// A provider-approved message an agent may send when free text is not allowed (WhatsApp outside its 24-hour window):
/// the provider's id for it (Twilio's Content SID) and its text with numbered placeholders <c>{{1}}</c>, <c>{{2}}</c>…
/// </summary>
public sealed partial record MessageTemplate(string Name, string ProviderId, string Text)
{
    /// <summary>The placeholder numbers the text names, in order ("1", "2").</summary>
    public IReadOnlyList<string> Variables => Placeholder().Matches(Text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The text as the customer will read it, each placeholder replaced by its value (left as is when missing).</summary>
    public string Render(IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(Text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    [GeneratedRegex(@"\{\{\s*(\d{1,2})\s*\}\}")]
    private static partial Regex Placeholder();
}

/// <summary>The template a reply is sent as, with the values of its placeholders by number.</summary>
public sealed record OutboundTemplate(string ProviderId, IReadOnlyDictionary<string, string> Variables);

/// <summary>
/// A channel type whose free-form replies are allowed only within <see cref="ReplyWindow"/> of the customer's last
/// message (WhatsApp: 24 hours); outside it only the channel's approved <see cref="Templates"/> may be sent. The server
/// enforces it when a reply is written, so a refused reply never reaches the outbox.
/// </summary>
public interface IReplyWindowChannel
{
    TimeSpan ReplyWindow { get; }

    IReadOnlyList<MessageTemplate> Templates(ChannelContext channel);
}
