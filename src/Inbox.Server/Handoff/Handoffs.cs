using System.Data.Common;
using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Channels;
using Inbox.Server.Contacts;
using Inbox.Server.Data;
using Inbox.Server.Live;
using Inbox.Server.Messaging;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Handoff;

/// <summary>
/// "Continue on Telegram / WhatsApp": a code is issued to a contact (from the widget, or by an agent) for one target channel;
/// whoever sends it there first, before it expires, joins that contact, so the next messages on either channel share one
/// thread. Only a sender that is new since the code was issued joins: an address with history of its own would hand that
/// history to whoever holds the code (the widget shows the whole thread), so it is left for an agent to merge.
/// </summary>
public sealed partial class Handoffs(
    IDbConnectionFactory db,
    HandoffStore codes,
    HandoffLinks links,
    ChannelStore channelStore,
    ChannelCache channels,
    ContactStore contacts,
    ContactCommands contactCommands,
    IdentityLinks identityLinks,
    IInboxNotifier notifier,
    IOptions<HandoffOptions> options,
    TimeProvider time,
    ILogger<Handoffs> logger)
{
    /// <summary>A code for the contact reached at <paramref name="address"/> (a widget visitor), creating the contact when the
    /// visitor has not written yet.</summary>
    public async Task<Outcome<HandoffOfferDto>> OfferToAddressAsync(ChannelAddress address, string? displayName, long sourceChannelId, long targetChannelId, CancellationToken ct)
    {
        if (await TargetAsync(targetChannelId, ct) is not { } target) return Outcome<HandoffOfferDto>.Invalid("channelId", "This site cannot continue on that channel.");
        var now = time.GetUtcNow();
        long contactId;
        await using (var c = await db.OpenAsync(ct))
        {
            contactId = await ContactOfAsync(c, address, displayName, sourceChannelId, now, ct);
        }
        return await IssueAsync(target, contactId, null, now, ct);
    }

    /// <summary>An agent's offer: a code for the conversation's contact, to send them as a link.</summary>
    public async Task<Outcome<HandoffOfferDto>> OfferForConversationAsync(Viewer viewer, long conversationId, long targetChannelId, CancellationToken ct)
    {
        long contactId;
        await using (var c = await db.OpenAsync(ct))
        {
            var thread = await c.QuerySingleOrDefaultAsync<(long ContactId, long? TeamId)?>(new CommandDefinition(
                "SELECT contact_id, team_id FROM conversations WHERE id = @Id", new { Id = conversationId }, cancellationToken: ct));
            if (thread is not { } t || !viewer.CanSee(t.TeamId)) return Outcome<HandoffOfferDto>.NotFound("Conversation");
            contactId = t.ContactId;
        }
        if (await TargetAsync(targetChannelId, ct) is not { } target) return Outcome<HandoffOfferDto>.Invalid("channelId", "Not a Telegram, WhatsApp or SMS channel that can take a hand-off.");
        return await IssueAsync(target, contactId, viewer.UserId, time.GetUtcNow(), ct);
    }

    private async Task<Channel?> TargetAsync(long channelId, CancellationToken ct) =>
        (await links.OptionsAsync(ct)).Any(o => o.ChannelId == channelId) ? await channelStore.GetAsync(channelId, ct) : null;

    private async Task<Outcome<HandoffOfferDto>> IssueAsync(Channel target, long contactId, long? offeredBy, DateTimeOffset now, CancellationToken ct)
    {
        var code = HandoffCode.New();
        if (await links.LinkAsync(target, code, ct) is not { } url)
            return Outcome<HandoffOfferDto>.Conflict("The channel cannot make a link now (its bot could not be reached); try again shortly.");
        var expiresAt = now + options.Value.CodeLifetime;
        await using (var c = await db.OpenAsync(ct))
            await codes.InsertAsync(c, null, HandoffCode.Hash(code), contactId, target.Id, offeredBy, now, expiresAt, ct);
        LogIssued(contactId, target.Id);
        return Outcome<HandoffOfferDto>.Ok(new HandoffOfferDto(target.Id, target.Type, code, url, expiresAt));
    }

    private async Task<long> ContactOfAsync(DbConnection c, ChannelAddress address, string? displayName, long channelId, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await c.BeginTransactionAsync(ct);
        if (await contacts.FindIdentityAsync(c, tx, address, ct) is { } known) return known.ContactId;
        try
        {
            var created = await contacts.CreateWithIdentityAsync(c, tx, address, displayName, channelId, now, ct);
            await tx.CommitAsync(ct);
            return created.ContactId;
        }
        catch (Exception ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            // The visitor's first message created it meanwhile.
            await tx.RollbackAsync(ct);
            await using var again = await c.BeginTransactionAsync(ct);
            return (await contacts.FindIdentityAsync(c, again, address, ct))!.ContactId;
        }
    }

    /// <summary>
    /// After an inbound message is stored: when it carries a code for its channel (see <see cref="HandoffCode.Find"/>), the
    /// code is claimed and the sender's contact, new since the code was issued, is merged into the code's contact, with a
    /// link record and an event in the thread. A used, expired or unknown code changes nothing.
    /// </summary>
    public async Task RedeemAsync(InboundMessage message, InboundResult result, CancellationToken ct)
    {
        if (result.Duplicate || message.Automated) return;
        if (await channels.GetAsync(message.ChannelId, ct) is not { } channel || HandoffCode.Find(channel.Type, message.Text) is not { } code) return;
        var now = time.GetUtcNow();
        var live = new List<LiveEvent>();
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            if (await contacts.FindIdentityAsync(c, tx, message.From, ct) is not { } sender) return;
            if (await codes.ClaimAsync(c, tx, HandoffCode.Hash(code), channel.Id, sender.IdentityId, now, ct) is not { } claimed)
            {
                LogRefused(channel.Id);
                return;
            }
            if (claimed.ContactId != sender.ContactId)
            {
                if (!await IsNewSinceAsync(c, tx, sender.ContactId, claimed.CreatedAt, ct))
                    LogKnownSender(sender.ContactId, claimed.ContactId);
                else
                {
                    await contactCommands.MergeWithinAsync(c, tx, claimed.ContactId, sender.ContactId, null, now, live, ct);
                    await identityLinks.LinkAsync(c, tx, claimed.ContactId, sender.IdentityId, message.From.Kind, IdentityLinkReasons.HandoffCode, channel.Id, now, live, ct);
                    LogLinked(sender.ContactId, claimed.ContactId, channel.Id);
                }
            }
            await tx.CommitAsync(ct);
        }
        if (live.Count > 0) await notifier.PublishAsync(live, ct);
    }

    /// <summary>True when the contact is one address with nothing before <paramref name="since"/>: the code's own message.</summary>
    private static async Task<bool> IsNewSinceAsync(DbConnection c, DbTransaction tx, long contactId, DateTimeOffset since, CancellationToken ct)
    {
        var (identities, earlier) = await c.QuerySingleAsync<(long, long)>(new CommandDefinition("""
            SELECT (SELECT COUNT(*) FROM contact_identities WHERE contact_id = @ContactId),
                   (SELECT COUNT(*) FROM messages m JOIN conversations t ON t.id = m.conversation_id WHERE t.contact_id = @ContactId AND m.created_at < @Since)
            """, new { ContactId = contactId, Since = since }, tx, cancellationToken: ct));
        return identities == 1 && earlier == 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hand-off code issued to contact {ContactId} for channel {ChannelId}")]
    private partial void LogIssued(long contactId, long channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A message on channel {ChannelId} carried an unknown, used or expired hand-off code: nothing linked")]
    private partial void LogRefused(long channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contact {SourceId} handed off into contact {TargetId} on channel {ChannelId}")]
    private partial void LogLinked(long sourceId, long targetId, long channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hand-off code of contact {TargetId} came from contact {SourceId}, which has its own history: not merged (an agent may)")]
    private partial void LogKnownSender(long sourceId, long targetId);
}
