using Microsoft.Extensions.Options;

namespace Inbox.Server.Data;

/// <summary>
/// Tells the other nodes this process is alive. The first beat is written before later hosted services (the outbox
/// sender) start claiming work; on a clean stop the row is removed after they handed their claims back.
/// </summary>
public sealed partial class NodeHeartbeat(NodeHeartbeatStore store, NodeIdentity node, IOptions<NodeOptions> options, TimeProvider time,
    ILogger<NodeHeartbeat> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await store.PruneAsync(now - TimeSpan.FromDays(1), cancellationToken);
        await store.BeatAsync(node.Id, now, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await store.BeatAsync(node.Id, time.GetUtcNow(), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogBeatFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await store.RemoveAsync(node.Id, cancellationToken);
        }
        catch (Exception ex)
        {
            LogBeatFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing this node's heartbeat failed")]
    private partial void LogBeatFailed(Exception ex);
}
