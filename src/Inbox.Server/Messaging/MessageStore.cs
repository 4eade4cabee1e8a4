using System.Data.Common;
using System.Globalization;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Api;
using Inbox.Server.Data;

namespace Inbox.Server.Messaging;

/// <summary>The messages of a thread, inbound and outbound, with their delivery status.</summary>
public sealed class MessageStore(IDbConnectionFactory db, Files.AttachmentStore files)
{
    /// <summary>Stores a customer message and returns its new id, or nothing when (channel, provider id) is already stored. Prepared by the inbound writer.</summary>
    internal const string InsertInboundSql = """
        INSERT INTO messages (conversation_id, channel_id, identity_id, direction, text, is_private, provider_message_id, sent_at, reply_to, status,
                              subject, automated, original_text, original_html, created_at, updated_at)
        VALUES (@ConversationId, @ChannelId, @IdentityId, 'inbound', @Text, FALSE, @ProviderMessageId, @SentAt, @ReplyTo, 'received',
                @Subject, @Automated, @OriginalText, @OriginalHtml, @Now, @Now)
        ON CONFLICT DO NOTHING
        RETURNING id
        """;

    public async Task<(long MessageId, long ConversationId)?> FindInboundAsync(DbConnection c, DbTransaction tx, long channelId, string providerMessageId, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<(long MessageId, long ConversationId)>(new CommandDefinition("""
            SELECT id, conversation_id FROM messages WHERE channel_id = @ChannelId AND direction = 'inbound' AND provider_message_id = @ProviderMessageId
            """, new { ChannelId = channelId, ProviderMessageId = providerMessageId }, tx, cancellationToken: ct));
        return row.MessageId == 0 ? null : row;
    }

