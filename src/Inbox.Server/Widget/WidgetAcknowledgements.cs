using Inbox.Contracts;
using Inbox.Server.Data;
using Inbox.Server.Live;
using Inbox.Server.Messaging;

namespace Inbox.Server.Widget;

/// <summary>
/// A widget showed an agent message: it is delivered. Applied by our own message id rather than as a delivery report by
/// provider id: the widget can acknowledge before the outbox has recorded the send (the push happens inside it), and a
/// report held for an id not yet recorded could race that commit on PostgreSQL. Status only moves forward, so the outbox's
/// later "sent" leaves "delivered" as it is.
/// </summary>
public sealed class WidgetAcknowledgements(IDbConnectionFactory db, MessageStatusChanges statuses, IInboxNotifier notifier, TimeProvider time)
{
    public async Task DeliveredAsync(long messageId, CancellationToken ct)
    {
        LiveEvent? changed;
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            changed = await statuses.AdvanceAsync(c, tx, messageId, MessageStatus.Delivered, null, null, null, "widget", time.GetUtcNow(), ct);
            await tx.CommitAsync(ct);
        }
        if (changed is not null) await notifier.PublishAsync([changed], ct);
    }
}
