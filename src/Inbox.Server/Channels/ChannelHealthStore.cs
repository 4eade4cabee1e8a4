using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;

namespace Inbox.Server.Channels;

/// <summary>A channel's last success and last error (a listener's poll, a webhook's delivery) and its newest message each
/// way, shown to admins.</summary>
public sealed class ChannelHealthStore(IDbConnectionFactory db)
{
    public async Task RecordSuccessAsync(long channelId, string? workedBy, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO channel_health (channel_id, last_success_at, worked_by) VALUES (@ChannelId, @Now, @WorkedBy)
            ON CONFLICT (channel_id) DO UPDATE SET last_success_at = excluded.last_success_at, worked_by = COALESCE(excluded.worked_by, channel_health.worked_by)
            """, new { ChannelId = channelId, Now = now, WorkedBy = workedBy }, cancellationToken: ct));
    }

    public async Task RecordErrorAsync(long channelId, string? workedBy, string error, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO channel_health (channel_id, last_error, last_error_at, worked_by) VALUES (@ChannelId, @Error, @Now, @WorkedBy)
            ON CONFLICT (channel_id) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at,
                worked_by = COALESCE(excluded.worked_by, channel_health.worked_by)
            """, new { ChannelId = channelId, Error = Clip(error), Now = now, WorkedBy = workedBy }, cancellationToken: ct));
    }

    public async Task<ChannelHealthDto> GetAsync(long channelId, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<HealthRow>(new CommandDefinition("""
            SELECT h.last_success_at, h.last_error, h.last_error_at, l.owner AS worked_by,
                (SELECT m.created_at FROM messages m WHERE m.channel_id = ch.id AND m.direction = 'inbound'
                 ORDER BY m.id DESC LIMIT 1) AS last_message_in_at,
                o.created_at AS last_message_out_at, o.status AS last_message_out_status
            FROM channels ch
            LEFT JOIN messages o ON o.id = (SELECT m.id FROM messages m WHERE m.channel_id = ch.id AND m.direction = 'outbound'
                                             AND m.is_private = FALSE ORDER BY m.id DESC LIMIT 1)
            LEFT JOIN channel_health h ON h.channel_id = ch.id
            LEFT JOIN channel_leases l ON l.channel_id = ch.id AND l.expires_at > @Now
            WHERE ch.id = @ChannelId
            """, new { ChannelId = channelId, Now = now }, cancellationToken: ct));
        return new ChannelHealthDto(row?.LastSuccessAt, row?.LastError, row?.LastErrorAt, row?.WorkedBy)
        {
            LastMessageInAt = row?.LastMessageInAt,
            LastMessageOutAt = row?.LastMessageOutAt,
            LastMessageOutStatus = Enum.TryParse<MessageStatus>(row?.LastMessageOutStatus, ignoreCase: true, out var status) ? status : null,
        };
    }

    private static string Clip(string error) => error.Length <= 500 ? error : error[..500];

    private sealed class HealthRow
    {
        public DateTimeOffset? LastSuccessAt { get; set; }
        public string? LastError { get; set; }
        public DateTimeOffset? LastErrorAt { get; set; }
        public string? WorkedBy { get; set; }
        public DateTimeOffset? LastMessageInAt { get; set; }
        public DateTimeOffset? LastMessageOutAt { get; set; }
        public string? LastMessageOutStatus { get; set; }
    }
}
