namespace Inbox.Connectors.Telegram;

/// <summary>
/// Telegram's advice for bots: about one message a second to one chat and about thirty a second in all. Each send
/// reserves the next free slot for its chat and its bot (a generic cell rate algorithm: a slot every interval, the bot's
/// allowing a burst), and waits for it. A wait longer than <see cref="MaxWait"/> is not reserved: the caller hands the
/// message back to the outbox to come again after it, so a busy chat never holds a sender for long.
/// </summary>
public sealed class TelegramSendLimiter(TimeProvider time)
{
    public static readonly TimeSpan PerChat = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan PerBot = TimeSpan.FromSeconds(1.0 / 30);
    public const int BotBurst = 30;
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private readonly Dictionary<(long Channel, long Chat), DateTimeOffset> _chats = [];
    private readonly Dictionary<long, DateTimeOffset> _bots = [];

    /// <summary>How long to wait before sending to <paramref name="chatId"/>; the slot is taken only when it is at most <see cref="MaxWait"/> away.</summary>
    public TimeSpan Reserve(long channelId, long chatId, out bool reserved)
    {
        var now = time.GetUtcNow();
        lock (_chats)
        {
            var chatNext = _chats.TryGetValue((channelId, chatId), out var c) && c > now ? c : now;
            var botTat = _bots.TryGetValue(channelId, out var b) && b > now ? b : now;
            var botNext = botTat - PerBot * (BotBurst - 1);
            var start = chatNext > botNext ? chatNext : botNext;
            if (start < now) start = now;
            var wait = start - now;
            reserved = wait <= MaxWait;
            if (!reserved) return wait;

            _chats[(channelId, chatId)] = start + PerChat;
            _bots[channelId] = (botTat > start ? botTat : start) + PerBot;
            if (_chats.Count > 10_000) Prune(now);
            return wait;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _chats.Where(e => e.Value <= now).Select(e => e.Key).ToList()) _chats.Remove(key);
    }
}
