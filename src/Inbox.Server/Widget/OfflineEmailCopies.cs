using System.Data.Common;
using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Channels;
using Inbox.Server.Contacts;
using Inbox.Server.Messaging;

namespace Inbox.Server.Widget;

/// <summary>
/// Offline continuity: an agent's reply to a widget visitor who has left the site, and who left an email in the widget,
/// also goes out by email (a second message in the thread, through the email channel's outbox). Its Message-ID puts the
/// visitor's answer back in the same thread, and the widget shows the whole exchange when the visitor returns. An address
/// that already belongs to another contact is never written to from here: that would mix two customers.
/// </summary>
public sealed partial class OfflineEmailCopies(ChannelStore channels, ContactStore contacts, IdentityLinks links, MessageStore messages,
    OutboxStore outbox, IVisitorPresence presence, ILogger<OfflineEmailCopies> logger)
{
    /// <summary>The email copy's message id, or null when none is due (visitor online, no email, no email channel).</summary>
    public async Task<long?> CopyAsync(DbConnection c, DbTransaction tx, long conversationId, long contactId, IdentityDto identity, Channel channel,
        long authorId, string text, DateTimeOffset now, CancellationToken ct)
    {
        if (channel.Type != ChannelTypes.WebChat || identity.Kind != IdentityKind.WebVisitor || text.Length == 0) return null;
        if (presence.Find(identity.Address) is not null) return null;
        var left = await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT email FROM widget_visitors WHERE id = @Id", new { Id = identity.Address }, tx, cancellationToken: ct));
        if (left is null || !ChannelAddress.TryEmail(left, out var email)) return null;
        var mail = (await channels.ListAsync(ct)).FirstOrDefault(ch => ch.Enabled && ch.Type == ChannelTypes.Email);
        if (mail is null) return null;

        long emailIdentity;
        if (await contacts.FindIdentityAsync(c, tx, email, ct) is { } owner)
        {
            if (owner.ContactId != contactId)
            {
                LogOwnedElsewhere(contactId);
                return null;
            }
            emailIdentity = owner.IdentityId;
        }
        else
        {
            emailIdentity = await contacts.InsertIdentityAsync(c, tx, contactId, email, null, mail.Id, now, ct);
            await links.RecordAsync(c, tx, contactId, emailIdentity, IdentityLinkReasons.OfflineEmail, mail.Id, now, ct);
        }
        var copy = await messages.InsertOutboundAsync(c, tx, conversationId, mail.Id, emailIdentity, authorId, text, false, now, ct);
        await outbox.EnqueueAsync(c, tx, copy, mail.Id, now, ct);
        LogCopied(copy, conversationId);
        return copy;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply copied by email as message {MessageId} to the visitor of conversation {ConversationId}, who has left")]
    private partial void LogCopied(long messageId, long conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The email a visitor of contact {ContactId} left belongs to another contact: no email copy")]
    private partial void LogOwnedElsewhere(long contactId);
}
