using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Channels;
using Inbox.Server.Contacts;
using Inbox.Server.Data;
using Inbox.Server.Messaging;
using Inbox.Server.Widget;

namespace Inbox.Server.Handoff;

/// <summary>
/// Where a reply can go for the composer's channel picker: every identity of the customer on the channel it last wrote on,
/// the one of their last message first (the default), each with why it cannot deliver now (WhatsApp's window closed,
/// the bot blocked, the widget visitor gone), so the agent chooses before sending rather than after a failure.
/// </summary>
public sealed class Reachability(IDbConnectionFactory db, ContactStore contacts, ChannelCache channels, ReplyWindows windows, IVisitorPresence presence,
    EmailVerificationStore verifications, TimeProvider time)
{
    public async Task<Outcome<ReachabilityDto>> ForConversationAsync(Viewer viewer, long conversationId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var thread = await c.QuerySingleOrDefaultAsync<ThreadRow>(new CommandDefinition(
            "SELECT contact_id, team_id, last_inbound_identity_id FROM conversations WHERE id = @Id", new { Id = conversationId }, cancellationToken: ct));
        if (thread is null || !viewer.CanSee(thread.TeamId)) return Outcome<ReachabilityDto>.NotFound("Conversation");
        var contact = (await contacts.GetAsync(c, null, thread.ContactId, ct))!;
        var now = time.GetUtcNow();
        var list = new List<ReachableChannelDto>();
        foreach (var identity in contact.Identities)
        {
            if (identity.LastChannelId is not { } channelId || await channels.GetAsync(channelId, ct) is not { Enabled: true } channel) continue;
            string? warning = null;
            if (identity.UnreachableAt is not null)
                warning = ReachabilityWarnings.Blocked;
            else if (channel.Type == ChannelTypes.WhatsApp && !(await windows.DescribeAsync(c, null, conversationId, channel, identity.Id, now, ct)).FreeTextAllowed)
                warning = ReachabilityWarnings.TemplateNeeded;
            else if (channel.Type == ChannelTypes.WebChat && identity.Kind == IdentityKind.WebVisitor && presence.Find(identity.Address) is null)
                warning = await verifications.VerifiedAsync(c, null, identity.Address, ct) is not null ? ReachabilityWarnings.VisitorOfflineEmail : ReachabilityWarnings.VisitorOffline;
            list.Add(new ReachableChannelDto(channel.Id, channel.Type, channel.Name, identity.Id, identity.Address, identity.Id == thread.LastInboundIdentityId, warning));
        }
        var ordered = list.OrderByDescending(r => r.IsDefault).ThenBy(r => r.Warning is not null).ToList();
        if (ordered.Count > 0 && !ordered.Any(r => r.IsDefault)) ordered[0] = ordered[0] with { IsDefault = true };
        return Outcome<ReachabilityDto>.Ok(new ReachabilityDto(ordered));
    }

    private sealed class ThreadRow
    {
        public long ContactId { get; set; }
        public long? TeamId { get; set; }
        public long? LastInboundIdentityId { get; set; }
    }
}
