using System.Data.Common;
using Inbox.Contracts;
using Inbox.Server.Channels;
using Inbox.Server.Handoff;
using Inbox.Server.Messaging;

namespace Inbox.Server.Widget;

/// <summary>
/// Offline continuity: an agent's reply to a widget visitor who has left the site, and who verified an email ("Send me
/// replies by email", <see cref="EmailHandoffs"/>), also goes out by email (a second message in the thread, through the
/// email channel's outbox). Its Message-ID puts the visitor's answer back in the same thread, and the widget shows the
/// whole exchange when the visitor returns (the reply once: the copy is marked as one). An address the visitor only typed gets nothing: it is not theirs until the
/// link mailed to it is opened, and one split off the contact since is no longer this customer's.
/// </summary>
public sealed partial class OfflineEmailCopies(ChannelStore channels, Contacts.ContactStore contacts, EmailVerificationStore verifications, MessageStore messages,
    Files.AttachmentStore attachments, OutboxStore outbox, IVisitorPresence presence, ILogger<OfflineEmailCopies> logger)
{
    /// <summary>The email copy's message id (with the reply's files), or null when none is due (visitor online, no verified
    /// email, no email channel).</summary>
    public async Task<long?> CopyAsync(DbConnection c, DbTransaction tx, long conversationId, long replyId, IdentityDto identity, Channel channel,
        long authorId, string text, IReadOnlyList<Files.StoredAttachment> files, DateTimeOffset now, CancellationToken ct)
    {
        if (channel.Type != ChannelTypes.WebChat || identity.Kind != IdentityKind.WebVisitor || (text.Length == 0 && files.Count == 0)) return null;
        if (presence.Find(identity.Address) is not null) return null;
        if (await verifications.VerifiedAsync(c, tx, identity.Address, ct) is not { } verified) return null;
        if (await MailChannelAsync(c, tx, verified.IdentityId, ct) is not { } mail) return null;

        var copy = await messages.InsertOutboundAsync(c, tx, conversationId, mail.Id, verified.IdentityId, authorId, text, false, now, ct);
        await messages.MarkCopyOfAsync(c, tx, copy, replyId, ct);
        foreach (var file in files) await attachments.InsertAsync(c, tx, copy, file, now, ct);
        await outbox.EnqueueAsync(c, tx, copy, mail.Id, now, ct);
        LogCopied(copy, conversationId);
        return copy;
    }

    /// <summary>The email channel the address last used (the one that verified it), else the oldest enabled one.</summary>
    private async Task<Channel?> MailChannelAsync(DbConnection c, DbTransaction tx, long identityId, CancellationToken ct)
    {
        static bool Sends(Channel? ch) => ch is { Type: ChannelTypes.Email, Enabled: true, ArchivedAt: null };
        if ((await contacts.GetIdentityAsync(c, tx, identityId, ct))?.LastChannelId is { } id && await channels.GetAsync(c, tx, id, ct) is { } used && Sends(used)) return used;
        return (await channels.ListAsync(ct)).Where(Sends).MinBy(ch => ch.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply copied by email as message {MessageId} to the visitor of conversation {ConversationId}, who has left")]
    private partial void LogCopied(long messageId, long conversationId);
}
