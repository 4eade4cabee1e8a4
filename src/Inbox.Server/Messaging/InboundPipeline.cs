using System.Data.Common;
using System.Text.Json;
using System.Threading.Channels;
using Inbox.Connectors.Abstractions;
using Inbox.Server.Channels;
using Inbox.Contracts;
using Inbox.Server.Contacts;
using Inbox.Server.Conversations;
using Inbox.Server.Data;
using Inbox.Server.Files;
using Inbox.Server.Live;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Messaging;

/// <summary>
/// identity → contact → the contact's one conversation (reopened if resolved) → message, deduplicated by
/// (channel, provider id) → commit → publish. One writer drains a queue and commits many messages in one
/// transaction (group commit). One bad message never sinks the others: if one fails, the batch is rolled back and
/// written again with a savepoint per message (savepoints cost too much to pay on every message).
/// Callers are answered only after the commit, so a channel is acknowledged only once its message is on disk.
/// One writer also means concurrent first messages from a new sender can never create two contacts.
/// </summary>
public sealed partial class InboundPipeline(
    IDbConnectionFactory db,
    ContactStore contacts,
    ConversationStore conversations,
    MessageStore messages,
    MessageThreads threads,
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

    public async Task<InboundResult> AcceptAsync(InboundMessage message, CancellationToken ct) =>
        (await AcceptAsync([message], null, ct))[0];

    /// <summary>
    /// Stores the messages in one transaction and returns where each landed, in order, after the commit. With a
    /// <paramref name="cursor"/> (a pull channel's listener) the cursor is written in the same transaction, fenced by the
    /// channel's lease: if this node lost the lease nothing is stored and <see cref="ChannelLeaseLostException"/> is thrown.
    /// </summary>
    public Task<IReadOnlyList<InboundResult>> AcceptAsync(IReadOnlyList<InboundMessage> messages, ListenerCursor? cursor, CancellationToken ct) =>
        AcceptAsync(messages, null, cursor, ct);

    /// <param name="files">Per message (same order), its attachments already in the file store: the writer only inserts their rows.</param>
    public async Task<IReadOnlyList<InboundResult>> AcceptAsync(IReadOnlyList<InboundMessage> messages, IReadOnlyList<IReadOnlyList<StoredAttachment>>? files,
        ListenerCursor? cursor, CancellationToken ct)
    {
        if (messages.Count == 0 && cursor is null) return [];
        var pending = new Pending(messages, cursor) { Files = files };
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
            CloseConnection();
            // Not stored: the caller answers 503 and the provider retries.
            _queue.Writer.TryComplete();
            foreach (var p in batch) p.Completion.TrySetCanceled(CancellationToken.None);
            while (_queue.Reader.TryRead(out var left)) left.Completion.TrySetCanceled(CancellationToken.None);
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch, CancellationToken ct)
    {
        List<Stored> stored;
        try
        {
            stored = await StoreBatchAsync(batch, isolate: false, ct) ?? await StoreBatchAsync(batch, isolate: true, ct)
                ?? throw new InvalidOperationException("An isolated batch cannot fail as a whole");
        }
        catch (Exception ex)
        {
            if (ex is not OperationCanceledException) LogBatchFailed(ex, batch.Count);
            foreach (var p in batch) p.Completion.TrySetException(ex);
            // The connection may be broken or mid-transaction: the next batch starts on a fresh one.
            CloseConnection();
            return;
        }

        foreach (var (p, results, _) in stored) p.Completion.TrySetResult(results);
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

    /// <summary>
    /// Stores the batch in one transaction and commits it. Without <paramref name="isolate"/> (the fast path) a failing
    /// message rolls the whole transaction back and the result is null: the caller writes the batch again with
    /// <paramref name="isolate"/>, where each message has its own savepoint and only the bad one fails. Savepoints are
    /// not free in SQLite: every page a message touches is first copied to a statement journal.
    /// </summary>
    private async Task<List<Stored>?> StoreBatchAsync(List<Pending> batch, bool isolate, CancellationToken ct)
    {
        var stored = new List<Stored>(batch.Count);
        var sql = _statements ??= await Statements.OpenAsync(db, ct);
        await using var tx = await sql.Connection.BeginTransactionAsync(ct);
        sql.SerializeEventAppends?.Bind(tx).ExecuteNonQuery();
        foreach (var p in batch)
        {
            if (isolate) sql.Savepoint.Bind(tx).ExecuteNonQuery();
            try
            {
                var results = new List<InboundResult>(p.Messages.Count);
                var happened = new List<LiveEvent>();
                for (var i = 0; i < p.Messages.Count; i++)
                {
                    var (result, events) = await StoreAsync(sql, tx, p.Messages[i], p.Files?[i] ?? [], ct);
                    results.Add(result);
                    happened.AddRange(events);
                }
                if (p.Cursor is { } cursor && !await ChannelCursorStore.WriteFencedAsync(sql.Connection, tx, cursor.ChannelId, cursor.Owner, cursor.Value, time.GetUtcNow(), ct))
                    throw new ChannelLeaseLostException(cursor.ChannelId);
                if (isolate) sql.Release.Bind(tx).ExecuteNonQuery();
                stored.Add(new Stored(p, results, happened));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (!isolate)
                {
                    if (ex is not ChannelLeaseLostException) LogRetryingIsolated(ex, batch.Count);
                    await tx.RollbackAsync(ct);
                    return null;
                }
                await tx.RollbackAsync(Statements.SavepointName, ct);
                await tx.ReleaseAsync(Statements.SavepointName, ct);
                if (ex is not ChannelLeaseLostException) LogMessageFailed(ex, p.ChannelId);
                p.Completion.TrySetException(ex);
            }
        }
        await tx.CommitAsync(ct);
        return stored;
    }

    private sealed record Stored(Pending Pending, IReadOnlyList<InboundResult> Results, IReadOnlyList<LiveEvent> Events);

    private async Task<(InboundResult, IReadOnlyList<LiveEvent>)> StoreAsync(Statements sql, DbTransaction tx, InboundMessage m,
        IReadOnlyList<StoredAttachment> files, CancellationToken ct)
    {
        var c = sql.Connection;
        var now = time.GetUtcNow();
        InboundTarget? target;
        // A reply naming one of the channel's messages joins that thread, even from another address (email).
        var thread = m.ReplyTo.Count == 0 && m.ThreadKeys.Count == 0 ? null : await threads.FindAsync(c, tx, m.ChannelId, m.ReplyTo, m.ThreadKeys, ct);
        if (thread is { } named)
        {
            if (sql.LockConversation is { } lockConversation) lockConversation.Bind(tx, named.ConversationId).ExecuteNonQuery();
            // A new address becomes one of the thread's contact's identities; a known one writes into the named thread.
            if (await contacts.FindIdentityAsync(c, tx, m.From, ct) is null)
                await contacts.InsertIdentityAsync(c, tx, named.ContactId, m.From, ContactStore.Clip(m.DisplayName, 200), m.ChannelId, now, ct);
            await using var reader = sql.FindThreadTarget.Bind(tx, m.From.Kind.ToDb(), m.From.Value, named.ConversationId).ExecuteReader();
            target = InboundTarget.Read(reader);
        }
        else
        {
            sql.LockTarget?.Bind(tx, m.From.Kind.ToDb(), m.From.Value).ExecuteNonQuery();
            await using var reader = sql.FindTarget.Bind(tx, m.From.Kind.ToDb(), m.From.Value).ExecuteReader();
            target = InboundTarget.Read(reader);
        }
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

        var inserted = sql.InsertMessage.Bind(tx, conversation.Id, m.ChannelId, identityId, m.ProviderMessageId, m.Text, m.SentAt,
            m.ReplyTo.Count == 0 ? null : JsonSerializer.Serialize(m.ReplyTo), ContactStore.Clip(m.Subject, 500), m.Automated, m.OriginalText, m.OriginalHtml, now).ExecuteScalar();
        if (inserted is not long messageId)
        {
            var duplicate = await messages.FindInboundAsync(c, tx, m.ChannelId, m.ProviderMessageId, ct)
                ?? throw new InvalidOperationException("Duplicate message vanished");
            LogDuplicate(m.ChannelId, duplicate.MessageId);
            var result = new InboundResult(duplicate.MessageId, duplicate.ConversationId, contactId, Duplicate: true);
            if (m.EditedAt is not { } editedAt || !await messages.ApplyEditAsync(c, tx, duplicate.MessageId, m.Text, editedAt, now, ct)) return (result, []);
            // The customer edited it: the thread shows the new text, marked edited, live and on replay.
            var editedDto = await messages.GetDtoAsync(c, tx, duplicate.MessageId, ct) ?? throw new InvalidOperationException("Edited message vanished");
            var edited = AppendEvent(sql, tx, EventTypes.MessageEdited, new ConversationAudience(duplicate.ConversationId, conversation.TeamId, conversation.AssigneeId),
                duplicate.MessageId, null, editedDto, now);
            return (result, [edited]);
        }
        // An edit of a message we never had (sent before the channel existed) is stored as it is now, marked edited.
        if (m.EditedAt is { } firstSeenEdited) await messages.ApplyEditAsync(c, tx, messageId, m.Text, firstSeenEdited, now, ct);
        var attachments = files.Select(f => new AttachmentDto(
            (long)sql.InsertAttachment.Bind(tx, messageId, f.FileName, f.ContentType, f.Size, f.StorageKey, now).ExecuteScalar()!, f.FileName, f.ContentType, f.Size)).ToList();

        if (m.ThreadKeys.Count > 0) await threads.AddKeysAsync(c, tx, m.ChannelId, messageId, m.ThreadKeys, ct);
        if (m.Subject is { Length: > 0 } subject) await threads.KeepSubjectAsync(c, tx, conversation.Id, subject, ct);

        // A machine's mail (auto-reply, bulk) is kept in the thread but changes nothing: no reopen, no unread, no new
        // "last inbound" identity for replies to default to.
        var change = m.Automated ? null : conversation.ReceiveInbound(identityId, m.ChannelId, m.Text, now);
        var displayName = ContactStore.Clip(m.DisplayName, 200);
        if (target is not null && NeedsTouch(target, m.ChannelId, displayName, now))
            sql.TouchIdentity.Bind(tx, identityId, m.ChannelId, now, displayName).ExecuteNonQuery();
        if (target is { ContactName: null or "" } && displayName is { Length: > 0 }
            && await ProviderContactNames.FillIfUnnamedAsync(c, tx, contactId, displayName, now, ct))
            target.ContactName = displayName;
        if (!m.Automated) sql.RecordInbound.Bind(tx, conversation.Status.ToDb(), conversation.SnoozedUntil, conversation.LastActivityAt,
            conversation.LastInboundIdentityId, conversation.LastChannelId, conversation.LastMessagePreview, now, conversation.Id).ExecuteNonQuery();

        // The live DTOs are built from what this transaction wrote, not read back: the writer is the bottleneck.
        var channelType = (await channels.GetAsync(m.ChannelId, ct))?.Type;
        var messageDto = new MessageDto(messageId, conversation.Id, MessageDirection.Inbound, false, m.Text, MessageStatus.Received, null,
            m.ChannelId, channelType, identityId, m.From.Value, null, null, attachments, now)
        {
            SentAt = m.SentAt, Subject = m.Subject, Automated = m.Automated, EditedAt = m.EditedAt,
        };
        var conversationDto = target is null
            ? await conversations.GetDtoAsync(c, tx, conversation.Id, ct) ?? throw new InvalidOperationException("Stored conversation vanished")
            : new ConversationDto(conversation.Id, target.Contact, conversation.Status, conversation.AssigneeId, target.AssigneeName, conversation.TeamId,
                conversation.SnoozedUntil, conversation.LastActivityAt, conversation.UnreadCount, conversation.LastMessagePreview, conversation.LastChannelId,
                conversation.CreatedAt) { Subject = target.Subject ?? ContactStore.Clip(m.Subject, 500), Priority = conversation.Priority, LabelIds = target.LabelIds };

        var audience = new ConversationAudience(conversation.Id, conversation.TeamId, conversation.AssigneeId);
        var received = AppendEvent(sql, tx, EventTypes.MessageReceived, audience, messageId, null, messageDto, now);
        var updated = AppendEvent(sql, tx, change?.EventType ?? (isNew ? EventTypes.ConversationCreated : EventTypes.ConversationActivity), audience,
            null, change?.Data, conversationDto, now);
        return (new InboundResult(messageId, conversation.Id, contactId, Duplicate: false), [received, updated]);
    }

    /// <summary>
    /// last_seen_at is kept to the minute: an identity that wrote on the same channel under the same name less than
    /// <see cref="IdentityTouchInterval"/> ago is not rewritten (one UPDATE less on most messages of a conversation).
    /// </summary>
    private static bool NeedsTouch(InboundTarget target, long channelId, string? displayName, DateTimeOffset now) =>
        target.IdentityChannelId != channelId || target.IdentityUnreachable
        || (displayName is not null && displayName != target.IdentityDisplayName)
        || target.IdentitySeenAt is not { } seen || seen > now || now - seen >= IdentityTouchInterval;

    public static readonly TimeSpan IdentityTouchInterval = TimeSpan.FromMinutes(1);

    private static LiveEvent AppendEvent(Statements sql, DbTransaction tx, string type, ConversationAudience audience, long? messageId, EventData? data, object payload, DateTimeOffset now)
    {
        var id = (long)sql.AppendEvent.Bind(tx, audience.ConversationId, type, null, messageId, ConversationEventStore.SerializeData(data), now).ExecuteScalar()!;
        return new LiveEvent(id, type, audience, payload);
    }

    private void CloseConnection()
    {
        _statements?.Dispose();
        _statements = null;
    }

    private Statements? _statements;

    /// <summary>
    /// The writer's own connection, opened once and kept for its lifetime (reopened after a failed batch), with its
    /// hot statements prepared once (<see cref="PreparedCommand"/>). The SQL lives with the store that owns each table;
    /// the rare paths (new contact, new conversation, duplicate) stay on the stores' Dapper methods, on the same connection.
    /// </summary>
    private sealed class Statements(DbConnection connection, SqlDialect dialect) : IDisposable
    {
        public const string SavepointName = "inbound";

        public static async Task<Statements> OpenAsync(IDbConnectionFactory db, CancellationToken ct)
        {
            var connection = await db.OpenAsync(ct);
            try
            {
                return new Statements(connection, db.Dialect);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public DbConnection Connection { get; } = connection;
        public PreparedCommand Savepoint { get; } = new(connection, $"SAVEPOINT {SavepointName}");
        public PreparedCommand Release { get; } = new(connection, $"RELEASE SAVEPOINT {SavepointName}");
        public PreparedCommand FindTarget { get; } = new(connection, InboundTarget.Sql, "Kind", "Address");
        public PreparedCommand? LockTarget { get; } = dialect.LockForUpdate.Length == 0 ? null : new(connection, InboundTarget.LockSql, "Kind", "Address");
        public PreparedCommand? SerializeEventAppends { get; } = dialect.SerializeEventAppends.Length == 0 ? null : new(connection, dialect.SerializeEventAppends);
        public PreparedCommand InsertMessage { get; } = new(connection, MessageStore.InsertInboundSql,
            "ConversationId", "ChannelId", "IdentityId", "ProviderMessageId", "Text", "SentAt", "ReplyTo", "Subject", "Automated", "OriginalText", "OriginalHtml", "Now");
        public PreparedCommand FindThreadTarget { get; } = new(connection, InboundTarget.ByConversationSql, "Kind", "Address", "ConversationId");
        public PreparedCommand? LockConversation { get; } = dialect.LockForUpdate.Length == 0 ? null : new(connection, InboundTarget.LockConversationSql, "ConversationId");
        public PreparedCommand InsertAttachment { get; } = new(connection, AttachmentStore.InsertSql, "MessageId", "FileName", "ContentType", "Size", "StorageKey", "Now");
        public PreparedCommand TouchIdentity { get; } = new(connection, ContactStore.TouchIdentitySql, "Id", "ChannelId", "Now", "DisplayName");
        public PreparedCommand RecordInbound { get; } = new(connection, ConversationStore.RecordInboundSql,
            "Status", "SnoozedUntil", "LastActivityAt", "LastInboundIdentityId", "LastChannelId", "LastMessagePreview", "UpdatedAt", "Id");
        public PreparedCommand AppendEvent { get; } = new(connection, ConversationEventStore.InsertSql,
            "ConversationId", "Type", "ActorId", "MessageId", "Data", "Now");

        public void Dispose()
        {
            foreach (var command in new[] { Savepoint, Release, FindTarget, FindThreadTarget, LockConversation, LockTarget, SerializeEventAppends, InsertMessage, InsertAttachment, TouchIdentity, RecordInbound, AppendEvent }) command?.Dispose();
            Connection.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped duplicate inbound message on channel {ChannelId} (stored as {MessageId})")]
    private partial void LogDuplicate(long channelId, long messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store an inbound message on channel {ChannelId}")]
    private partial void LogMessageFailed(Exception ex, long channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message of a batch of {Count} failed; writing the batch again with one savepoint per message")]
    private partial void LogRetryingIsolated(Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not commit a batch of {Count} inbound messages")]
    private partial void LogBatchFailed(Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored {Count} live events but could not push them; clients will replay them")]
    private partial void LogPublishFailed(Exception ex, int count);

    private sealed class Pending(IReadOnlyList<InboundMessage> messages, ListenerCursor? cursor)
    {
        public IReadOnlyList<InboundMessage> Messages { get; } = messages;
        public ListenerCursor? Cursor { get; } = cursor;
        public IReadOnlyList<IReadOnlyList<StoredAttachment>>? Files { get; init; }
        public long ChannelId => Cursor?.ChannelId ?? (Messages.Count > 0 ? Messages[0].ChannelId : 0);
        public TaskCompletionSource<IReadOnlyList<InboundResult>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
