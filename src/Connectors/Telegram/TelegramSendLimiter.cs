namespace Inbox.Connectors.Telegram;

/// <summary>
/// Telegram's advice for bots: about one message a second to one chat and about thirty a second in all. Each send reserves
/// the first slot that is at least <see cref="PerChat"/> after the chat's last one and leaves fewer than
/// <see cref="PerBotPerSecond"/> of the bot's sends in the second before it, then waits for it. A wait longer than
/// <see cref="MaxWait"/> is not reserved: the caller hands the message back to the outbox to come again after it, so a
/// busy chat never holds a sender for long.
/// </summary>
public sealed class TelegramSendLimiter(TimeProvider time)
{
    public static readonly TimeSpan PerChat = TimeSpan.FromSeconds(1);
    public const int PerBotPerSecond = 30;
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<(long Channel, long Chat), DateTimeOffset> _chats = [];
    private readonly Dictionary<long, List<DateTimeOffset>> _bots = [];

    /// <summary>How long to wait before sending to <paramref name="chatId"/>; the slot is taken only when it is at most <see cref="MaxWait"/> away.</summary>
    public TimeSpan Reserve(long channelId, long chatId, out bool reserved)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var start = _chats.TryGetValue((channelId, chatId), out var next) && next > now ? next : now;
            if (!_bots.TryGetValue(channelId, out var sends)) _bots[channelId] = sends = [];
            sends.RemoveAll(at => at <= now - Second);
            while (true)
            {
                var window = sends.Where(at => at > start - Second && at <= start).ToList();
                if (window.Count < PerBotPerSecond) break;
                start = window[window.Count - PerBotPerSecond] + Second;
            }
            var wait = start - now;
            reserved = wait <= MaxWait;
            if (!reserved) return wait;

            _chats[(channelId, chatId)] = start + PerChat;
            var index = sends.FindLastIndex(at => at <= start) + 1;
            sends.Insert(index, start);
            if (_chats.Count > 10_000) Prune(now);
            return wait;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _chats.Where(e => e.Value <= now).Select(e => e.Key).ToList()) _chats.Remove(key);
    }
}
