using Inbox.Contracts;

namespace Inbox.Web.Conversations;

/// <summary>
/// The loaded conversation rows, newest activity first. Live updates are merged in: a row that still
/// matches the filter is replaced (and re-sorted), one that no longer matches leaves, a new match joins.
/// </summary>
public sealed class ConversationListModel
{
    private readonly List<ConversationDto> _items = [];

    public IReadOnlyList<ConversationDto> Items => _items;

    public string? NextCursor { get; private set; }

    public bool HasMore => NextCursor is not null;

    /// <summary>Most urgent first, then newest (the server's sort=priority); else newest first.</summary>
    public bool ByPriority { get; set; }

    public void Reset(ConversationPage page)
    {
        _items.Clear();
        NextCursor = null;
        Append(page);
    }

    public void Append(ConversationPage page)
    {
        foreach (var item in page.Items)
        {
            var index = _items.FindIndex(c => c.Id == item.Id);
            if (index >= 0)
            {
                _items[index] = item;
            }
            else
            {
                _items.Add(item);
            }
        }
        NextCursor = page.NextCursor;
        Sort();
    }

    public bool Contains(long id) => _items.Exists(c => c.Id == id);

    /// <summary>Merges a changed conversation; returns true when the list changed.</summary>
    public bool Apply(ConversationDto conversation, ConversationFilter filter, long? currentUserId)
    {
        var index = _items.FindIndex(c => c.Id == conversation.Id);
        var matches = filter.Matches(conversation, currentUserId);
        if (index >= 0)
        {
            if (!matches)
            {
                _items.RemoveAt(index);
                return true;
            }
            if (conversation.LastActivityAt < _items[index].LastActivityAt && conversation.UnreadCount == _items[index].UnreadCount
                && conversation.Status == _items[index].Status && conversation.AssigneeId == _items[index].AssigneeId
                && conversation.Priority == _items[index].Priority && conversation.LabelIds.SequenceEqual(_items[index].LabelIds))
            {
                return false; // an older snapshot arriving late (e.g. during replay)
            }
            _items[index] = conversation;
        }
        else if (matches && BelongsInLoadedRange(conversation) && filter.View != AssigneeView.Mentions)
        {
            _items.Add(conversation);
        }
        else
        {
            return false;
        }
        Sort();
        return true;
    }

    /// <summary>Drops a row (the conversation was removed, e.g. merged); returns true when it was listed.</summary>
    public bool Remove(long id) => _items.RemoveAll(c => c.Id == id) > 0;

    /// <summary>Shows a new message's preview and time before the server's conversation update arrives.</summary>
    public bool ApplyMessage(MessageDto message)
    {
        var index = _items.FindIndex(c => c.Id == message.ConversationId);
        if (index < 0 || message.CreatedAt < _items[index].LastActivityAt)
        {
            return false;
        }
        _items[index] = _items[index] with
        {
            LastActivityAt = message.CreatedAt,
            LastMessagePreview = message.IsPrivate ? _items[index].LastMessagePreview : message.Text,
        };
        Sort();
        return true;
    }

    /// <summary>A row newer than the last loaded one belongs; older ones will come with "load more".</summary>
    private bool BelongsInLoadedRange(ConversationDto conversation) =>
        !HasMore || _items.Count == 0 || Compare(conversation, _items[^1]) <= 0;

    private void Sort() => _items.Sort(Compare);

    private int Compare(ConversationDto a, ConversationDto b)
    {
        var byPriority = ByPriority ? b.Priority.CompareTo(a.Priority) : 0;
        if (byPriority != 0)
        {
            return byPriority;
        }
        var byTime = b.LastActivityAt.CompareTo(a.LastActivityAt);
        return byTime != 0 ? byTime : b.Id.CompareTo(a.Id);
    }
}
