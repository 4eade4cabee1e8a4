using System.Globalization;
using Inbox.Server.Data;
using Inbox.Server.Live;
using StackExchange.Redis;

namespace Inbox.Server.Hubs;

/// <summary>
/// <see cref="ILiveConnections"/> across nodes: a close (logout, rights change, revoked token) or a conversation's move
/// is published on Redis and every node, this one included, applies it to its own connections at once. The periodic
/// re-check (<see cref="LiveRecheck"/>) stays as the safety net for a message lost while Redis was unreachable.
/// </summary>
public sealed partial class ClusterLiveConnections(AgentConnections local, IConnectionMultiplexer redis, ILogger<ClusterLiveConnections> logger)
    : ILiveConnections, IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("inbox:live-connections");

    public void CloseUser(long userId) => Publish($"user|{userId}");

    public void CloseSession(string sessionId) => Publish($"session|{sessionId}");

    public void CloseToken(long tokenId) => Publish($"token|{tokenId}");

    public void AvailabilityChanged(long userId, Contracts.AgentAvailability availability) => Publish($"availability|{userId}|{availability.ToDb()}");

    public async Task ConversationMovedAsync(long conversationId, long? teamId, CancellationToken ct)
    {
        if (!await PublishAsync($"moved|{conversationId}|{teamId}")) await local.ConversationMovedAsync(conversationId, teamId, ct);
    }

    public async Task StartAsync(CancellationToken ct) =>
        await redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) => _ = ApplyAsync(message.ToString()));

    public async Task StopAsync(CancellationToken ct) => await redis.GetSubscriber().UnsubscribeAsync(Channel);

    private void Publish(string message) => _ = PublishOrApplyLocallyAsync(message);

    private async Task PublishOrApplyLocallyAsync(string message)
    {
        if (!await PublishAsync(message)) await ApplyAsync(message);
    }

    /// <summary>False when Redis could not take it: the change is then applied here, and other nodes catch it on their re-check.</summary>
    private async Task<bool> PublishAsync(string message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, message);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogPublishFailed(ex);
            return false;
        }
    }

    private async Task ApplyAsync(string message)
    {
        var parts = message.Split('|');
        try
        {
            switch (parts[0])
            {
                case "user": local.CloseUser(long.Parse(parts[1], CultureInfo.InvariantCulture)); break;
                case "session": local.CloseSession(parts[1]); break;
                case "token": local.CloseToken(long.Parse(parts[1], CultureInfo.InvariantCulture)); break;
                case "availability":
                    local.AvailabilityChanged(long.Parse(parts[1], CultureInfo.InvariantCulture), DbEnum.Parse<Contracts.AgentAvailability>(parts[2]));
                    break;
                case "moved":
                    await local.ConversationMovedAsync(long.Parse(parts[1], CultureInfo.InvariantCulture),
                        parts[2].Length == 0 ? null : long.Parse(parts[2], CultureInfo.InvariantCulture), CancellationToken.None);
                    break;
            }
        }
        catch (Exception ex)
        {
            LogApplyFailed(ex, parts[0]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a live-connection change on Redis; applied on this node only")]
    private partial void LogPublishFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not apply a live-connection change ({Kind}) from Redis")]
    private partial void LogApplyFailed(Exception ex, string kind);
}
