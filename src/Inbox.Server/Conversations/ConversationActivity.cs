using System.Text.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;

namespace Inbox.Server.Conversations;

/// <summary>
/// The thread's activity lines, read from its event log: who assigned, resolved, reopened, snoozed, merged, labelled,
/// linked or reserved, and when. Messages, reads and previews are not activity (the thread shows those itself).
/// </summary>
public sealed class ConversationActivity(IDbConnectionFactory db)
{
    /// <summary>The newest this many lines; a thread's older activity is rarely read and its history stays in the export.</summary>
    public const int MaxLines = 500;

    private static readonly string[] Shown =
    [
        EventTypes.ConversationStatusChanged, EventTypes.ConversationAssigned, EventTypes.ConversationPriorityChanged,
        EventTypes.ConversationLabelAdded, EventTypes.ConversationLabelRemoved, EventTypes.ConversationMerged,
        EventTypes.IdentityLinked, EventTypes.IdentitySplit, EventTypes.ReservationHeld, EventTypes.ReservationPickedUp,
        EventTypes.ReservationReleased, EventTypes.ReservationExpired, EventTypes.OrderCancellationRequested,
    ];

    public async Task<IReadOnlyList<ActivityDto>> ListAsync(long conversationId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition($"""
            SELECT e.id, e.type, e.actor_id, u.display_name AS actor_name, e.data, e.created_at
            FROM conversation_events e LEFT JOIN users u ON u.id = e.actor_id
            WHERE e.conversation_id = @Id AND e.type {db.Dialect.In("@Types")}
            ORDER BY e.id DESC LIMIT {MaxLines}
            """, new { Id = conversationId, Types = Shown }, cancellationToken: ct));
        return rows.Reverse().Select(ToDto).ToList();
    }

    private static ActivityDto ToDto(Row r)
    {
        var line = new ActivityDto(r.Id, r.Type, r.CreatedAt, r.ActorId, r.ActorName);
        if (r.Data is null) return line;
        using var json = JsonDocument.Parse(r.Data);
        var d = json.RootElement;
        return line with
        {
            From = Text(d, "from"),
            To = Text(d, "to"),
            AgentId = Id(d, "toAgentId"),
            TeamId = Id(d, "toTeamId"),
            LabelId = Id(d, "labelId"),
            ReservationId = Id(d, "reservationId"),
            Reason = Text(d, "reason"),
            OrderNumber = Text(d, "number"),
        };
    }

    private static string? Text(JsonElement d, string name) =>
        d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Id(JsonElement d, string name) =>
        d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    private sealed class Row
    {
        public long Id { get; set; }
        public string Type { get; set; } = "";
        public long? ActorId { get; set; }
        public string? ActorName { get; set; }
        public string? Data { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}
