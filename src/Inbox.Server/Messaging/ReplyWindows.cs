using System.Data.Common;
using System.Text.Json;
using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Channels;

namespace Inbox.Server.Messaging;

/// <summary>
/// Reply windows (WhatsApp: free text only within 24 hours of the customer's last message on that number): whether free
/// text may go out now, and the approved templates that may be sent instead. Decided on the server when a reply is
/// written, so a refused reply is never stored, queued or shown as sent. The window is per channel and customer
/// address, measured from the last inbound message we stored from them there.
/// </summary>
public sealed class ReplyWindows(ChannelConnectors connectors, ChannelStore channels)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What a reply on <paramref name="channel"/> to <paramref name="identityId"/> sends: free text, or a
    /// template with its preview as the message text; or why it may not go out.</summary>
    public sealed record Decision(string? Field, string? Problem, OutboundTemplate? Template, string Text);

    public async Task<ReplyWindowDto> DescribeAsync(DbConnection c, DbTransaction? tx, long conversationId, Channel channel, long identityId, DateTimeOffset now, CancellationToken ct)
    {
        if (Windowed(channel) is not { } windowed) return new ReplyWindowDto(channel.Id, identityId, true, null, []);
        var closesAt = await ClosesAtAsync(c, tx, conversationId, channel.Id, identityId, windowed.ReplyWindow, ct);
        var templates = windowed.Templates(channels.ContextOf(channel))
            .Select(t => new MessageTemplateDto(t.Name, t.ProviderId, t.Text, t.Variables)).ToList();
        return new ReplyWindowDto(channel.Id, identityId, closesAt > now, closesAt, templates);
    }

    public async Task<Decision> DecideAsync(DbConnection c, DbTransaction tx, long conversationId, Channel channel, long identityId, string text,
        ReplyTemplate? requested, DateTimeOffset now, CancellationToken ct)
    {
        var windowed = Windowed(channel);
        if (requested is null)
        {
            if (windowed is null) return new Decision(null, null, null, text);
            var closesAt = await ClosesAtAsync(c, tx, conversationId, channel.Id, identityId, windowed.ReplyWindow, ct);
            if (closesAt > now) return new Decision(null, null, null, text);
            var since = closesAt is null ? "the customer has not written on it yet" : $"the window closed at {closesAt:yyyy-MM-dd HH:mm} UTC";
            return new Decision("template", $"The channel '{channel.Name}' allows free text only within {Hours(windowed.ReplyWindow)} hours of the customer's last message ({since}). Send one of its approved templates.", null, text);
        }

        if (windowed is null) return new Decision("template", $"The channel '{channel.Name}' sends no templates.", null, text);
        var template = windowed.Templates(channels.ContextOf(channel)).FirstOrDefault(t => t.ProviderId == requested.ContentSid);
        if (template is null) return new Decision("template.contentSid", $"'{requested.ContentSid}' is not one of the channel '{channel.Name}''s approved templates.", null, text);
        var values = requested.Variables ?? new Dictionary<string, string>();
        var missing = template.Variables.Where(v => !values.TryGetValue(v, out var value) || string.IsNullOrWhiteSpace(value)).ToList();
        if (missing.Count > 0) return new Decision("template.variables", $"Fill the template's placeholders {string.Join(", ", missing.Select(v => "{{" + v + "}}"))}.", null, text);
        var unknown = values.Keys.Except(template.Variables).ToList();
        if (unknown.Count > 0) return new Decision("template.variables", $"The template has no placeholder {{{{{unknown[0]}}}}}.", null, text);
        if (values.Values.Any(v => v.Length > 1024)) return new Decision("template.variables", "A placeholder's value is longer than 1024 characters.", null, text);
        return new Decision(null, null, new OutboundTemplate(template.ProviderId, values), template.Render(values));
    }

    public static async Task SaveTemplateAsync(DbConnection c, DbTransaction tx, long messageId, OutboundTemplate template, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("UPDATE messages SET template = @Template WHERE id = @Id",
            new { Id = messageId, Template = JsonSerializer.Serialize(template, Json) }, tx, cancellationToken: ct));

    /// <summary>The template a stored reply is sent as (the <c>messages.template</c> column), or null for free text.</summary>
    public static OutboundTemplate? ReadTemplate(string? json) => json is null ? null : JsonSerializer.Deserialize<OutboundTemplate>(json, Json);

    private IReplyWindowChannel? Windowed(Channel channel) =>
        connectors.Connector(channel.Type) is IReplyWindowChannel windowed and IChannelConnector connector
        && connector.Capabilities.HasFlag(ChannelCapabilities.ReplyWindow) ? windowed : null;

    private static async Task<DateTimeOffset?> ClosesAtAsync(DbConnection c, DbTransaction? tx, long conversationId, long channelId, long identityId, TimeSpan window, CancellationToken ct)
    {
        var last = await c.QuerySingleOrDefaultAsync<DateTimeOffset?>(new CommandDefinition("""
            SELECT created_at FROM messages
            WHERE conversation_id = @ConversationId AND channel_id = @ChannelId AND identity_id = @IdentityId AND direction = 'inbound'
            ORDER BY id DESC LIMIT 1
            """, new { ConversationId = conversationId, ChannelId = channelId, IdentityId = identityId }, tx, cancellationToken: ct));
        return last + window;
    }

    private static string Hours(TimeSpan window) => ((int)window.TotalHours).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
