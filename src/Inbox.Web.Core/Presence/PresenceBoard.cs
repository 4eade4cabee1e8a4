using Inbox.Contracts;
using Inbox.Web.Api;
using Inbox.Web.Auth;
using Inbox.Web.Live;

namespace Inbox.Web.Presence;

/// <summary>
/// Agent statuses and who has which thread open, as the console shows them beside names and on list rows: read over
/// HTTP whenever the hub (re)connects, kept current by the hub's AgentStatusChanged and ViewersChanged calls.
/// </summary>
public sealed class PresenceBoard(InboxApiClient api, LiveEvents live, AuthState auth) : IDisposable
{
    private readonly Dictionary<long, AgentStatus> _statuses = [];
    private readonly Dictionary<long, IReadOnlyList<ConversationViewerDto>> _viewers = [];
    private (long UserId, AgentAvailability Availability)? _chosen;
    private bool _started;
    private LiveConnectionState _lastState;

    public event Action? Changed;

    /// <summary>The signed-in agent's own choice: what they picked here, else what was stored.</summary>
    public AgentAvailability MyAvailability =>
        _chosen is { } chosen && chosen.UserId == auth.User?.Id ? chosen.Availability : auth.User?.Availability ?? AgentAvailability.Online;

    public AgentStatus StatusOf(long userId) => _statuses.GetValueOrDefault(userId, AgentStatus.Offline);

    public IReadOnlyList<ConversationViewerDto> ViewersOf(long conversationId) => _viewers.GetValueOrDefault(conversationId) ?? [];

    /// <summary>Starts listening and reads the current state (once per session; again on every reconnect).</summary>
    public Task EnsureStartedAsync()
    {
        if (_started)
        {
            return Task.CompletedTask;
        }
        _started = true;
        live.AgentStatusChanged += OnStatusChanged;
        live.ViewersChanged += OnViewersChanged;
        live.ConnectionChanged += OnConnectionChanged;
        _lastState = live.ConnectionState;
        return LoadAsync();
    }

    public async Task SetAvailabilityAsync(AgentAvailability availability)
    {
        if (auth.User is not { } me)
        {
            return;
        }
        var status = await api.SetAvailabilityAsync(availability);
        _chosen = (me.Id, availability);
        _statuses[me.Id] = status.Status;
        Changed?.Invoke();
    }

    private async Task LoadAsync()
    {
        try
        {
            var statuses = await api.GetAgentStatusesAsync();
            var viewers = await api.GetConversationViewersAsync();
            _statuses.Clear();
            foreach (var status in statuses)
            {
                _statuses[status.UserId] = status.Status;
            }
            _viewers.Clear();
            foreach (var thread in viewers)
            {
                _viewers[thread.ConversationId] = thread.Viewers;
            }
            Changed?.Invoke();
        }
        catch (Exception ex) when (ex is HttpRequestException or ApiException)
        {
            // Live changes still arrive; the next reconnect reads the rest again.
        }
    }

    private void OnStatusChanged(AgentStatusDto status)
    {
        _statuses[status.UserId] = status.Status;
        Changed?.Invoke();
    }

    private void OnViewersChanged(ConversationViewersDto thread)
    {
        if (thread.Viewers.Count == 0)
        {
            _viewers.Remove(thread.ConversationId);
        }
        else
        {
            _viewers[thread.ConversationId] = thread.Viewers;
        }
        Changed?.Invoke();
    }

    /// <summary>Back after a drop: what changed meanwhile was not pushed to this console, so read it again.</summary>
    private void OnConnectionChanged()
    {
        var state = live.ConnectionState;
        if (state == LiveConnectionState.Connected && _lastState != LiveConnectionState.Connected)
        {
            _ = LoadAsync();
        }
        _lastState = state;
    }

    public void Dispose()
    {
        live.AgentStatusChanged -= OnStatusChanged;
        live.ViewersChanged -= OnViewersChanged;
        live.ConnectionChanged -= OnConnectionChanged;
    }
}
