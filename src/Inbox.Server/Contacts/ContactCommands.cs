using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Conversations;
using Inbox.Server.Data;
using Inbox.Server.Live;
using Inbox.Server.Messaging;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Contacts;

/// <summary>Agent edits of contacts: details (an email or phone added by hand becomes a reachable identity) and merges.</summary>
public sealed class ContactCommands(
    IDbConnectionFactory db,
    ContactStore contacts,
    ConversationStore conversations,
    MessageStore messages,
    ConversationEventStore events,
    Commerce.ReservationStore reservations,
    IInboxNotifier notifier,
    MergedIds mergedIds,
    IOptions<MessagingOptions> messaging,
    TimeProvider time)
{
    public async Task<Outcome<ContactDto>> GetAsync(Viewer viewer, long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var contact = await contacts.GetAsync(c, null, id, ct);
        return contact is null || !viewer.CanSee(await contacts.TeamOfContactAsync(c, null, id, ct))
            ? Outcome<ContactDto>.NotFound("Contact") : Outcome<ContactDto>.Ok(contact);
    }

    public async Task<Outcome<ContactDto>> UpdateAsync(Viewer viewer, long id, UpdateContactRequest request, CancellationToken ct)
    {
        if (request.Name is { Length: > 200 }) return Outcome<ContactDto>.Invalid("name", "Name is longer than 200 characters.");
        if (request.Notes is { Length: > 10_000 }) return Outcome<ContactDto>.Invalid("notes", "Notes are longer than 10000 characters.");
        ChannelAddress? email = null, phone = null;
        if (!string.IsNullOrWhiteSpace(request.Email))
        {
            if (!ChannelAddress.TryEmail(request.Email, out var e)) return Outcome<ContactDto>.Invalid("email", "Not a valid email address.");
            email = e;
        }
        if (!string.IsNullOrWhiteSpace(request.Phone))
        {
            if (!ChannelAddress.TryPhone(request.Phone, messaging.Value.DefaultPhoneRegion, out var p)) return Outcome<ContactDto>.Invalid("phone", "Not a valid phone number.");
            phone = p;
        }

        var now = time.GetUtcNow();
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var current = await contacts.GetAsync(c, tx, id, ct);
        if (current is null || !viewer.CanSee(await contacts.TeamOfContactAsync(c, tx, id, ct))) return Outcome<ContactDto>.NotFound("Contact");
        foreach (var address in new[] { email, phone }.OfType<ChannelAddress>())
        {
            var owner = await contacts.FindIdentityAsync(c, tx, address, ct);
            if (owner is null)
            {
                try
                {
                    await contacts.InsertIdentityAsync(c, tx, id, address, null, null, now, ct);
                }
                catch (Exception ex) when (SqlDialect.IsUniqueViolation(ex))
                {
                    return Outcome<ContactDto>.Conflict($"{address.Value} was just added to another contact; merge the two contacts instead.");
                }
            }
            else if (owner.ContactId != id && viewer.CanSee(await contacts.TeamOfContactAsync(c, tx, owner.ContactId, ct)))
                return Outcome<ContactDto>.Conflict($"{address.Value} belongs to contact {owner.ContactId}; merge the two contacts instead.");
            // Owned by a contact the agent may not see: answered as for an unknown address, without naming or touching
            // that contact. The address is recorded on this contact but does not become a way to reach it (the
            // customer's identity stays with its owner); an admin, who sees both, can merge them.
        }
        // PATCH: an absent field keeps its value, an empty one clears it.
        await contacts.UpdateAsync(c, tx, id,
            request.Name is null ? current.Name : Blank(request.Name),
            request.Email is null ? current.Email : email?.Value,
            request.Phone is null ? current.Phone : phone?.Value,
            request.Notes is null ? current.Notes : Blank(request.Notes), now, ct);
        var updated = await contacts.GetAsync(c, tx, id, ct);
        await tx.CommitAsync(ct);
        return Outcome<ContactDto>.Ok(updated!);
    }

    /// <summary>Moves <paramref name="sourceId"/>'s identities and messages into <paramref name="targetId"/>'s one thread.</summary>
    public async Task<Outcome<ContactDto>> MergeAsync(Viewer viewer, long targetId, long sourceId, CancellationToken ct)
    {
        if (targetId == sourceId) return Outcome<ContactDto>.Invalid("sourceContactId", "A contact cannot be merged into itself.");
        var now = time.GetUtcNow();
        var live = new List<LiveEvent>();
        ContactDto? merged;
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            if (!await contacts.ExistsAsync(c, tx, targetId, ct) || !viewer.CanSee(await contacts.TeamOfContactAsync(c, tx, targetId, ct)))
                return Outcome<ContactDto>.NotFound("Contact");
            if (!await contacts.ExistsAsync(c, tx, sourceId, ct) || !viewer.CanSee(await contacts.TeamOfContactAsync(c, tx, sourceId, ct)))
                return Outcome<ContactDto>.Invalid("sourceContactId", $"There is no contact {sourceId}.");

            await MergeWithinAsync(c, tx, targetId, sourceId, viewer.UserId, now, live, ct);
            merged = await contacts.GetAsync(c, tx, targetId, ct);
            await tx.CommitAsync(ct);
        }
        if (live.Count > 0) await notifier.PublishAsync(live, ct);
        return Outcome<ContactDto>.Ok(merged!);
    }

    /// <summary>The merge itself, in the caller's transaction: <paramref name="sourceId"/>'s thread, identities and events
    /// move into <paramref name="targetId"/>'s; the events to push after the commit are added to <paramref name="live"/>.
    /// <paramref name="actorId"/> is the agent, or null when the customer proved it (a shared phone).</summary>
    internal async Task MergeWithinAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, long targetId, long sourceId, long? actorId,
        DateTimeOffset now, List<LiveEvent> live, CancellationToken ct)
    {
        ConversationChange? reopened = null;
        var target = await conversations.FindByContactAsync(c, tx, targetId, ct);
        var source = await conversations.FindByContactAsync(c, tx, sourceId, ct);
        if (source is not null && target is not null)
        {
            await messages.MoveToConversationAsync(c, tx, source.Id, target.Id, ct);
            await events.MoveToConversationAsync(c, tx, source.Id, target.Id, ct);
            reopened = target.Absorb(source, actorId, now);
            await conversations.DeleteAsync(c, tx, source.Id, ct);
            await conversations.SaveAsync(c, tx, target, now, ct);
        }
        else if (source is not null)
        {
            source.MoveTo(targetId);
            await conversations.SaveAsync(c, tx, source, now, ct);
            target = source;
        }
        await reservations.MoveToContactAsync(c, tx, sourceId, targetId, target?.Id, ct);
        await mergedIds.RecordAsync(c, tx, MergedIds.Contact, sourceId, targetId, now, ct);
        if (source is not null && target is not null && source.Id != target.Id)
            await mergedIds.RecordAsync(c, tx, MergedIds.Conversation, source.Id, target.Id, now, ct);
        await contacts.MergeRecordsAsync(c, tx, targetId, sourceId, now, ct);
        if (target is not null)
        {
            var audience = new ConversationAudience(target.Id, target.TeamId, target.AssigneeId);
            if (source is not null && source.Id != target.Id)
                live.Add(await events.AppendAsync(c, tx, EventTypes.ConversationRemoved, audience, actorId,
                    new RemovedData(source.Id, target.Id, "merged"), new ConversationRemovedDto(source.Id, target.Id), now, ct));
            var dto = await conversations.GetDtoAsync(c, tx, target.Id, ct);
            // A resolved thread that took in an unresolved one is open again: reports count that as a reopen.
            if (reopened is not null) live.Add(await events.AppendAsync(c, tx, reopened.EventType, audience, actorId, reopened.Data, dto!, now, ct));
            live.Add(await events.AppendAsync(c, tx, EventTypes.ConversationMerged, audience, actorId,
                new MergedData(sourceId, targetId, source?.Id), dto!, now, ct));
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
