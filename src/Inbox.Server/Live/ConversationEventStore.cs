using System.Data.Common;
using System.Text.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Data;

namespace Inbox.Server.Live;

/// <summary>
/// The durable event log: one row per thing that happened to a conversation, written in the same transaction
/// as the change. Ids only grow, so a reconnecting client asks for everything after the last id it saw.
/// </summary>
public sealed class ConversationEventStore(IDbConnectionFactory db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Appends one event and returns its id. Prepared by the inbound writer; values from <see cref="SerializeData"/>
    /// and <see cref="SerializePayload"/>.</summary>
    internal const string InsertSql = """
        INSERT INTO conversation_events (conversation_id, type, actor_id, data, payload, created_at)
        VALUES (@ConversationId, @Type, @ActorId, @Data, @Payload, @Now)
        RETURNING id
        """;

    public async Task<LiveEvent> AppendAsync(DbConnection c, DbTransaction tx, string type, ConversationAudience audience, long? actorId, object? data, object payload, DateTimeOffset now, CancellationToken ct)
    {
        // PostgreSQL: ids are handed out at insert, not commit; holding one lock until commit keeps them visible in order.
        if (db.Dialect.SerializeEventAppends.Length > 0)
            await c.ExecuteAsync(new CommandDefinition(db.Dialect.SerializeEventAppends, transaction: tx, cancellationToken: ct));
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, new
        {
            audience.ConversationId, Type = type, ActorId = actorId, Data = SerializeData(data), Payload = SerializePayload(payload), Now = now,
        }, tx, cancellationToken: ct));
        return new LiveEvent(id, type, audience, payload);
    }

    internal static string? SerializeData(object? data) => data is null ? null : JsonSerializer.Serialize(data, data.GetType(), Json);

    internal static string SerializePayload(object payload) => JsonSerializer.Serialize(payload, payload.GetType(), Json);

    public async Task MoveToConversationAsync(DbConnection c, DbTransaction tx, long fromConversationId, long toConversationId, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE conversation_events SET conversation_id = @To WHERE conversation_id = @From", new { From = fromConversationId, To = toConversationId }, tx, cancellationToken: ct));

    public async Task<long> LatestIdAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(id) FROM conversation_events", cancellationToken: ct)) ?? 0;
    }

    /// <summary>Events after <paramref name="lastEventId"/> of conversations the viewer may see, oldest first.</summary>
    public async Task<IReadOnlyList<AgentEvent>> ReadSinceAsync(Viewer viewer, long lastEventId, int max, CancellationToken ct)
    {
        var p = new DynamicParameters(viewer.SqlParameters);
        p.Add("After", lastEventId);
        p.Add("Take", Math.Clamp(max, 1, 1000));
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<EventRow>(new CommandDefinition($"""
            SELECT e.id, e.type, e.conversation_id, e.payload, e.created_at
            FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id
            WHERE e.id > @After AND {Viewer.SqlFilter(db.Dialect)}
            ORDER BY e.id
            LIMIT @Take
            """, p, cancellationToken: ct));
        return rows.Select(r => new AgentEvent(r.Id, LiveEvent.ClientTypeOf(r.Type), r.ConversationId, JsonDocument.Parse(r.Payload).RootElement.Clone(), r.CreatedAt)).ToList();
    }

    private sealed class EventRow
    {
        public long Id { get; set; }
        public string Type { get; set; } = "";
        public long ConversationId { get; set; }
        public string Payload { get; set; } = "{}";
        public DateTimeOffset CreatedAt { get; set; }
    }
}
