using System.Data.Common;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Data;
using Inbox.Server.Live;

namespace Inbox.Server.Messaging;

/// <summary>
/// Applies providers' delivery reports to our outbound messages, found by (channel, provider message id). Status only
/// moves forward (<see cref="MessageStatuses"/>): a late <c>sent</c> after <c>delivered</c>, a <c>delivered</c> after
/// <c>read</c>, a <c>failed</c> after delivery was confirmed and any repeat change nothing and raise no event; a
/// failed message keeps its first reason and code. A report for an id not recorded yet is held (the provider may answer
/// before the outbox's commit) and applied when the outbox records that id (<see cref="ApplyHeldAsync"/>). Each change
/// appends <c>message.status_changed</c>, so the console sees it live and on replay.
/// </summary>
public sealed partial class DeliveryReports(
    IDbConnectionFactory db,
    MessageStore messages,
    MessageStatusChanges statuses,
    EarlyDeliveryReportStore early,
    IInboxNotifier notifier,
    TimeProvider time,
    ILogger<DeliveryReports> logger)
{
    /// <summary>Applies the reports in one transaction of its own, then pushes the changes live.</summary>
    public async Task<IReadOnlyList<AppliedDeliveryReport>> ApplyAsync(IReadOnlyList<DeliveryReport> reports, CancellationToken ct)
    {
        if (reports.Count == 0) return [];
        IReadOnlyList<AppliedDeliveryReport> applied;
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            applied = await ApplyAsync(c, tx, reports, ct);
            await tx.CommitAsync(ct);
        }
        await PublishAsync(applied, ct);
        return applied;
    }

    /// <summary>Applies the reports inside the caller's transaction (a webhook that also carried messages, a listener
    /// committing its cursor). After committing, the caller hands the result to <see cref="PublishAsync"/>.</summary>
    public async Task<IReadOnlyList<AppliedDeliveryReport>> ApplyAsync(DbConnection c, DbTransaction tx, IReadOnlyList<DeliveryReport> reports, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var applied = new List<AppliedDeliveryReport>();
        foreach (var report in reports)
        {
            var targets = await messages.FindOutboundAsync(c, tx, report.ChannelId, report.ProviderMessageId, ct);
            if (targets.Count == 0)
            {
                await early.HoldAsync(c, tx, report, now, ct);
                LogHeld(report.ChannelId, report.ProviderMessageId, report.Status);
                continue;
            }
            await ApplyToAsync(c, tx, report, targets, now, applied, ct);
        }
        return applied;
    }

    /// <summary>The outbox just recorded <paramref name="providerMessageId"/> on a message: applies what the provider
    /// reported about it before that, in the caller's transaction.</summary>
    public async Task<IReadOnlyList<AppliedDeliveryReport>> ApplyHeldAsync(DbConnection c, DbTransaction tx, long channelId, string providerMessageId, CancellationToken ct)
    {
        var held = await early.TakeAsync(c, tx, channelId, providerMessageId, ct);
        if (held.Count == 0) return [];
        var targets = await messages.FindOutboundAsync(c, tx, channelId, providerMessageId, ct);
        var applied = new List<AppliedDeliveryReport>();
        foreach (var report in held) await ApplyToAsync(c, tx, report, targets, time.GetUtcNow(), applied, ct);
        return applied;
    }

    private async Task ApplyToAsync(DbConnection c, DbTransaction tx, DeliveryReport report, IReadOnlyList<(long MessageId, MessageStatus? Status)> targets,
        DateTimeOffset now, List<AppliedDeliveryReport> applied, CancellationToken ct)
    {
        var to = StatusOf(report.Status);
        var error = to == MessageStatus.Failed ? report.Error ?? DefaultError(report.ErrorCode) : null;
        var errorCode = to == MessageStatus.Failed ? report.ErrorCode : null;
        foreach (var (messageId, current) in targets)
        {
            var live = await statuses.AdvanceAsync(c, tx, messageId, to, error, errorCode, null, "deliveryReport", now, ct);
            if (live is not null) applied.Add(new AppliedDeliveryReport(report, messageId, to, live));
            else if (to == MessageStatus.Failed && current is MessageStatus.Delivered or MessageStatus.Read) LogFailedAfterDelivery(messageId, current.Value);
            else LogUnchanged(messageId, report.Status, current);
        }
    }

    /// <summary>Pushes applied changes to connected clients; call after the commit that stored them.</summary>
    public async Task PublishAsync(IReadOnlyList<AppliedDeliveryReport> applied, CancellationToken ct)
    {
        if (applied.Count > 0) await notifier.PublishAsync([.. applied.Select(a => a.Event)], ct);
    }

    private static MessageStatus StatusOf(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Sent => MessageStatus.Sent,
        DeliveryStatus.Delivered => MessageStatus.Delivered,
        DeliveryStatus.Read => MessageStatus.Read,
        DeliveryStatus.Failed => MessageStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown delivery status"),
    };

    private static string DefaultError(string? errorCode) =>
        errorCode is null ? "The channel reported that delivery failed." : $"The channel reported that delivery failed (code {errorCode}).";

    [LoggerMessage(Level = LogLevel.Information, Message = "Held a {Status} report for message {ProviderMessageId} on channel {ChannelId}, not recorded yet")]
    private partial void LogHeld(long channelId, string providerMessageId, DeliveryStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a failed report for message {MessageId}: the channel already confirmed it {Current}")]
    private partial void LogFailedAfterDelivery(long messageId, MessageStatus current);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A {Status} report left message {MessageId} at {Current}")]
    private partial void LogUnchanged(long messageId, DeliveryStatus status, MessageStatus? current);
}
