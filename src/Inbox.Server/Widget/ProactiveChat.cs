using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Contacts;
using Inbox.Server.Conversations;
using Inbox.Server.Data;
using Inbox.Server.Live;
using Inbox.Server.Messaging;

namespace Inbox.Server.Widget;

/// <summary>
/// An agent starts the chat with a visitor on the site: the visitor gets a contact and a thread if it has none yet, the
/// agent's message is an ordinary reply on the web chat channel (stored, outbox, pushed), and the visitor's widgets open with it.
/// </summary>
public sealed class ProactiveChat(
    IDbConnectionFactory db,
    VisitorStore visitors,
    ContactStore contacts,
    ConversationStore conversations,
    ConversationEventStore events,
    IInboxNotifier notifier,
    ReplyService replies,
    WidgetLive live,
    TimeProvider time)
{
    public async Task<Outcome<MessageDto>> InviteAsync(Viewer viewer, string visitorId, InviteVisitorRequest request, CancellationToken ct)
    {
        if (visitorId.Length != 32 || !Guid.TryParseExact(visitorId, "N", out var guid) || await visitors.GetAsync(visitorId, ct) is not { } visitor)
            return Outcome<MessageDto>.NotFound("Visitor");
        if (string.IsNullOrWhiteSpace(request.Text)) return Outcome<MessageDto>.Invalid("text", "Write the message the visitor will see.");

        var (conversationId, identityId, created) = await ThreadOfAsync(visitor, ChannelAddress.WebVisitor(guid), ct);
        if (created is not null) await notifier.PublishAsync([created], ct);
        var thread = await conversations.GetDtoAsync(viewer, conversationId, ct);
        if (thread is null) return Outcome<MessageDto>.NotFound("Visitor");

        var sent = await replies.ReplyAsync(viewer, conversationId, new ReplyRequest(request.Text, identityId, visitor.ChannelId), ct);
        if (sent.Value is { } message)
        {
            var dto = new WidgetMessageDto(message.Id, WidgetAuthor.Agent, message.Text, message.AuthorName, message.CreatedAt);
            live.ToVisitors([visitor.Id], w => w.Invitation(dto));
        }
        return sent;
    }

    /// <summary>The visitor's conversation, made (with its contact) when the visitor never wrote.</summary>
    private async Task<(long ConversationId, long IdentityId, LiveEvent? Created)> ThreadOfAsync(Visitor visitor, ChannelAddress address, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var identity = await contacts.FindIdentityAsync(c, tx, address, ct)
            ?? await contacts.CreateWithIdentityAsync(c, tx, address, visitor.Name, visitor.ChannelId, now, ct);
        var conversation = await conversations.FindByContactAsync(c, tx, identity.ContactId, ct);
        LiveEvent? created = null;
        if (conversation is null)
        {
            conversation = Conversation.Start(identity.ContactId, now);
            await conversations.InsertAsync(c, tx, conversation, ct);
            var dto = await conversations.GetDtoAsync(c, tx, conversation.Id, ct);
            created = await events.AppendAsync(c, tx, EventTypes.ConversationCreated, new ConversationAudience(conversation.Id, null, null), null, null, dto!, now, ct);
        }
        await tx.CommitAsync(ct);
        return (conversation.Id, identity.IdentityId, created);
    }
}
