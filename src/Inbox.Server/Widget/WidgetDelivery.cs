using Inbox.Connectors.Abstractions;
using Inbox.Contracts;

namespace Inbox.Server.Widget;

/// <summary>The web chat connector's way out: an agent reply is pushed to every open widget of the contact's visitors.
/// Widgets that are closed read it from their history when they open.</summary>
public sealed class WidgetDelivery(VisitorStore visitors, WidgetLive live) : IWebVisitorDelivery
{
    public async Task PushAsync(ChannelContext channel, OutboundMessage message, CancellationToken ct)
    {
        var dto = new WidgetMessageDto(message.MessageId, WidgetAuthor.Agent, message.Text, message.AuthorName, message.CreatedAt);
        var targets = await visitors.VisitorsOfContactAsync(message.ContactId, channel.ChannelId, ct);
        live.ToVisitors(targets, w => w.Message(dto));
    }
}