    /// <summary>A customer's edit (migration 0011): replaces the text of an inbound message and marks it edited, unless a
    /// later (or the same) edit is already stored. True when it changed the message.</summary>
    public async Task<bool> ApplyEditAsync(DbConnection c, DbTransaction tx, long messageId, string text, DateTimeOffset editedAt, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE messages SET text = @Text, edited_at = @EditedAt, updated_at = @Now
            WHERE id = @Id AND direction = 'inbound' AND (edited_at IS NULL OR edited_at < @EditedAt)
            """, new { Id = messageId, Text = text, EditedAt = editedAt.ToUniversalTime(), Now = now }, tx, cancellationToken: ct)) == 1;

    /// <summary>An agent's reply (status queued, with a channel) or private note (no channel, no status).</summary>
    public async Task<long> InsertOutboundAsync(DbConnection c, DbTransaction tx, long conversationId, long? channelId, long? identityId, long authorId, string text, bool isPrivate, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO messages (conversation_id, channel_id, identity_id, direction, author_id, text, is_private, status, created_at, updated_at)
            VALUES (@ConversationId, @ChannelId, @IdentityId, 'outbound', @AuthorId, @Text, @IsPrivate, @Status, @Now, @Now)
            RETURNING id
            """, new
        {
            ConversationId = conversationId, ChannelId = channelId, IdentityId = identityId, AuthorId = authorId, Text = text,
            IsPrivate = isPrivate, Status = isPrivate ? null : MessageStatus.Queued.ToDb(), Now = now,
        }, tx, cancellationToken: ct));

    /// <summary>The message is a copy of <paramref name="originalId"/> on another channel (the email copy of a widget reply).</summary>
    public async Task MarkCopyOfAsync(DbConnection c, DbTransaction tx, long copyId, long originalId, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("UPDATE messages SET copy_of = @OriginalId WHERE id = @Id",
            new { Id = copyId, OriginalId = originalId }, tx, cancellationToken: ct));

    /// <summary>Moves an outbound message's status forward only (<see cref="MessageStatuses"/>): the conversation id when it
    /// moved, null when it would not (already there, or past it). The error and its code are set as given, so only a
    /// move to failed carries them and a failed message (terminal for providers) keeps its first reason.</summary>
    public async Task<long?> AdvanceStatusAsync(DbConnection c, DbTransaction tx, long messageId, MessageStatus to, string? error, string? errorCode,
        string? providerMessageId, DateTimeOffset now, CancellationToken ct)
    {
        var from = MessageStatuses.CanAdvanceFrom(to).Select(s => s.ToDb()).ToArray();
        if (from.Length == 0) return null;
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition($"""
            UPDATE messages SET status = @To, error = @Error, error_code = @ErrorCode,
                provider_message_id = COALESCE(@ProviderMessageId, provider_message_id), updated_at = @Now
            WHERE id = @Id AND direction = 'outbound' AND status {db.Dialect.In("@From")}
            RETURNING conversation_id
            """, new { Id = messageId, To = to.ToDb(), Error = error, ErrorCode = errorCode, ProviderMessageId = providerMessageId, Now = now, From = from },
            tx, cancellationToken: ct));
    }

    /// <summary>Our messages the channel knows by <paramref name="providerMessageId"/>: usually one, more when a provider
    /// answered several sends with the same id.</summary>
    public async Task<IReadOnlyList<(long MessageId, MessageStatus? Status)>> FindOutboundAsync(DbConnection c, DbTransaction tx, long channelId, string providerMessageId, CancellationToken ct)
    {
        var rows = await c.QueryAsync<(long Id, string? Status)>(new CommandDefinition("""
            SELECT id, status FROM messages WHERE channel_id = @ChannelId AND direction = 'outbound' AND provider_message_id = @ProviderMessageId ORDER BY id
            """, new { ChannelId = channelId, ProviderMessageId = providerMessageId }, tx, cancellationToken: ct));
        return rows.Select(r => (r.Id, r.Status is null ? (MessageStatus?)null : DbEnum.Parse<MessageStatus>(r.Status))).ToList();
    }

    /// <summary>An agent retries a failed reply: the one move back (failed → queued), explicit and never from a provider.</summary>
    public async Task<bool> RequeueFailedAsync(DbConnection c, DbTransaction tx, long messageId, long conversationId, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE messages SET status = 'queued', error = NULL, error_code = NULL, updated_at = @Now
            WHERE id = @Id AND conversation_id = @ConversationId AND direction = 'outbound' AND status = 'failed'
            """, new { Id = messageId, ConversationId = conversationId, Now = now }, tx, cancellationToken: ct)) == 1;

    public async Task MoveToConversationAsync(DbConnection c, DbTransaction tx, long fromConversationId, long toConversationId, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE messages SET conversation_id = @To WHERE conversation_id = @From", new { From = fromConversationId, To = toConversationId }, tx, cancellationToken: ct));

    public async Task<MessageDto?> GetDtoAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition($"{Select} WHERE m.id = @Id", new { Id = id }, tx, cancellationToken: ct));
        if (row is null) return null;
        var attachments = await files.OfMessagesAsync(c, tx, [id], ct);
        return row.ToDto(attachments[id].ToList());
    }

    /// <summary>The newest <paramref name="limit"/> messages before the cursor, returned oldest→newest.</summary>
    public async Task<MessagePage> ListAsync(long conversationId, string? cursor, int limit, CancellationToken ct)
    {
        var before = Cursor.TryDecode(cursor, 1, out var parts) && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var id) ? id : long.MaxValue;
        await using var c = await db.OpenAsync(ct);
        var rows = (await c.QueryAsync<MessageRow>(new CommandDefinition(
            $"{Select} WHERE m.conversation_id = @ConversationId AND m.id < @Before ORDER BY m.id DESC LIMIT @Take",
            new { ConversationId = conversationId, Before = before, Take = limit + 1 }, cancellationToken: ct))).ToList();
        var more = rows.Count > limit;
        var page = rows.Take(limit).Reverse().ToList();
        var attachments = await files.OfMessagesAsync(c, null, page.Select(r => r.Id).ToList(), ct);
        var next = more ? Cursor.Encode(page[0].Id.ToString(CultureInfo.InvariantCulture)) : null;
        return new MessagePage(page.Select(r => r.ToDto(attachments[r.Id].ToList())).ToList(), next);
    }

    private const string Select = """
        SELECT m.id, m.conversation_id, m.direction, m.is_private, m.text, m.status, m.error, m.error_code, m.channel_id, ch.type AS channel_type,
               m.identity_id, i.address AS identity_address, m.author_id, u.display_name AS author_name, m.sent_at, m.edited_at, m.created_at,
               m.subject, m.automated
        FROM messages m
        LEFT JOIN channels ch ON ch.id = m.channel_id
        LEFT JOIN contact_identities i ON i.id = m.identity_id
        LEFT JOIN users u ON u.id = m.author_id
        """;

    private sealed class MessageRow
    {
        public long Id { get; set; }
        public long ConversationId { get; set; }
        public string Direction { get; set; } = "";
        public bool IsPrivate { get; set; }
        public string Text { get; set; } = "";
        public string? Status { get; set; }
        public string? Error { get; set; }
        public string? ErrorCode { get; set; }
        public long? ChannelId { get; set; }
        public string? ChannelType { get; set; }
        public long? IdentityId { get; set; }
        public string? IdentityAddress { get; set; }
        public long? AuthorId { get; set; }
        public string? AuthorName { get; set; }
        public DateTimeOffset? SentAt { get; set; }
        public DateTimeOffset? EditedAt { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public string? Subject { get; set; }
        public bool Automated { get; set; }

        public MessageDto ToDto(IReadOnlyList<AttachmentDto> attachments) => new(Id, ConversationId, DbEnum.Parse<MessageDirection>(Direction), IsPrivate, Text,
            Status is null ? null : DbEnum.Parse<MessageStatus>(Status), Error, ChannelId, ChannelType, IdentityId, IdentityAddress, AuthorId, AuthorName,
            attachments, CreatedAt, ErrorCode) { SentAt = SentAt, Subject = Subject, Automated = Automated, EditedAt = EditedAt };
    }
}
