using System.Data.Common;
using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Server.Data;

namespace Inbox.Server.Messaging;

/// <summary>Delivery reports that arrived before the provider id they name was recorded on one of our messages.</summary>
public sealed class EarlyDeliveryReportStore
{
    /// <summary>How long a report waits for its message: far longer than a send takes to record, short enough that
    /// reports for ids we never sent do not pile up.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);

    public async Task HoldAsync(DbConnection c, DbTransaction tx, DeliveryReport report, DateTimeOffset now, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition("""
            DELETE FROM early_delivery_reports WHERE channel_id = @ChannelId AND received_at < @Cutoff;
            INSERT INTO early_delivery_reports (channel_id, provider_message_id, status, error_code, error, received_at)
            VALUES (@ChannelId, @ProviderMessageId, @Status, @ErrorCode, @Error, @Now)
            ON CONFLICT DO NOTHING
            """, new
            {
                report.ChannelId,
                report.ProviderMessageId,
                Status = report.Status.ToDb(),
                report.ErrorCode,
                Error = report.Error is { Length: > 500 } e ? e[..500] : report.Error,
                Now = now,
                Cutoff = now - KeptFor,
            }, tx, cancellationToken: ct));
    }

    /// <summary>Removes and returns the reports held for this id, oldest status first.</summary>
    public async Task<IReadOnlyList<DeliveryReport>> TakeAsync(DbConnection c, DbTransaction tx, long channelId, string providerMessageId, CancellationToken ct)
    {
        var rows = (await c.QueryAsync<HeldRow>(new CommandDefinition("""
            SELECT status, error_code, error, received_at FROM early_delivery_reports
            WHERE channel_id = @ChannelId AND provider_message_id = @ProviderMessageId
            """, new { ChannelId = channelId, ProviderMessageId = providerMessageId }, tx, cancellationToken: ct))).ToList();
        if (rows.Count == 0) return [];
        await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM early_delivery_reports WHERE channel_id = @ChannelId AND provider_message_id = @ProviderMessageId",
            new { ChannelId = channelId, ProviderMessageId = providerMessageId }, tx, cancellationToken: ct));
        return rows
            .Select(r => new DeliveryReport(channelId, providerMessageId, DbEnum.Parse<DeliveryStatus>(r.Status), r.ReceivedAt) { ErrorCode = r.ErrorCode, Error = r.Error })
            .OrderBy(r => r.Status)
            .ToList();
    }

    /// <summary>Held reports whose provider id is now recorded on one of our messages: on PostgreSQL a report and the
    /// outbox's commit can each miss the other's uncommitted row, and then nothing else would ever claim it.</summary>
    public async Task<IReadOnlyList<(long ChannelId, string ProviderMessageId)>> ClaimableAsync(DbConnection c, CancellationToken ct) =>
        (await c.QueryAsync<(long, string)>(new CommandDefinition("""
            SELECT DISTINCT e.channel_id, e.provider_message_id FROM early_delivery_reports e
            JOIN messages m ON m.channel_id = e.channel_id AND m.direction = 'outbound' AND m.provider_message_id = e.provider_message_id
            LIMIT 500
            """, cancellationToken: ct))).ToList();

    /// <summary>Drops reports nobody claimed within <see cref="KeptFor"/> (ids we never sent).</summary>
    public async Task<int> ExpireAsync(DbConnection c, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM early_delivery_reports WHERE received_at < @Cutoff", new { Cutoff = now - KeptFor }, cancellationToken: ct));

    private sealed class HeldRow
    {
        public string Status { get; set; } = "";
        public string? ErrorCode { get; set; }
        public string? Error { get; set; }
        public DateTimeOffset ReceivedAt { get; set; }
    }
}
