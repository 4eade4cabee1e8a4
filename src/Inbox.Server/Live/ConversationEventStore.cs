using System.Data.Common;
using System.Text.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Conversations;
using Inbox.Server.Data;
using Inbox.Server.Messaging;

namespace Inbox.Server.Live;

/// <summary>
/// The durable event log: one row per thing that happened to a conversation, written in the same transaction
/// as the change. Ids only grow, so a reconnecting client asks for everything after the last id it saw.
/// A row keeps ids and typed <see cref="EventData"/>, never a copy of the DTO: replay rebuilds the DTO from the
/// current rows (the message, the conversation), which keeps the log small (it was most of the database).
/// </summary>
public sealed class ConversationEventStore(IDbConnectionFactory db, MessageStore messages, ConversationStore conversations, Commerce.ReservationStore reservations)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Appends one event and returns its id. Prepared by the inbound writer; values from <see cref="MessageIdOf"/>
    /// and <see cref="SerializeData"/>.</summary>
    internal const string InsertSql = """
        INSERT INTO conversation_events (conversation_id, type, actor_id, message_id, data, created_at)
        VALUES (@ConversationId, @Type, @ActorId, @MessageId, @Data, @Now)
        RETURNING id
        """;

    /// <param name="type">One of <see cref="EventTypes"/>.</param>
    /// <param name="payload">The DTO pushed live after the commit (not stored). A message status DTO is stored as its
    /// <see cref="MessageStatusData"/> when no <paramref name="data"/> is given.</param>
    public async Task<LiveEvent> AppendAsync(DbConnection c, DbTransaction tx, string type, ConversationAudience audience, long? actorId, EventData? data, object payload, DateTimeOffset now, CancellationToken ct)
    {
        // PostgreSQL: ids are handed out at insert, not commit; holding one lock until commit keeps them visible in order.
        if (db.Dialect.SerializeEventAppends.Length > 0)
            await c.ExecuteAsync(new CommandDefinition(db.Dialect.SerializeEventAppends, transaction: tx, cancellationToken: ct));
        if (data is null && payload is MessageStatusDto s) data = new MessageStatusData(s.Status, s.Error, null);
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, new
        {
            audience.ConversationId, Type = type, ActorId = actorId, MessageId = MessageIdOf(payload), Data = SerializeData(data), Now = now,
        }, tx, cancellationToken: ct));
        return new LiveEvent(id, type, audience, payload);
    }

    /// <summary>The message a message.* event is about, kept as a column (reports join on it; replay reads the message).</summary>
    internal static long? MessageIdOf(object payload) => payload switch
    {
        MessageDto m => m.Id,
        MessageStatusDto s => s.MessageId,
        _ => null,
    };

    internal static string? SerializeData(EventData? data) => data is null ? null : JsonSerializer.Serialize(data, data.GetType(), Json);

    public async Task MoveToConversationAsync(DbConnection c, DbTransaction tx, long fromConversationId, long toConversationId, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE conversation_events SET conversation_id = @To WHERE conversation_id = @From", new { From = fromConversationId, To = toConversationId }, tx, cancellationToken: ct));

    public async Task<long> LatestIdAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(id) FROM conversation_events", cancellationToken: ct)) ?? 0;
    }

    /// <summary>
    /// Events after <paramref name="lastEventId"/> of conversations the viewer may see, oldest first, each with the DTO
    /// of its live call as it is now: a client that applies them in order ends where the live calls would have left it.
    /// </summary>
    public async Task<IReadOnlyList<AgentEvent>> ReadSinceAsync(Viewer viewer, long lastEventId, int max, CancellationToken ct)
    {
        var p = new DynamicParameters(viewer.SqlParameters);
        p.Add("After", lastEventId);
        p.Add("Take", Math.Clamp(max, 1, 1000));
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<EventRow>(new CommandDefinition($"""
            SELECT e.id, e.type, e.conversation_id, e.message_id, e.data, e.created_at
            FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id
            WHERE e.id > @After AND {Viewer.SqlFilter(db.Dialect)}
            ORDER BY e.id
            LIMIT @Take
            """, p, cancellationToken: ct));

        var messageDtos = new Dictionary<long, MessageDto?>();
        var conversationDtos = new Dictionary<long, ConversationDto?>();
        async Task<MessageDto?> MessageAsync(long? id)
        {
            if (id is not { } key) return null;
            if (!messageDtos.TryGetValue(key, out var dto)) messageDtos[key] = dto = await messages.GetDtoAsync(c, null, key, ct);
            return dto;
        }
        async Task<ConversationDto?> ConversationAsync(long id)
        {
            if (!conversationDtos.TryGetValue(id, out var dto)) conversationDtos[id] = dto = await conversations.GetDtoAsync(c, null, id, ct);
            return dto;
        }

        var events = new List<AgentEvent>();
        foreach (var r in rows)
        {
            object? payload = r.Type switch
            {
                EventTypes.MessageReceived or EventTypes.MessageCreated or EventTypes.MessageEdited => await MessageAsync(r.MessageId),
                EventTypes.MessageStatusChanged => await MessageAsync(r.MessageId) is { } m
                    ? Read<MessageStatusData>(r.Data) is { } s ? new MessageStatusDto(m.Id, r.ConversationId, s.Status, s.Error) : new MessageStatusDto(m.Id, r.ConversationId, m.Status ?? MessageStatus.Received, m.Error)
                    : null,
                EventTypes.ConversationRemoved => Read<RemovedData>(r.Data) is { } d
                    ? new ConversationRemovedDto(d.ConversationId == 0 ? r.ConversationId : d.ConversationId, d.MergedIntoConversationId) : new ConversationRemovedDto(r.ConversationId, null),
                EventTypes.ReservationHeld or EventTypes.ReservationPickedUp or EventTypes.ReservationReleased or EventTypes.ReservationExpired =>
                    Read<ReservationData>(r.Data) is { } rd ? await reservations.GetDtoAsync(c, null, rd.ReservationId, ct) : null,
                _ => await ConversationAsync(r.ConversationId),
            };
            // Rows the event is about are never deleted (a merged thread's events move with its messages); if one were,
            // there would be nothing to show of it, and skipping it loses nothing.
            if (payload is null) continue;
            events.Add(new AgentEvent(r.Id, LiveEvent.ClientTypeOf(r.Type), r.ConversationId, JsonSerializer.SerializeToElement(payload, payload.GetType(), Json), r.CreatedAt));
        }
        return events;
    }

    private static T? Read<T>(string? data) where T : EventData => data is null ? null : JsonSerializer.Deserialize<T>(data, Json);

    private sealed class EventRow
    {
        public long Id { get; set; }
        public string Type { get; set; } = "";
        public long ConversationId { get; set; }
        public long? MessageId { get; set; }
        public string? Data { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}
