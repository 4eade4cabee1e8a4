using System.Text.Json;
using Inbox.Contracts;
using Inbox.Server.Data;
using Inbox.Server.Hubs;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Inbox.Server.Presence;

/// <summary>
/// Several nodes: each node reports on Redis who is connected to it (with their Online/Away choice) and who has which
/// thread open, whenever that changes and every <see cref="LiveOptions.PresenceInterval"/>. Each report replaces the
/// sender's previous one; a node not heard from for three intervals is forgotten (it died), and a node that stops says
/// so. A node hearing a new node answers at once with its own report, so a new node learns everything quickly.
/// </summary>
public sealed partial class ClusterPresence(AgentPresence agents, ConversationViewers viewers, NodeIdentity node, IConnectionMultiplexer redis,
    IOptions<LiveOptions> options, TimeProvider time, ILogger<ClusterPresence> logger) : BackgroundService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("inbox:presence");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly Dictionary<string, DateTimeOffset> _heard = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private ChannelMessageQueue? _queue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PresenceInterval;
        agents.LocalChanged += Signal;
        viewers.LocalChanged += Signal;
        try
        {
            _queue = await redis.GetSubscriber().SubscribeAsync(Channel);
            _queue.OnMessage(message =>
            {
                // A report that cannot be applied must not stop the ones after it.
                try { Receive(message.Message.ToString()); }
                catch (Exception ex) { LogApplyFailed(ex); }
            });
            while (!stoppingToken.IsCancellationRequested)
            {
                await PublishAsync(new Report(node.Id, agents.LocalAgents(), viewers.LocalThreads(), false));
                ExpireSilentNodes(interval * 3);
                try
                {
                    await _changed.WaitAsync(interval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnavailable(ex);
        }
        finally
        {
            agents.LocalChanged -= Signal;
            viewers.LocalChanged -= Signal;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await PublishAsync(new Report(node.Id, new Dictionary<long, AgentAvailability>(), [], true));
        if (_queue is not null) await _queue.UnsubscribeAsync();
    }

    private void Signal()
    {
        if (_changed.CurrentCount == 0)
        {
            try { _changed.Release(); }
            catch (SemaphoreFullException) { } // another change signalled first: one report covers both
        }
    }

    private async Task PublishAsync(Report report)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(report, Json));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogPublishFailed(ex);
        }
    }

    private void Receive(string message)
    {
        Report report;
        try
        {
            report = JsonSerializer.Deserialize<Report>(message, Json)!;
        }
        catch (JsonException ex)
        {
            LogUnreadable(ex);
            return;
        }
        if (report.Node == node.Id) return;
        bool isNew;
        lock (_gate)
        {
            isNew = !_heard.ContainsKey(report.Node);
            if (report.Gone) _heard.Remove(report.Node);
            else _heard[report.Node] = time.GetUtcNow();
        }
        if (report.Gone)
        {
            Forget(report.Node);
            return;
        }
        agents.ApplyRemote(report.Node, report.Agents);
        viewers.ApplyRemote(report.Node, report.Threads);
        if (isNew) Signal();
    }

    private void ExpireSilentNodes(TimeSpan after)
    {
        List<string> silent;
        lock (_gate)
        {
            var cutoff = time.GetUtcNow() - after;
            silent = _heard.Where(h => h.Value < cutoff).Select(h => h.Key).ToList();
            foreach (var gone in silent) _heard.Remove(gone);
        }
        foreach (var gone in silent) Forget(gone);
    }

    private void Forget(string gone)
    {
        agents.ForgetNode(gone);
        viewers.ForgetNode(gone);
    }

    private sealed record Report(string Node, IReadOnlyDictionary<long, AgentAvailability> Agents, IReadOnlyList<NodeThread> Threads, bool Gone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish this node's presence on Redis; other nodes see it on the next try")]
    private partial void LogPublishFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped an unreadable presence report from Redis")]
    private partial void LogUnreadable(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not apply another node's presence report")]
    private partial void LogApplyFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Presence is not shared with other nodes: Redis could not be subscribed")]
    private partial void LogUnavailable(Exception ex);
}
