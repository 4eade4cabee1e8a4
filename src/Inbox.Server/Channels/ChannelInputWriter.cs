using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Contacts;
using Inbox.Server.Conversations;
using Inbox.Server.Files;
using Inbox.Server.Live;
using Inbox.Server.Messaging;

namespace Inbox.Server.Channels;

/// <summary>
/// Stores what a connector mapped, for webhooks and listeners alike: delivery reports, then the messages (with a
/// listener's cursor, in one transaction), then the customer's ephemeral activity. Returns after the commit.
/// Reports go first and are idempotent (status only moves forward), so input written again after a crash
/// between the two commits changes nothing twice. Attachments are stored first (<see cref="InboundFiles"/>), so
/// the writer only inserts their rows.
/// </summary>
public sealed class ChannelInputWriter(InboundPipeline pipeline, DeliveryReports reports, InboundFiles files, ConversationStore conversations, IInboxNotifier notifier,
    ProvenAddresses proven, Handoff.Handoffs handoffs)
{
    public async Task<IReadOnlyList<InboundReceipt>> WriteAsync(ChannelInput input, ListenerCursor? cursor, CancellationToken ct)
    {
        if (input.Reports.Count > 0) await reports.ApplyAsync(input.Reports, ct);
        var messages = new List<InboundMessage>(input.Messages.Count);
        var stored = new List<IReadOnlyList<StoredAttachment>>(input.Messages.Count);
        foreach (var message in input.Messages)
        {
            var (withNotes, kept) = await files.StoreAsync(message, ct);
            messages.Add(withNotes);
            stored.Add(kept);
        }
        var results = await pipeline.AcceptAsync(messages, stored, cursor, ct);
        // After the commit, also for a duplicate: linking is idempotent, so a redelivery finishes a link a crash interrupted.
        for (var i = 0; i < messages.Count; i++)
        {
            foreach (var address in messages[i].ProvenAddresses) await proven.LinkAsync(results[i].ContactId, address, ct);
            await handoffs.RedeemAsync(messages[i], results[i], ct);
        }
        foreach (var activity in input.Activity) await PushAsync(activity, ct);
        return input.Messages.Select((m, i) => new InboundReceipt(m.ProviderMessageId, results[i].MessageId, results[i].ConversationId, results[i].ContactId, results[i].Duplicate)).ToList();
    }

    private async Task PushAsync(CustomerActivity activity, CancellationToken ct)
    {
        if (await conversations.FindByIdentityAsync(activity.From.Kind, activity.From.Value, ct) is not { } c) return;
        await notifier.TypingAsync(new ConversationAudience(c.Id, c.TeamId, c.AssigneeId),
            new TypingDto(c.Id, null, null, activity.Kind == CustomerActivityKind.Typing), null, ct);
    }
}
