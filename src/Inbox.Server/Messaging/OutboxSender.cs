using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Channels;
using Inbox.Server.Data;
using Inbox.Server.Files;
using Inbox.Server.Live;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Messaging;

/// <summary>
/// Delivers queued replies through their channel's connector. Retryable failures come back with exponential
/// backoff until MaxAttempts, then the message is marked failed with the provider's reason. The row's stable
/// idempotency key goes to the connector, so a crash between the provider's accept and our commit never sends twice.
/// An outcome the database refuses to record counts as a failed attempt, so such a row is parked after MaxAttempts.
/// </summary>
public sealed partial class OutboxSender(
    IDbConnectionFactory db,
    OutboxStore outbox,
    OutboxSignal signal,
    MessageStatusChanges statuses,
    DeliveryReports reports,
    AttachmentStore attachments,
    IFileStore files,
    ChannelStore channels,
    MessageThreads threads,
    IInboxNotifier notifier,
    Contacts.ContactStore contacts,
    IServiceProvider services,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await outbox.ClaimDueAsync(o.Parallelism * 4, time.GetUtcNow(), o.Lease, stoppingToken);
                if (claimed.Count > 0)
                {
                    await DeliverAllAsync(claimed, stoppingToken);
                    continue;
                }
                var nextDue = await outbox.NextDueAsync(stoppingToken);
                var wait = nextDue is null ? o.PollInterval : Clamp(nextDue.Value - time.GetUtcNow(), TimeSpan.FromMilliseconds(5), o.PollInterval);
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogLoopFailed(ex);
                await Task.Delay(o.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// Works the claimed rows in parallel. Rows not finished when the server stops (never started, or cut off
    /// mid-send) are handed back at once, so the next start delivers them instead of waiting for their lease to expire.
    /// </summary>
    private async Task DeliverAllAsync(IReadOnlyList<OutboxItem> claimed, CancellationToken stoppingToken)
    {
        var unfinished = new System.Collections.Concurrent.ConcurrentDictionary<long, bool>(claimed.Select(i => KeyValuePair.Create(i.Id, true)));
        try
        {
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = stoppingToken },
                async (item, ct) =>
                {
                    await DeliverAsync(item, ct);
                    unfinished.TryRemove(item.Id, out _);
                });
        }
        finally
        {
            if (!unfinished.IsEmpty) await outbox.ReleaseAsync([.. unfinished.Keys], CancellationToken.None);
        }
    }

    private async Task DeliverAsync(OutboxItem item, CancellationToken ct)
    {
        if (item.Attempts > options.Value.MaxAttempts)
        {
            // Claimed again after its last attempt, so that attempt's outcome was never recorded (a crash, or the
            // database refused it): park it visibly rather than send again.
            var reason = $"Gave up after {options.Value.MaxAttempts} attempts: {item.LastError ?? "the outcome of the last attempt was never recorded."}";
            await ParkAsync(item, reason);
            return;
        }

        SendResult result;
        try
        {
            result = await SendAsync(item, ct);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            result = SendResult.RetryLater(ex.Message);
        }

        // The attempt happened: record its outcome even if the server is stopping now.
        try
        {
            await RecordAsync(item, result);
        }
        catch (Exception ex)
        {
            // Retried like a failed attempt (same idempotency key, so the provider can drop a repeat), never without limit.
            LogNotRecorded(ex, item.MessageId, item.Attempts);
            try
            {
                await RecordAsync(item, SendResult.RetryLater($"The outcome of attempt {item.Attempts} could not be recorded: {ex.Message}"));
            }
            catch (Exception again)
            {
                // The database refuses even that: the row keeps its lease, and its next claim counts another attempt.
                LogNotRecorded(again, item.MessageId, item.Attempts);
            }
        }
    }

    private async Task RecordAsync(OutboxItem item, SendResult result)
    {
        if (result.Success)
        {
            await FinishAsync(item, MessageStatus.Sent, null, result.ProviderMessageId, CancellationToken.None, result.ThreadKeys);
            LogSent(item.MessageId, item.Attempts);
        }
        else if (result.Retryable && item.Attempts < options.Value.MaxAttempts)
        {
            var at = time.GetUtcNow() + Clamp(result.RetryAfter ?? Backoff(item.Attempts), TimeSpan.Zero, options.Value.MaxDelay);
            await outbox.RetryLaterAsync(item.Id, at, result.Error ?? "unknown error", CancellationToken.None);
            LogRetry(item.MessageId, item.Attempts, result.Error);
        }
        else
        {
            await ParkAsync(item, result.Retryable ? $"Gave up after {item.Attempts} attempts: {result.Error}" : result.Error);
            if (result.RecipientUnreachable) await contacts.MarkUnreachableAsync(item.MessageId, result.Error, time.GetUtcNow(), CancellationToken.None);
        }
    }

    /// <summary>Marks the reply failed with the reason, keeping the row for an agent's retry. Should the message refuse
    /// the change, the row is parked alone so it is at least never sent again.</summary>
    private async Task ParkAsync(OutboxItem item, string? reason)
    {
        try
        {
            await FinishAsync(item, MessageStatus.Failed, reason, null, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogNotRecorded(ex, item.MessageId, item.Attempts);
            await outbox.MarkFailedAsync(item.Id, reason, time.GetUtcNow(), CancellationToken.None);
        }
        LogFailed(item.MessageId, item.Attempts, reason);
    }

    private async Task<SendResult> SendAsync(OutboxItem item, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<OutboundRow>(new CommandDefinition("""
            SELECT m.id, m.conversation_id, k.contact_id, m.text, m.created_at, u.display_name AS author_name, i.kind, i.address, m.template
            FROM messages m
            JOIN conversations k ON k.id = m.conversation_id
            LEFT JOIN contact_identities i ON i.id = m.identity_id
            LEFT JOIN users u ON u.id = m.author_id
            WHERE m.id = @Id
            """, new { Id = item.MessageId }, cancellationToken: ct));
        if (row is null) return SendResult.Rejected("The message no longer exists.");
        if (row.Kind is null || row.Address is null) return SendResult.Rejected("The customer's address was removed.");
        var channel = await channels.GetAsync(c, null, item.ChannelId, ct);
        if (channel is null) return SendResult.Rejected("The channel was deleted.");
        if (channel.ArchivedAt is not null) return SendResult.Rejected("The channel was archived.");
        if (!channel.Enabled) return SendResult.RetryLater("The channel is disabled.");
        var connector = services.GetKeyedService<IChannelConnector>(channel.Type);
        if (connector is null) return SendResult.Rejected($"No connector for channel type '{channel.Type}'.");

        var links = services.GetRequiredService<ProviderMediaLinks>();
        var answered = await threads.AnsweredByAsync(c, row.ConversationId, item.ChannelId, row.Id, ct);
        var message = new OutboundMessage(row.Id, row.ConversationId, row.ContactId, item.IdempotencyKey,
            new ChannelAddress(DbEnum.Parse<IdentityKind>(row.Kind), row.Address), row.Text, row.AuthorName, row.CreatedAt)
        {
            Subject = answered.Subject,
            ReplyTo = answered.ReplyTo,
            ThreadKeys = answered.ThreadKeys,
            Attachments = (await attachments.ListForMessageAsync(c, row.Id, ct)).Select(a => new OutboundAttachment(a.FileName, a.ContentType, a.Size,
                async fileCt => await files.OpenAsync(a.StorageKey, fileCt) ?? throw new FileNotFoundException($"Attachment \"{a.FileName}\" is missing from the file store."))
            {
                PublicUrl = links.LinkFor(a),
            }).ToList(),
            Template = ReplyWindows.ReadTemplate(row.Template),
        };
        return await connector.SendAsync(channels.ContextOf(channel), message, ct);
    }

    private async Task FinishAsync(OutboxItem item, MessageStatus status, string? error, string? providerMessageId, CancellationToken ct,
        IReadOnlyList<string>? threadKeys = null)
    {
        var now = time.GetUtcNow();
        var live = new List<LiveEvent>();
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            if (status == MessageStatus.Failed) await outbox.MarkFailedAsync(c, tx, item.Id, error, now, ct);
            else await outbox.CompleteAsync(c, tx, item.Id, ct);
            if (await statuses.AdvanceAsync(c, tx, item.MessageId, status, error, null, providerMessageId, "outbox", now, ct) is { } sent) live.Add(sent);
            if (threadKeys is { Count: > 0 }) await threads.AddKeysAsync(c, tx, item.ChannelId, item.MessageId, threadKeys, ct);
            // The provider may have reported on this id before we recorded it.
            if (providerMessageId is not null)
                live.AddRange((await reports.ApplyHeldAsync(c, tx, item.ChannelId, providerMessageId, ct)).Select(a => a.Event));
            await tx.CommitAsync(ct);
        }
        if (live.Count > 0) await notifier.PublishAsync(live, ct);
    }

    private TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        var exponential = o.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1));
        var jitter = 0.8 + Random.Shared.NextDouble() * 0.4;
        return TimeSpan.FromMilliseconds(Math.Min(exponential * jitter, o.MaxDelay.TotalMilliseconds));
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered message {MessageId} (attempt {Attempt})")]
    private partial void LogSent(long messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of message {MessageId} failed on attempt {Attempt}, will retry: {Error}")]
    private partial void LogRetry(long messageId, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} failed after {Attempt} attempts: {Error}")]
    private partial void LogFailed(long messageId, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outcome of delivering message {MessageId} (attempt {Attempt}) could not be recorded")]
    private partial void LogNotRecorded(Exception ex, long messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox loop failed; retrying")]
    private partial void LogLoopFailed(Exception ex);

    private sealed class OutboundRow
    {
        public long Id { get; set; }
        public long ConversationId { get; set; }
        public long ContactId { get; set; }
        public string Text { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public string? Template { get; set; }
        public string? AuthorName { get; set; }
        public string? Kind { get; set; }
        public string? Address { get; set; }
    }
}
