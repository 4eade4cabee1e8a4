using System.Collections.Concurrent;
using Inbox.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Tests.Infrastructure;

/// <summary>Records what an agent's console would receive, and waits for a matching call.</summary>
public sealed class AgentLiveClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Method, long EventId, object Payload)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public AgentLiveClient(HubConnection connection)
    {
        Connection = connection;
        connection.Closed += _ => { _closed.TrySetResult(); return Task.CompletedTask; };
        connection.On<long, MessageDto>(nameof(IAgentClient.MessageReceived), (id, m) => Record(nameof(IAgentClient.MessageReceived), id, m));
        connection.On<long, MessageDto>(nameof(IAgentClient.MessageCreated), (id, m) => Record(nameof(IAgentClient.MessageCreated), id, m));
        connection.On<long, MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), (id, s) => Record(nameof(IAgentClient.MessageStatusChanged), id, s));
        connection.On<long, MessageDto>(nameof(IAgentClient.MessageEdited), (id, m) => Record(nameof(IAgentClient.MessageEdited), id, m));
        connection.On<long, ConversationDto>(nameof(IAgentClient.ConversationUpdated), (id, c) => Record(nameof(IAgentClient.ConversationUpdated), id, c));
        connection.On<TypingDto>(nameof(IAgentClient.Typing), t => Record(nameof(IAgentClient.Typing), 0, t));
        connection.On<long, ReservationDto>(nameof(IAgentClient.ReservationChanged), (id, r) => Record(nameof(IAgentClient.ReservationChanged), id, r));
        connection.On<NotificationDto>(nameof(IAgentClient.Notified), n => Record(nameof(IAgentClient.Notified), 0, n));
        connection.On<AgentStatusDto>(nameof(IAgentClient.AgentStatusChanged), s => Record(nameof(IAgentClient.AgentStatusChanged), 0, s));
        connection.On<ConversationViewersDto>(nameof(IAgentClient.ViewersChanged), v => Record(nameof(IAgentClient.ViewersChanged), 0, v));
    }

    public HubConnection Connection { get; }

    /// <summary>Completes when the server closes the connection (and it is not restarted by this client).</summary>
    public Task Closed => _closed.Task;

    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string Method, long EventId, object Payload)> Received => _received.ToList();

    /// <summary><paramref name="after"/>: skip the first calls received (e.g. <c>Received.Count</c> before an action).</summary>
    public async Task<T> WaitForAsync<T>(string method, Func<T, bool> match, TimeSpan? timeout = null, int after = 0)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var hit = _received.Skip(after).FirstOrDefault(r => r.Method == method && r.Payload is T t && match(t));
            if (hit.Payload is T found) return found;
            try { await _arrived.WaitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"No {method} matching arrived. Received: {string.Join(", ", _received.Select(r => r.Method))}");
            }
        }
    }

    private void Record(string method, long eventId, object payload)
    {
        _received.Enqueue((method, eventId, payload));
        _arrived.Release();
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
