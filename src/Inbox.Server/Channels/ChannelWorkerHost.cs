using Inbox.Connectors.Abstractions;
using Inbox.Server.Data;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Channels;

/// <summary>
/// Runs one listener per enabled pull channel across all nodes sharing the database. Every
/// <see cref="ChannelWorkerOptions.RenewEvery"/> it renews the leases of the channels it works (stopping a listener whose
/// lease was lost, whose channel was disabled, or restarting it when its settings changed) and takes any channel whose
/// lease is free or expired. A listener that throws is restarted with exponential backoff and its error shown to admins.
/// On shutdown it stops its listeners and releases their leases, so another node takes over at once.
/// </summary>
public sealed partial class ChannelWorkerHost(
    ChannelStore channels,
    ChannelConnectors connectors,
    ChannelLeaseStore leases,
    ChannelCursorStore cursors,
    ChannelHealthStore health,
    ChannelInputWriter writer,
    NodeIdentity node,
    IOptions<ChannelWorkerOptions> options,
    TimeProvider time,
    ILogger<ChannelWorkerHost> logger) : BackgroundService
{
    private readonly Dictionary<long, Running> _running = [];

    /// <summary>Channels this node works now (for tests and diagnostics).</summary>
    public IReadOnlyCollection<long> Working
    {
        get { lock (_running) return [.. _running.Keys]; }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(ex);
                }
                await Task.Delay(options.Value.RenewEvery, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            List<Running> all;
            lock (_running) all = [.. _running.Values];
            await Task.WhenAll(all.Select(StopAsync));
        }
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        var wanted = (await channels.ListAsync(ct))
            .Where(c => c.Enabled && connectors.Listener(c.Type) is not null)
            .ToDictionary(c => c.Id);

        List<Running> mine;
        lock (_running) mine = [.. _running.Values];
        foreach (var running in mine)
        {
            var keep = wanted.TryGetValue(running.Channel.Id, out var now) && now.UpdatedAt == running.Channel.UpdatedAt
                && await leases.TryAcquireAsync(running.Channel.Id, node.Id, time.GetUtcNow(), options.Value.Lease, ct);
            // Releasing deletes only a lease this node still owns, so it is safe when another node took the channel.
            if (!keep) await StopAsync(running);
        }

        foreach (var channel in wanted.Values)
        {
            bool runs;
            lock (_running) runs = _running.ContainsKey(channel.Id);
            if (runs || !await leases.TryAcquireAsync(channel.Id, node.Id, time.GetUtcNow(), options.Value.Lease, ct)) continue;
            Start(channel);
        }
    }

    private void Start(Channel channel)
    {
        var stop = new CancellationTokenSource();
        var running = new Running(channel, stop);
        lock (_running) _running[channel.Id] = running;
        running.Task = Task.Run(() => ListenLoopAsync(channel, stop.Token));
        LogStarted(channel.Id, channel.Type);
    }

    private async Task StopAsync(Running running)
    {
        lock (_running) _running.Remove(running.Channel.Id);
        await running.Stop.CancelAsync();
        if (running.Task is { } task) await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        running.Stop.Dispose();
        try
        {
            await leases.ReleaseAsync(running.Channel.Id, node.Id, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(ex, running.Channel.Id);
        }
        LogStopped(running.Channel.Id);
    }

    private async Task ListenLoopAsync(Channel channel, CancellationToken ct)
    {
        var listener = connectors.Listener(channel.Type)!;
        var backoff = options.Value.FirstBackoff;
        var lastHealthy = DateTimeOffset.MinValue;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var sink = new ListenerSink(channel.Id, node.Id, await cursors.GetAsync(channel.Id, ct), writer, () =>
                {
                    backoff = options.Value.FirstBackoff;
                    var at = time.GetUtcNow();
                    if (at - lastHealthy < TimeSpan.FromSeconds(5)) return;
                    lastHealthy = at;
                    _ = RecordAsync(() => health.RecordSuccessAsync(channel.Id, node.Id, at, CancellationToken.None));
                });
                await listener.ListenAsync(channels.ContextOf(channel), sink, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (ChannelLeaseLostException)
            {
                // Another node works it now; the next sweep stops this one (its renewal fails).
                LogLeaseLost(channel.Id);
                return;
            }
            catch (Exception ex)
            {
                LogListenerFailed(ex, channel.Id, backoff);
                await RecordAsync(() => health.RecordErrorAsync(channel.Id, node.Id, ex.Message, time.GetUtcNow(), CancellationToken.None));
            }
            await Task.Delay(backoff, time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.Value.MaxBackoff.Ticks));
        }
    }

    private async Task RecordAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception ex)
        {
            LogHealthFailed(ex);
        }
    }

    private sealed class Running(Channel channel, CancellationTokenSource stop)
    {
        public Channel Channel { get; } = channel;
        public CancellationTokenSource Stop { get; } = stop;
        public Task? Task { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening to {ChannelType} channel {ChannelId} on this node")]
    private partial void LogStarted(long channelId, string channelType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped listening to channel {ChannelId}")]
    private partial void LogStopped(long channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ChannelId} is now worked by another node")]
    private partial void LogLeaseLost(long channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The listener of channel {ChannelId} failed; restarting in {Backoff}")]
    private partial void LogListenerFailed(Exception ex, long channelId, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for channels to listen to failed; trying again")]
    private partial void LogSweepFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the lease of channel {ChannelId}; it lapses on its own")]
    private partial void LogReleaseFailed(Exception ex, long channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a channel's health")]
    private partial void LogHealthFailed(Exception ex);
}
