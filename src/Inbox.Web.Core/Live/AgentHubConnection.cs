using Inbox.Contracts;
using Inbox.Web.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Web.Live;

/// <summary>
/// The SignalR connection to /hubs/agent. Hub calls are handed to <see cref="LiveEvents"/>; after every
/// (re)connect the events missed since the last one seen are fetched with GetEventsSince and replayed through
/// the same deduping path, and the open thread is re-joined.
/// </summary>
internal sealed class AgentHubConnection(NavigationManager navigation, LiveEvents live, HttpClient http, ILogger<AgentHubConnection> logger)
    : ILiveHub, IAsyncDisposable
{
    public const int ReplayPageSize = 200;
    public const int MaxReplayPages = 10;
    public const string HealthPath = "health/live";
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private HubConnection? _connection;
    private long? _joined;
    private bool _replying;
    private long _resumeFrom;
    private bool _stopping;
    private bool _resyncWhenConnected;
    private readonly SemaphoreSlim _startGate = new(1, 1);

    public async Task StartAsync()
    {
        await _startGate.WaitAsync();
        try
        {
            _stopping = false;
            _connection ??= Build();
            if (_connection.State != HubConnectionState.Disconnected)
            {
                return;
            }
            _resumeFrom = live.LastEventId;
            live.SetConnectionState(LiveConnectionState.Connecting);
            await _connection.StartAsync();
            live.SetConnectionState(LiveConnectionState.Connected);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TimeoutException)
        {
            logger.LogWarning(ex, "Agent hub connection failed; retrying.");
            live.SetConnectionState(LiveConnectionState.Reconnecting);
            _resyncWhenConnected = true;
            _ = RetryStartAsync();
            return;
        }
        finally
        {
            _startGate.Release();
        }
        await AfterConnectedAsync();
    }

    public async Task StopAsync()
    {
        _stopping = true;
        _joined = null;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
        live.SetConnectionState(LiveConnectionState.Disconnected);
    }

    public async Task JoinConversationAsync(long conversationId)
    {
        _joined = conversationId;
        _replying = false;
        await InvokeIfConnectedAsync(nameof(IAgentHub.JoinConversation), conversationId);
    }

    public async Task LeaveConversationAsync(long conversationId)
    {
        if (_joined == conversationId)
        {
            _joined = null;
        }
        await InvokeIfConnectedAsync(nameof(IAgentHub.LeaveConversation), conversationId);
    }

    public Task SendTypingAsync(long conversationId, bool isTyping) =>
        InvokeIfConnectedAsync(nameof(IAgentHub.Typing), conversationId, isTyping);

    public Task SendReplyingAsync(long conversationId, bool replying)
    {
        if (_joined == conversationId)
        {
            _replying = replying;
        }
        return InvokeIfConnectedAsync(nameof(IAgentHub.Replying), conversationId, replying);
    }

    public async Task<long?> GetLatestEventIdAsync()
    {
        if (_connection is not { State: HubConnectionState.Connected } connection)
        {
            return null;
        }
        try
        {
            return await connection.InvokeAsync<long>(nameof(IAgentHub.GetLatestEventId));
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException)
        {
            logger.LogWarning(ex, "Could not read the latest event id.");
            return null;
        }
    }

    public Task ReplaySinceAsync(long eventId) => ReplayAsync(eventId);

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        _startGate.Dispose();
    }

    private HubConnection Build()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(navigation.ToAbsoluteUri(Routes.AgentHub))
            .WithAutomaticReconnect(new LiveRetryPolicy())
            .AddJsonProtocol(o => ApiJson.Configure(o.PayloadSerializerOptions))
            .Build();

        connection.On<long, MessageDto>(nameof(IAgentClient.MessageReceived), live.OnMessageReceived);
        connection.On<long, MessageDto>(nameof(IAgentClient.MessageCreated), live.OnMessageCreated);
        connection.On<long, MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), live.OnMessageStatusChanged);
        connection.On<long, MessageDto>(nameof(IAgentClient.MessageEdited), live.OnMessageEdited);
        connection.On<long, ConversationDto>(nameof(IAgentClient.ConversationUpdated), live.OnConversationUpdated);
        connection.On<long, ConversationRemovedDto>(nameof(IAgentClient.ConversationRemoved), live.OnConversationRemoved);
        connection.On<TypingDto>(nameof(IAgentClient.Typing), live.OnTyping);
        connection.On<ConversationViewersDto>(nameof(IAgentClient.ViewersChanged), live.OnViewersChanged);
        connection.On<NotificationDto>(nameof(IAgentClient.Notified), live.OnNotified);
        connection.On<AgentStatusDto>(nameof(IAgentClient.AgentStatusChanged), live.OnAgentStatusChanged);
        connection.On<LiveVisitorDto>(nameof(IAgentVisitorClient.VisitorUpdated), live.OnVisitorUpdated);
        connection.On<string>(nameof(IAgentVisitorClient.VisitorLeft), live.OnVisitorLeft);
        connection.On<VisitorDraftDto>(nameof(IAgentVisitorClient.VisitorDraft), live.OnVisitorDraft);
        connection.On<long, ReservationDto>(nameof(IAgentClient.ReservationChanged), live.OnReservationChanged);

        connection.Reconnecting += _ =>
        {
            // Remember where we were before anything new can arrive on the next connection.
            _resumeFrom = live.LastEventId;
            live.SetConnectionState(LiveConnectionState.Reconnecting);
            return Task.CompletedTask;
        };
        connection.Reconnected += _ => CatchUpAsync();
        connection.Closed += async _ =>
        {
            if (_stopping)
            {
                return;
            }
            _resumeFrom = live.LastEventId;
            live.SetConnectionState(LiveConnectionState.Reconnecting);
            await RetryStartAsync();
        };
        return connection;
    }

    /// <summary>Automatic reconnect gave up (or the first start failed): probe the server's liveness every second, which
    /// costs one small GET, and start the hub as soon as it answers.</summary>
    private async Task RetryStartAsync()
    {
        while (!_stopping && _connection is { State: HubConnectionState.Disconnected } connection)
        {
            await Task.Delay(ProbeInterval);
            if (_stopping || !await ServerAnswersAsync())
            {
                continue;
            }
            try
            {
                await connection.StartAsync();
                await CatchUpAsync();
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TimeoutException)
            {
                logger.LogDebug(ex, "Agent hub still unreachable.");
            }
        }
    }

    private async Task<bool> ServerAnswersAsync()
    {
        try
        {
            using var response = await http.GetAsync(HealthPath);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Back after a drop: connected, but "catching up" until the missed events are replayed.</summary>
    private async Task CatchUpAsync()
    {
        live.SetCatchingUp(true);
        live.SetConnectionState(LiveConnectionState.Connected);
        try
        {
            await AfterConnectedAsync();
        }
        finally
        {
            live.SetCatchingUp(false);
        }
    }

    private async Task AfterConnectedAsync()
    {
        if (_joined is { } id)
        {
            await InvokeIfConnectedAsync(nameof(IAgentHub.JoinConversation), id);
            if (_replying)
            {
                // A new connection is a new viewer: say again that this agent is mid-reply.
                await InvokeIfConnectedAsync(nameof(IAgentHub.Replying), id, true);
            }
        }
        if (_resumeFrom > 0)
        {
            await ReplayAsync(_resumeFrom);
        }
        else if (_resyncWhenConnected)
        {
            // The first start failed, so the lists were loaded with no cursor: take one now, then reload them.
            _resyncWhenConnected = false;
            if (await GetLatestEventIdAsync() is { } latest)
            {
                live.AdvanceTo(latest);
            }
            live.RequestResync();
        }
    }

    /// <summary>Fetches what was missed in pages; if even that is not enough, asks the UI to reload.</summary>
    private async Task ReplayAsync(long since)
    {
        var connection = _connection;
        if (connection is null)
        {
            return;
        }
        try
        {
            for (var page = 0; page < MaxReplayPages; page++)
            {
                var events = await connection.InvokeAsync<IReadOnlyList<AgentEvent>>(
                    nameof(IAgentHub.GetEventsSince), since, ReplayPageSize);
                foreach (var e in events.OrderBy(e => e.EventId))
                {
                    live.Apply(e);
                    since = Math.Max(since, e.EventId);
                }
                if (events.Count < ReplayPageSize)
                {
                    return;
                }
            }
            live.RequestResync();
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException or System.Text.Json.JsonException)
        {
            logger.LogWarning(ex, "Replaying missed events failed; reloading instead.");
            live.RequestResync();
        }
    }

    private async Task InvokeIfConnectedAsync(string method, params object?[] args)
    {
        if (_connection is not { State: HubConnectionState.Connected } connection)
        {
            return;
        }
        try
        {
            await connection.SendCoreAsync(method, args);
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException)
        {
            logger.LogDebug(ex, "Hub call {Method} failed.", method);
        }
    }
}
