using Inbox.Contracts;

namespace Inbox.Web.Conversations;

/// <summary>One line of the thread as shown: a message, an activity line, or the day the lines below it were on.</summary>
public sealed record ThreadItem(string Key, MessageDto? Message = null, ActivityDto? Activity = null, DateOnly? Day = null);

/// <summary>
/// The loaded thread as one ordered list of lines, oldest first: messages, activity lines between them in time order, and
/// a day line before the first line of each (local) day. Keys are stable across rebuilds so the list can keep its elements.
/// </summary>
public sealed class ThreadTimeline
{
    private readonly List<ThreadItem> _items;
    private readonly Dictionary<string, int> _index;
    private readonly int[] _dayLine;

    private ThreadTimeline(List<ThreadItem> items)
    {
        _items = items;
        _index = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        _dayLine = new int[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            _index[items[i].Key] = i;
            _dayLine[i] = items[i].Day is not null || i == 0 ? i : _dayLine[i - 1];
        }
    }

    public static ThreadTimeline Empty { get; } = new([]);

    public IReadOnlyList<ThreadItem> Items => _items;

    public int Count => _items.Count;

    /// <summary>Where the line with this key is, or -1.</summary>
    public int IndexOf(string key) => _index.GetValueOrDefault(key, -1);

    /// <summary>The day line the line at <paramref name="index"/> is under (itself when it is one).</summary>
    public ThreadItem DayLineOf(int index) => _items[_dayLine[index]];

    public static string MessageKey(long messageId) => "m" + messageId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Activity lines older than the oldest loaded message wait for it while older messages are still to come.</summary>
    public static ThreadTimeline Build(IReadOnlyList<MessageDto> messages, IReadOnlyList<ActivityDto> activity, bool hasOlder, TimeZoneInfo zone)
    {
        var from = hasOlder && messages.Count > 0 ? messages[0].CreatedAt : DateTimeOffset.MinValue;
        var items = new List<ThreadItem>(messages.Count + activity.Count + 16);
        DateOnly? day = null;
        void Add(DateTimeOffset at, ThreadItem item)
        {
            var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
            if (local != day)
            {
                day = local;
                items.Add(new ThreadItem("d" + local.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), Day: local));
            }
            items.Add(item);
        }
        var next = 0;
        while (next < activity.Count && activity[next].At < from) next++;
        foreach (var message in messages)
        {
            for (; next < activity.Count && activity[next].At < message.CreatedAt; next++) Add(activity[next].At, ActivityItem(activity[next]));
            Add(message.CreatedAt, new ThreadItem(MessageKey(message.Id), Message: message));
        }
        for (; next < activity.Count; next++) Add(activity[next].At, ActivityItem(activity[next]));
        return new ThreadTimeline(items);
    }

    private static ThreadItem ActivityItem(ActivityDto activity) =>
        new("a" + activity.EventId.ToString(System.Globalization.CultureInfo.InvariantCulture), Activity: activity);
}
