using System.Text.Json;
using Inbox.Contracts;
using Inbox.Web.Api;

namespace Inbox.Web.Live;

/// <summary>
/// The console's single stream of live changes. Both hub calls and replayed <see cref="AgentEvent"/>s go through
/// here; each durable event is applied at most once (deduped by event id) and the highest id seen is kept so a
/// reconnect can ask the server for everything after it. Components subscribe to the typed events.
/// </summary>
public sealed class LiveEvents
{
    private const int RememberedIds = 4096;
    private readonly HashSet<long> _seen = [];
    private readonly Queue<long> _seenOrder = new();

    /// <summary>A message was received from a contact or created by an agent (reply or note).</summary>
    public event Action<MessageDto>? MessageArrived;

    public event Action<MessageStatusDto>? MessageStatusChanged;

    /// <summary>A customer edited a message already shown (not a new message: unread counts stay as they are).</summary>
    public event Action<MessageDto>? MessageEdited;

    public event Action<ConversationDto>? ConversationUpdated;

    /// <summary>A conversation left the inbox (e.g. merged into another thread).</summary>
    public event Action<ConversationRemovedDto>? ConversationRemoved;

    public event Action<TypingDto>? Typing;

    /// <summary>Ephemeral: who has a thread open and who is replying in it changed (the signed-in agent included).</summary>
    public event Action<ConversationViewersDto>? ViewersChanged;

    /// <summary>Ephemeral: a website visitor arrived, moved to another page or said who they are.</summary>
    public event Action<LiveVisitorDto>? VisitorUpdated;

    /// <summary>Ephemeral: a website visitor closed the site's last page with the widget.</summary>
    public event Action<string>? VisitorLeft;

    /// <summary>Ephemeral (sneak peek, when the channel opts in): what a visitor is typing before sending it.</summary>
    public event Action<VisitorDraftDto>? VisitorDraft;

    /// <summary>A reservation for pickup on a conversation was made, picked up, released or expired.</summary>
    public event Action<ReservationDto>? ReservationChanged;

    /// <summary>Something new in the signed-in agent's bell (not durable: the list is GET /api/notifications).</summary>
    public event Action<NotificationDto>? Notified;

    /// <summary>Ephemeral: an agent went online, away or offline.</summary>
    public event Action<AgentStatusDto>? AgentStatusChanged;

    /// <summary>Too much was missed to replay: lists and the open thread should reload.</summary>
    public event Action? ResyncRequired;

    public event Action? ConnectionChanged;

    public long LastEventId { get; private set; }

    public LiveConnectionState ConnectionState { get; private set; } = LiveConnectionState.Disconnected;

    /// <summary>Connected again and still replaying what was missed (the reconnect banner stays up until this ends).</summary>
    public bool CatchingUp { get; private set; }

    public void OnMessageReceived(long eventId, MessageDto message) => Durable(eventId, () => MessageArrived?.Invoke(message));

    public void OnMessageCreated(long eventId, MessageDto message) => Durable(eventId, () => MessageArrived?.Invoke(message));

    public void OnMessageEdited(long eventId, MessageDto message) => Durable(eventId, () => MessageEdited?.Invoke(message));

    public void OnMessageStatusChanged(long eventId, MessageStatusDto status) => Durable(eventId, () => MessageStatusChanged?.Invoke(status));

    public void OnConversationUpdated(long eventId, ConversationDto conversation) => Durable(eventId, () => ConversationUpdated?.Invoke(conversation));

    public void OnConversationRemoved(long eventId, ConversationRemovedDto removed) => Durable(eventId, () => ConversationRemoved?.Invoke(removed));

    public void OnTyping(TypingDto typing) => Typing?.Invoke(typing);

    public void OnViewersChanged(ConversationViewersDto viewers) => ViewersChanged?.Invoke(viewers);

    public void OnNotified(NotificationDto notification) => Notified?.Invoke(notification);

    public void OnAgentStatusChanged(AgentStatusDto status) => AgentStatusChanged?.Invoke(status);

    public void OnVisitorUpdated(LiveVisitorDto visitor) => VisitorUpdated?.Invoke(visitor);

    public void OnVisitorLeft(string visitorId) => VisitorLeft?.Invoke(visitorId);

    public void OnVisitorDraft(VisitorDraftDto draft) => VisitorDraft?.Invoke(draft);

    public void OnReservationChanged(long eventId, ReservationDto reservation) => Durable(eventId, () => ReservationChanged?.Invoke(reservation));

    /// <summary>Applies one replayed event; unknown types are skipped (but still advance the cursor).</summary>
    public void Apply(AgentEvent e)
    {
        switch (e.Type)
        {
            case AgentEventTypes.MessageReceived:
                OnMessageReceived(e.EventId, Read<MessageDto>(e.Payload));
                break;
            case AgentEventTypes.MessageCreated:
                OnMessageCreated(e.EventId, Read<MessageDto>(e.Payload));
                break;
            case AgentEventTypes.MessageEdited:
                OnMessageEdited(e.EventId, Read<MessageDto>(e.Payload));
                break;
            case AgentEventTypes.MessageStatusChanged:
                OnMessageStatusChanged(e.EventId, Read<MessageStatusDto>(e.Payload));
                break;
            case AgentEventTypes.ConversationUpdated:
                OnConversationUpdated(e.EventId, Read<ConversationDto>(e.Payload));
                break;
            case AgentEventTypes.ConversationRemoved:
                OnConversationRemoved(e.EventId, Read<ConversationRemovedDto>(e.Payload));
                break;
            case AgentEventTypes.ReservationChanged:
                OnReservationChanged(e.EventId, Read<ReservationDto>(e.Payload));
                break;
            default:
                Durable(e.EventId, () => { });
                break;
        }
    }

    /// <summary>
    /// Moves the resume cursor to a server-reported event id without applying anything: what is loaded over HTTP
    /// afterwards already reflects it, and a reconnect replays from here.
    /// </summary>
    public void AdvanceTo(long eventId) => LastEventId = Math.Max(LastEventId, eventId);

    public void RequestResync() => ResyncRequired?.Invoke();

    public void SetConnectionState(LiveConnectionState state)
    {
        if (state == ConnectionState)
        {
            return;
        }
        ConnectionState = state;
        ConnectionChanged?.Invoke();
    }

    public void SetCatchingUp(bool catchingUp)
    {
        if (catchingUp == CatchingUp)
        {
            return;
        }
        CatchingUp = catchingUp;
        ConnectionChanged?.Invoke();
    }

    /// <summary>Forgets everything (on logout): the next user starts from scratch.</summary>
    public void Reset()
    {
        _seen.Clear();
        _seenOrder.Clear();
        LastEventId = 0;
        CatchingUp = false;
    }

    private void Durable(long eventId, Action raise)
    {
        if (eventId > 0)
        {
            if (!_seen.Add(eventId))
            {
                return;
            }
            _seenOrder.Enqueue(eventId);
            if (_seenOrder.Count > RememberedIds)
            {
                _seen.Remove(_seenOrder.Dequeue());
            }
            if (eventId < LastEventId - RememberedIds)
            {
                return; // older than anything we still remember: already applied long ago.
            }
            LastEventId = Math.Max(LastEventId, eventId);
        }
        raise();
    }

    private static T Read<T>(JsonElement payload) =>
        payload.Deserialize<T>(ApiJson.Options) ?? throw new JsonException($"Empty {typeof(T).Name} payload.");
}
