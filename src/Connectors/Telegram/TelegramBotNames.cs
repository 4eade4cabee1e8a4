using System.Collections.Concurrent;
using Inbox.Connectors.Abstractions;
using Telegram.Bot;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// A bot's @username, for t.me links (hand-off). Asked once per bot token with getMe and kept: a username changes only
/// through @BotFather, and a new token is a new key.
/// </summary>
public sealed class TelegramBotNames(TelegramBots bots)
{
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>The username, or null when the bot cannot be asked (no token, Telegram unreachable) or has none.</summary>
    public async Task<string?> UsernameAsync(ChannelContext channel, CancellationToken ct)
    {
        if (channel.Secret(TelegramBots.BotTokenSecret) is not { } token) return null;
        var key = IssuedSecrets.Hash(token);
        if (_names.TryGetValue(key, out var known)) return known;
        if (bots.For(channel, out _) is not { } bot) return null;
        try
        {
            var me = await bot.GetMe(ct);
            if (me.Username is not { Length: > 0 } username) return null;
            _names[key] = username;
            return username;
        }
        catch (Exception ex) when (ex is global::Telegram.Bot.Exceptions.RequestException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
