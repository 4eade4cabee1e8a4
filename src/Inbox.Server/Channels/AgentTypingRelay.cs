using System.Collections.Concurrent;
using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Server.Data;

namespace Inbox.Server.Channels;

/// <summary>
/// Shows the customer that an agent is typing, on the channel and address the thread last heard from, for channel types
/// that can (<see cref="ChannelCapabilities.TypingIndicator"/>, <see cref="IChannelConnector.SendTypingAsync"/>). At most
/// once per <see cref="Interval"/> per conversation (Telegram's "typing…" lasts about five seconds), and never on the
/// agent's path: the hub call returns at once, a failure is only logged.
/// </summary>
public sealed partial class AgentTypingRelay(IDbConnectionFactory db, ChannelCache channels, ChannelConnectors connectors, TimeProvider time,
    ILogger<AgentTypingRelay> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan SendWithin = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastSent = new();

    public void AgentTyping(long conversationId)
    {
        var now = time.GetUtcNow();
        if (_lastSent.TryGetValue(conversationId, out var last) && now - last < Interval) return;
        _lastSent[conversationId] = now;
        if (_lastSent.Count > 10_000)
            foreach (var old in _lastSent.Where(e => now - e.Value > Interval).Select(e => e.Key).ToList()) _lastSent.TryRemove(old, out _);
        _ = Task.Run(() => RelayAsync(conversationId));
    }

    private async Task RelayAsync(long conversationId)
    {
        try
        {
            using var budget = new CancellationTokenSource(SendWithin);
            TypingTarget? target;
            await using (var c = await db.OpenAsync(budget.Token))
                target = await c.QuerySingleOrDefaultAsync<TypingTarget>(new CommandDefinition("""
                    SELECT i.kind, i.address, c.last_channel_id AS channel_id
                    FROM conversations c JOIN contact_identities i ON i.id = c.last_inbound_identity_id
                    WHERE c.id = @Id AND c.last_channel_id IS NOT NULL
                    """, new { Id = conversationId }, cancellationToken: budget.Token));
            if (target is null || await channels.GetWithContextAsync(target.ChannelId, budget.Token) is not { Channel.Enabled: true } found) return;
            if (connectors.Connector(found.Channel.Type) is not { } connector || !connector.Capabilities.HasFlag(ChannelCapabilities.TypingIndicator)) return;
            await connector.SendTypingAsync(found.Context, new ChannelAddress(DbEnum.Parse<Inbox.Contracts.IdentityKind>(target.Kind), target.Address), budget.Token);
        }
        catch (Exception ex)
        {
            LogFailed(ex, conversationId);
        }
    }

    private sealed class TypingTarget
    {
        public string Kind { get; set; } = "";
        public string Address { get; set; } = "";
        public long ChannelId { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not show the customer of conversation {ConversationId} that an agent is typing")]
    private partial void LogFailed(Exception ex, long conversationId);
}
