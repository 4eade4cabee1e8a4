using System.Data.Common;
using System.Text.Json;
using Dapper;
using Inbox.Server.Data;

namespace Inbox.Server.Messaging;

/// <summary>
/// Threading by the provider's own references (email): a customer message that names one of the channel's messages
/// (In-Reply-To/References holding our Message-ID, or a thread key such as Outlook's Thread-Index) goes into that
/// message's conversation, whoever sends it; only without such a hint does the sender's address decide. Also what a
/// reply needs to continue the thread it answers.
/// </summary>
public sealed class MessageThreads(IDbConnectionFactory db)
{
    /// <summary>The conversation (and its contact) of the newest message of the channel that the hints name: provider
    /// ids first (ours and the customer's), then thread keys; null when none is known.</summary>
    public async Task<(long ConversationId, long ContactId)?> FindAsync(DbConnection c, DbTransaction tx, long channelId,
        IReadOnlyList<string> providerIds, IReadOnlyList<string> threadKeys, CancellationToken ct)
    {
        if (providerIds.Count > 0)
        {
            // One select per direction, so each uses its partial index on (channel_id, provider_message_id).
            var byId = await c.QueryFirstOrDefaultAsync<(long ConversationId, long ContactId, long MessageId)>(new CommandDefinition($"""
                SELECT m.conversation_id, k.contact_id, m.id FROM messages m JOIN conversations k ON k.id = m.conversation_id
                WHERE m.channel_id = @ChannelId AND m.direction = 'outbound' AND m.provider_message_id {db.Dialect.In("@Ids")}
                UNION ALL
                SELECT m.conversation_id, k.contact_id, m.id FROM messages m JOIN conversations k ON k.id = m.conversation_id
                WHERE m.channel_id = @ChannelId AND m.direction = 'inbound' AND m.provider_message_id {db.Dialect.In("@Ids")}
                ORDER BY 3 DESC LIMIT 1
                """, new { ChannelId = channelId, Ids = providerIds.Take(100).ToArray() }, tx, cancellationToken: ct));
            if (byId.ConversationId != 0) return (byId.ConversationId, byId.ContactId);
        }
        if (threadKeys.Count == 0) return null;
        var byKey = await c.QueryFirstOrDefaultAsync<(long ConversationId, long ContactId)>(new CommandDefinition($"""
            SELECT m.conversation_id, k.contact_id FROM message_thread_keys t
            JOIN messages m ON m.id = t.message_id JOIN conversations k ON k.id = m.conversation_id
            WHERE t.channel_id = @ChannelId AND t.thread_key {db.Dialect.In("@Keys")}
            ORDER BY t.message_id DESC LIMIT 1
            """, new { ChannelId = channelId, Keys = threadKeys.Take(10).ToArray() }, tx, cancellationToken: ct));
        return byKey.ConversationId == 0 ? null : byKey;
    }

    public async Task AddKeysAsync(DbConnection c, DbTransaction tx, long channelId, long messageId, IReadOnlyList<string> threadKeys, CancellationToken ct)
    {
        foreach (var key in threadKeys.Where(k => k.Length is > 0 and <= 200).Distinct())
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO message_thread_keys (channel_id, thread_key, message_id) VALUES (@ChannelId, @Key, @MessageId) ON CONFLICT DO NOTHING
                """, new { ChannelId = channelId, Key = key, MessageId = messageId }, tx, cancellationToken: ct));
    }

    /// <summary>The first subject a conversation's messages carried stays its subject.</summary>
    public async Task KeepSubjectAsync(DbConnection c, DbTransaction tx, long conversationId, string subject, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("UPDATE conversations SET subject = @Subject WHERE id = @Id AND subject IS NULL",
            new { Id = conversationId, Subject = subject.Length <= 500 ? subject : subject[..500] }, tx, cancellationToken: ct));

    /// <summary>What a reply on <paramref name="channelId"/> answers: the conversation's newest customer message on that
    /// channel before it (not an automated one), as its thread's ids (oldest first, that message last), its thread keys
    /// and its subject (else the conversation's).</summary>
    public async Task<AnsweredThread> AnsweredByAsync(DbConnection c, long conversationId, long channelId, long replyId, CancellationToken ct)
    {
        var row = await c.QueryFirstOrDefaultAsync<AnsweredRow>(new CommandDefinition("""
            SELECT m.id, m.provider_message_id, m.reply_to, m.subject, k.subject AS conversation_subject
            FROM conversations k
            LEFT JOIN messages m ON m.id = (
                SELECT MAX(x.id) FROM messages x
                WHERE x.conversation_id = k.id AND x.channel_id = @ChannelId AND x.direction = 'inbound' AND x.automated = FALSE AND x.id < @ReplyId)
            WHERE k.id = @ConversationId
            """, new { ConversationId = conversationId, ChannelId = channelId, ReplyId = replyId }, cancellationToken: ct));
        if (row is null) return new AnsweredThread(null, [], []);
        if (row.Id is not { } answered) return new AnsweredThread(row.ConversationSubject, [], []);
        var ids = new List<string>();
        if (row.ReplyTo is not null)
        {
            try
            {
                ids.AddRange(JsonSerializer.Deserialize<List<string>>(row.ReplyTo) ?? []);
            }
            catch (JsonException)
            {
            }
        }
        if (row.ProviderMessageId is { } own && !own.StartsWith("sha256:", StringComparison.Ordinal)) ids.Add(own);
        var keys = (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT thread_key FROM message_thread_keys WHERE message_id = @Id", new { Id = answered }, cancellationToken: ct))).ToList();
        return new AnsweredThread(row.Subject ?? row.ConversationSubject, ids, keys);
    }

    private sealed class AnsweredRow
    {
        public long? Id { get; set; }
        public string? ProviderMessageId { get; set; }
        public string? ReplyTo { get; set; }
        public string? Subject { get; set; }
        public string? ConversationSubject { get; set; }
    }
}

public sealed record AnsweredThread(string? Subject, IReadOnlyList<string> ReplyTo, IReadOnlyList<string> ThreadKeys);
