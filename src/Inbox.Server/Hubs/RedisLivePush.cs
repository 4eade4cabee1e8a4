using System.Text.Json;
using StackExchange.Redis;

namespace Inbox.Server.Hubs;

/// <summary>
/// Several nodes: each push is published on one Redis channel (fire and forget: the writer never waits) and every node,
/// this one included, hands it to its own connections' queues (<see cref="AgentHubLifetimeManager"/>), so a slow
/// client on any node is dropped rather than slowing others. One ordered subscription per node keeps publish order.
/// The arguments travel as JSON and reach clients as the same JSON.
/// </summary>
public sealed partial class RedisLivePush(AgentHubLifetimeManager hub, IConnectionMultiplexer redis, ILogger<RedisLivePush> logger) : ILivePush, IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("inbox:live-push");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private ChannelMessageQueue? _queue;

    public void Push(IReadOnlyList<string> groups, string method, object?[] args, string? exceptConnectionId = null)
    {
        var message = JsonSerializer.Serialize(new Envelope(groups, method, args, exceptConnectionId), Json);
        try
        {
            redis.GetSubscriber().Publish(Channel, message, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            // Stored and replayable: clients that missed it catch up with GetEventsSince.
            LogPublishFailed(ex);
        }
    }

    public async Task StartAsync(CancellationToken ct)
    {
        _queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        _queue.OnMessage(message =>
        {
            try
            {
                var e = JsonSerializer.Deserialize<Received>(message.Message.ToString(), Json)!;
                hub.Push(e.Groups, e.Method, [.. e.Args.Select(a => (object?)a)], e.Except);
            }
            catch (JsonException ex)
            {
                LogUnreadable(ex);
            }
        });
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_queue is not null) await _queue.UnsubscribeAsync();
    }

    private sealed record Envelope(IReadOnlyList<string> Groups, string Method, object?[] Args, string? Except);

    private sealed record Received(string[] Groups, string Method, JsonElement[] Args, string? Except);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a live push on Redis; clients will replay it")]
    private partial void LogPublishFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped an unreadable live push from Redis")]
    private partial void LogUnreadable(Exception ex);
}
