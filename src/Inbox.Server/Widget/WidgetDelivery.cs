using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Files;

namespace Inbox.Server.Widget;

/// <summary>The web chat connector's way out: an agent reply (with its files' ids) is pushed to every open widget of the contact's visitors.
/// Widgets that are closed read it from their history when they open.</summary>
public sealed class WidgetDelivery(VisitorStore visitors, AttachmentStore attachments, WidgetLive live) : IWebVisitorDelivery
{
    public async Task PushAsync(ChannelContext channel, OutboundMessage message, CancellationToken ct)
    {
        // The widget downloads a reply's files by attachment id, which the outbound message does not carry.
        var files = message.Attachments.Count == 0 ? [] : (await attachments.OfMessagesAsync([message.MessageId], ct))[message.MessageId].ToList();
        var dto = new WidgetMessageDto(message.MessageId, WidgetAuthor.Agent, message.Text, message.AuthorName, message.CreatedAt) { Attachments = files };
        var targets = await visitors.VisitorsOfContactAsync(message.ContactId, channel.ChannelId, ct);
        live.ToVisitors(targets, w => w.Message(dto));
    }
}
