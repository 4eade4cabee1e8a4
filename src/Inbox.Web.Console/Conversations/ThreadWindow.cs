namespace Inbox.Web.Conversations;

/// <summary>
/// Which stretch of the thread is in the DOM: at most <c>size</c> lines, either the newest ones (following what arrives)
/// or the ones ending at a given line (the agent scrolled back). It is held by a line's key, not an index, so older
/// pages arriving in front do not move it. The list slides it by <c>step</c> lines as the agent nears either end.
/// </summary>
public sealed class ThreadWindow(int size = ThreadWindow.DefaultSize, int step = ThreadWindow.DefaultStep)
{
    /// <summary>Some 3–8 screens of messages: enough to scroll without waiting, few enough to stay light at any length.</summary>
    public const int DefaultSize = 120;
    public const int DefaultStep = 40;

    private string? _endKey;

    public int Size => size;

    /// <summary>The window ends at the newest line and moves with what arrives.</summary>
    public bool FollowsNewest => _endKey is null;

    /// <summary>The lines in the DOM: [Start, End).</summary>
    public (int Start, int End) Range(ThreadTimeline timeline)
    {
        var end = _endKey is { } key && timeline.IndexOf(key) is >= 0 and var at ? at + 1 : timeline.Count;
        return (Math.Max(0, end - size), end);
    }

    /// <summary>Slides towards older lines; false when the oldest loaded line is already in (the server has the rest).</summary>
    public bool ShowOlder(ThreadTimeline timeline)
    {
        var (start, _) = Range(timeline);
        if (start == 0)
        {
            return false;
        }
        StartAt(timeline, Math.Max(0, start - step));
        return true;
    }

    /// <summary>Slides towards newer lines; false when it already follows the newest.</summary>
    public bool ShowNewer(ThreadTimeline timeline)
    {
        if (FollowsNewest)
        {
            return false;
        }
        StartAt(timeline, Range(timeline).Start + step);
        return true;
    }

    /// <summary>Puts the line in the middle of the window (a search hit), or at the newest end when it is near it.</summary>
    public bool Reveal(ThreadTimeline timeline, string key)
    {
        var at = timeline.IndexOf(key);
        if (at < 0)
        {
            return false;
        }
        StartAt(timeline, Math.Max(0, at - size / 2));
        return true;
    }

    public void FollowNewest() => _endKey = null;

    public bool Contains(ThreadTimeline timeline, string key)
    {
        var at = timeline.IndexOf(key);
        var (start, end) = Range(timeline);
        return at >= start && at < end;
    }

    private void StartAt(ThreadTimeline timeline, int start)
    {
        var end = start + size;
        _endKey = end >= timeline.Count ? null : timeline.Items[end - 1].Key;
    }
}
