using System.Data.Common;
using System.Threading.Channels;
using Inbox.Connectors.Abstractions;
using Inbox.Server.Channels;
using Inbox.Contracts;
using Inbox.Server.Contacts;
using Inbox.Server.Conversations;
using Inbox.Server.Data;
using Inbox.Server.Live;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Messaging;

/// <summary>
/// identity → contact → the contact's one conversation (reopened if resolved) → message, deduplicated by
/// (channel, provider id) → commit → publish. One writer drains a queue and commits many messages in one
/// transaction (group commit), each inside its own savepoint so one bad message never sinks the others.
/// Callers are answered only after the commit, so a channel is acknowledged only once its message is on disk.
/// One writer also means concurrent first messages from a new sender can never create two contacts.
/// </summary>
public sealed partial class InboundPipeline(
    IDbConnectionFactory db,
    ContactStore contacts,
    ConversationStore conversations,
    MessageStore messages,
    ConversationEventStore events,
    ChannelCache channels,
    IInboxNotifier notifier,
    IOptions<DatabaseOptions> options,
    TimeProvider time,
    ILogger<InboundPipeline> logger) : BackgroundService
{
    private readonly Channel<Pending> _queue = System.Threading.Channels.Channel.CreateBounded<Pending>(new BoundedChannelOptions(20_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public async Task<InboundResult> AcceptAsync(InboundMessage message, CancellationToken ct)
    {
        var pending = new Pending(message);
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Completion.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(options.Value.InboundBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < options.Value.InboundBatchSize && _queue.Reader.TryRead(out var next)) batch.Add(next);
                await WriteBatchAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Not stored: the caller answers 503 and the provider retries.
            _queue.Writer.TryComplete();
            foreach (var p in batch) p.Completion.TrySetCanceled(CancellationToken.None);
            while (_queue.Reader.TryRead(out var left)) left.Completion.TrySetCanceled(CancellationToken.None);
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch, CancellationToken ct)
    {
        var stored = new List<(Pending Pending, InboundResult Result, IReadOnlyList<LiveEvent> Events)>(batch.Count);
        try
        {
            await using var c = await db.OpenAsync(ct);
            await using var tx = await c.BeginTransactionAsync(ct);
            foreach (var p in batch)
            {
                await tx.SaveAsync("inbound", ct);
                try
                {
                    var (result, happened) = await StoreAsync(c, tx, p.Message, ct);
                    await tx.ReleaseAsync("inbound", ct);
                    stored.Add((p, result, happened));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await tx.RollbackAsync("inbound", ct);
                    await tx.ReleaseAsync("inbound", ct);
                    LogMessageFailed(ex, p.Message.ChannelId);
                    p.Completion.TrySetException(ex);
                }
            }
            await tx.CommitAsync(ct);
        }
        catch (Exception ex)
        {
            if (ex is not OperationCanceledException) LogBatchFailed(ex, batch.Count);
            foreach (var p in batch) p.Completion.TrySetException(ex);
            return;
        }

        foreach (var (p, result, _) in stored) p.Completion.TrySetResult(result);
        var live = stored.SelectMany(s => s.Events).ToList();
        if (live.Count == 0) return;
        try
        {
            await notifier.PublishAsync(live, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stored and replayable: a client that missed the push catches up with GetEventsSince.
            LogPublishFailed(ex, live.Count);
        }
    }

    private async Task<(InboundResult, IReadOnlyList<LiveEvent>)> StoreAsync(DbConnection c, DbTransaction tx, InboundMessage m, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var target = await InboundTarget.FindAsync(c, tx, m.From, ct);
        long identityId, contactId;
        Conversation conversation;
        var isNew = target?.Conversation is null;
        if (target is null)
        {
            var created = await contacts.CreateWithIdentityAsync(c, tx, m.From, m.DisplayName, m.ChannelId, now, ct);
            (identityId, contactId) = (created.IdentityId, created.ContactId);
        }
        else
        {
            (identityId, contactId) = (target.IdentityId, target.ContactId);
        }
        if (target?.Conversation is { } existing) conversation = existing;
        else
        {
            conversation = Conversation.Start(contactId, now);
            await conversations.InsertAsync(c, tx, conversation, ct);
        }

        var messageId = await messages.InsertInboundAsync(c, tx, conversation.Id, m.ChannelId, identityId, m.ProviderMessageId, m.Text, now, ct);
        if (messageId is null)
        {
            var duplicate = await messages.FindInboundAsync(c, tx, m.ChannelId, m.ProviderMessageId, ct)
                ?? throw new InvalidOperationException("Duplicate message vanished");
            LogDuplicate(m.ChannelId, duplicate.MessageId);
            return (new InboundResult(duplicate.MessageId, duplicate.ConversationId, contactId, Duplicate: true), []);
        }

        var change = conversation.ReceiveInbound(identityId, m.ChannelId, m.Text, now);
        await contacts.TouchIdentityAsync(c, tx, identityId, m.ChannelId, m.DisplayName, now, ct);
        await conversations.SaveAsync(c, tx, conversation, now, ct);

        // The live DTOs are built from what this transaction wrote, not read back: the writer is the bottleneck.
        var channelType = (await channels.GetAsync(m.ChannelId, ct))?.Type;
        var messageDto = new MessageDto(messageId.Value, conversation.Id, MessageDirection.Inbound, false, m.Text, MessageStatus.Received, null,
            m.ChannelId, channelType, identityId, m.From.Value, null, null, [], now);
        var conversationDto = target is null
            ? await conversations.GetDtoAsync(c, tx, conversation.Id, ct) ?? throw new InvalidOperationException("Stored conversation vanished")
            : new ConversationDto(conversation.Id, target.Contact, conversation.Status, conversation.AssigneeId, target.AssigneeName, conversation.TeamId,
                conversation.SnoozedUntil, conversation.LastActivityAt, conversation.UnreadCount, conversation.LastMessagePreview, conversation.LastChannelId,
                conversation.CreatedAt);

        var audience = new ConversationAudience(conversation.Id, conversation.TeamId, conversation.AssigneeId);
        var received = await events.AppendAsync(c, tx, AgentEventTypes.MessageReceived, audience, null, null, messageDto, now, ct);
        var updated = await events.AppendAsync(c, tx, change?.EventType ?? (isNew ? "conversation.created" : "conversation.activity"), audience, null,
            change is null ? null : new { change.From, change.To, change.Reason }, conversationDto, now, ct);
        return (new InboundResult(messageId.Value, conversation.Id, contactId, Duplicate: false), [received, updated]);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped duplicate inbound message on channel {ChannelId} (stored as {MessageId})")]
    private partial void LogDuplicate(long channelId, long messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store an inbound message on channel {ChannelId}")]
    private partial void LogMessageFailed(Exception ex, long channelId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not commit a batch of {Count} inbound messages")]
    private partial void LogBatchFailed(Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored {Count} live events but could not push them; clients will replay them")]
    private partial void LogPublishFailed(Exception ex, int count);

    private sealed class Pending(InboundMessage message)
    {
        public InboundMessage Message { get; } = message;
        public TaskCompletionSource<InboundResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
