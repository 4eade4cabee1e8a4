using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Data;
using Inbox.Server.Live;

namespace Inbox.Server.Contacts;

/// <summary>
/// Addresses a provider proved belong to a customer (<see cref="InboundMessage.ProvenAddresses"/>: Telegram's shared
/// contact of the user's own phone). After the message is stored, each address becomes an identity of the sender's
/// contact; when another contact already has it (the same customer on SMS or WhatsApp), the sender's contact is merged into
/// that one, so the customer has one thread. Unlike an address an agent or a visitor merely types, this is proof of
/// ownership, so it merges without asking. Repeating it (a redelivered update) changes nothing.
/// </summary>
public sealed partial class ProvenAddresses(IDbConnectionFactory db, ContactStore contacts, ContactCommands commands, IdentityLinks links, IInboxNotifier notifier,
    TimeProvider time, ILogger<ProvenAddresses> logger)
{
    public async Task LinkAsync(long contactId, ChannelAddress address, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var live = new List<LiveEvent>();
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            if (!await contacts.ExistsAsync(c, tx, contactId, ct)) return;
            var owner = await contacts.FindIdentityAsync(c, tx, address, ct);
            if (owner?.ContactId == contactId) return;
            if (owner is null)
            {
                var added = await contacts.InsertIdentityAsync(c, tx, contactId, address, null, null, now, ct);
                await links.LinkAsync(c, tx, contactId, added, address.Kind, IdentityLinkReasons.TelegramSharedContact, null, now, live, ct);
                if (address.Kind == IdentityKind.Phone)
                    await c.ExecuteAsync(new CommandDefinition("UPDATE contacts SET phone = @Phone, updated_at = @Now WHERE id = @Id AND phone IS NULL",
                        new { Phone = address.Value, Now = now, Id = contactId }, tx, cancellationToken: ct));
                LogAdded(contactId, address.Kind);
            }
            else
            {
                // Every address of the sender's contact joins the owner's: each is recorded, so an agent can split a wrong one off.
                var joining = (await c.QueryAsync<(long Id, string Kind)>(new CommandDefinition(
                    "SELECT id, kind FROM contact_identities WHERE contact_id = @Id", new { Id = contactId }, tx, cancellationToken: ct))).ToList();
                await commands.MergeWithinAsync(c, tx, owner.ContactId, contactId, null, now, live, ct);
                foreach (var (id, kind) in joining)
                    await links.LinkAsync(c, tx, owner.ContactId, id, DbEnum.Parse<IdentityKind>(kind), IdentityLinkReasons.TelegramSharedContact, null, now, live, ct);
                LogMerged(contactId, owner.ContactId, address.Kind);
            }
            await tx.CommitAsync(ct);
        }
        if (live.Count > 0) await notifier.PublishAsync(live, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Contact {ContactId} proved a {Kind} address: added as its identity")]
    private partial void LogAdded(long contactId, IdentityKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contact {ContactId} proved a {Kind} address of contact {TargetId}: merged into it")]
    private partial void LogMerged(long contactId, long targetId, IdentityKind kind);
}
