using Inbox.Server.Data;

namespace Inbox.Server.Messaging;

/// <summary>
/// Applies held delivery reports whose message id has been recorded since. The outbox applies them in its own commit,
/// but under PostgreSQL's READ COMMITTED a report that is being held while the outbox commits is invisible to it (and
/// the id to the report): both commit and the report waits. This sweep claims it within <see cref="Interval"/>, and
/// drops reports no message claimed within <see cref="EarlyDeliveryReportStore.KeptFor"/>.
/// </summary>
public sealed partial class HeldReportSweep(
    IDbConnectionFactory db, EarlyDeliveryReportStore early, DeliveryReports reports, TimeProvider time, ILogger<HeldReportSweep> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        IReadOnlyList<(long ChannelId, string ProviderMessageId)> claimable;
        await using (var c = await db.OpenAsync(ct))
        {
            await early.ExpireAsync(c, time.GetUtcNow(), ct);
            claimable = await early.ClaimableAsync(c, ct);
        }
        var applied = 0;
        foreach (var (channelId, providerMessageId) in claimable)
        {
            IReadOnlyList<AppliedDeliveryReport> changes;
            await using (var c = await db.OpenAsync(ct))
            await using (var tx = await c.BeginTransactionAsync(ct))
            {
                changes = await reports.ApplyHeldAsync(c, tx, channelId, providerMessageId, ct);
                await tx.CommitAsync(ct);
            }
            await reports.PublishAsync(changes, ct);
            applied += changes.Count;
        }
        return applied;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await SweepAsync(stoppingToken) is var n and > 0) LogApplied(n);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} delivery reports that were held while their message was being recorded")]
    private partial void LogApplied(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying held delivery reports failed")]
    private partial void LogFailed(Exception ex);
}
