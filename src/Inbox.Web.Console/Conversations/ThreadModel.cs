using Inbox.Contracts;

namespace Inbox.Web.Conversations;

/// <summary>
/// One conversation's loaded messages, oldest → newest, deduped by message id. Delivery statuses only move
/// forward (except a retried failed reply); a status that arrives before its message (the live event beat the POST answer) is held until it does.
/// </summary>
public sealed class ThreadModel(long conversationId)
{
    private readonly List<MessageDto> _messages = [];
    private readonly HashSet<long> _ids = [];
    private readonly Dictionary<long, MessageStatusDto> _early = [];

    public long ConversationId { get; } = conversationId;

    public IReadOnlyList<MessageDto> Messages => _messages;

    /// <summary>Cursor to older messages; null when the beginning is loaded.</summary>
    public string? OlderCursor { get; private set; }

    public bool HasOlder => OlderCursor is not null;

    /// <summary>Bumped by every change, so the view rebuilds its timeline only when something changed.</summary>
    public int Version { get; private set; }

    public void Reset(MessagePage page)
    {
        _messages.Clear();
        _ids.Clear();
        OlderCursor = null;
        AddOlder(page);
    }

    public void AddOlder(MessagePage page)
    {
        // A page older than everything loaded (the usual case) goes in front in one move: a 10,000-message thread
        // loads 200 a page, and one search at a time per message would be quadratic.
        var fresh = page.Items.Where(m => m.ConversationId == ConversationId && !_ids.Contains(m.Id) && !_early.ContainsKey(m.Id)).ToList();
        fresh.Sort(Compare);
        if (fresh.Count == page.Items.Count && (_messages.Count == 0 || fresh.Count == 0 || Compare(fresh[^1], _messages[0]) <= 0))
        {
            _messages.InsertRange(0, fresh);
            _ids.UnionWith(fresh.Select(m => m.Id));
            Version++;
        }
        else
        {
            foreach (var message in page.Items)
            {
                Upsert(message);
            }
        }
        OlderCursor = page.NextCursor;
    }

    /// <summary>Adds or replaces a message of this conversation; returns true when something changed.</summary>
    public bool Upsert(MessageDto message)
    {
        if (message.ConversationId != ConversationId)
        {
            return false;
        }
        if (_early.Remove(message.Id, out var early))
        {
            message = WithStatus(message, early);
        }
        Version++;
        if (_ids.Contains(message.Id))
        {
            var index = _messages.FindIndex(m => m.Id == message.Id);
            var existing = _messages[index];
            _messages[index] = Supersedes(existing.Status, message.Status)
                ? message
                : message with { Status = existing.Status, Error = existing.Error, ErrorCode = existing.ErrorCode };
            return true;
        }
        _ids.Add(message.Id);
        if (_messages.Count == 0 || Compare(_messages[^1], message) <= 0)
        {
            _messages.Add(message); // the usual live case: newest
            return true;
        }
        var at = _messages.FindLastIndex(m => Compare(m, message) <= 0);
        _messages.Insert(at + 1, message);
        return true;
    }

    public bool ApplyStatus(MessageStatusDto status)
    {
        if (status.ConversationId != ConversationId)
        {
            return false;
        }
        var index = _ids.Contains(status.MessageId) ? _messages.FindLastIndex(m => m.Id == status.MessageId) : -1;
        if (index < 0)
        {
            _early[status.MessageId] = status;
            return false;
        }
        var updated = WithStatus(_messages[index], status);
        if (ReferenceEquals(updated, _messages[index]))
        {
            return false;
        }
        _messages[index] = updated;
        Version++;
        return true;
    }

    /// <summary>The contact's last inbound message: its identity is the default "reply on" address.</summary>
    public MessageDto? LastInbound => _messages.LastOrDefault(m => m.Direction == MessageDirection.Inbound);

    private static MessageDto WithStatus(MessageDto message, MessageStatusDto status) =>
        Supersedes(message.Status, status.Status) && (status.Status != message.Status || status.Error != message.Error)
            ? message with { Status = status.Status, Error = status.Error, ErrorCode = status.ErrorCode }
            : message;

    /// <summary>Statuses move forward only; the one way back is an agent's retry of a failed reply (failed → queued).</summary>
    public static bool Supersedes(MessageStatus? current, MessageStatus? next) =>
        Rank(next) >= Rank(current) || (current == MessageStatus.Failed && next == MessageStatus.Queued);

    /// <summary>Forward order of outbound delivery; Failed is last.</summary>
    public static int Rank(MessageStatus? status) => status switch
    {
        null => 0,
        MessageStatus.Received => 1,
        MessageStatus.Queued => 1,
        MessageStatus.Sent => 2,
        MessageStatus.Delivered => 3,
        MessageStatus.Read => 4,
        MessageStatus.Failed => 5,
        _ => 0,
    };

    private static int Compare(MessageDto a, MessageDto b)
    {
        var byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        return byTime != 0 ? byTime : a.Id.CompareTo(b.Id);
    }
}
