using System.Collections.Concurrent;
using System.Globalization;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// A Telegram bot as a channel. Replies go out as plain text (no parse mode, so nothing a customer or agent types can be
/// read as markup), pictures by sendPhoto and other files by sendDocument, paced by <see cref="TelegramSendLimiter"/>.
/// Telegram's answers decide the outcome: 429 comes back after its retry_after, 403 (the user blocked the bot) and 400
/// fail with Telegram's description, 5xx and network failures are retried.
/// </summary>
public sealed class TelegramConnector(TelegramBots bots, TelegramSendLimiter limiter, TimeProvider time) : IChannelConnector
{
    public const int MaxTextLength = 4096;
    public const int MaxCaptionLength = 1024;

    /// <summary>sendPhoto takes pictures of up to 10 MB; larger ones, and other files, go as documents (up to 50 MB).</summary>
    public const long MaxPhotoBytes = 10 * 1024 * 1024;

    private static readonly HashSet<string> PhotoTypes = new(StringComparer.OrdinalIgnoreCase) { "image/jpeg", "image/png", "image/webp", "image/gif" };

    /// <summary>Parts of a reply (attachments, text chunks) already accepted by Telegram, by idempotency key, so a retry
    /// after a later part failed does not send the earlier ones again (within this process).</summary>
    private readonly ConcurrentDictionary<string, (int Parts, int LastMessageId)> _progress = new(StringComparer.Ordinal);

    public string ChannelType => ChannelTypes.Telegram;

    public LocalizedText DisplayName { get; } = new("Telegram bot", "Bot de Telegram");

    public ChannelCapabilities Capabilities => ChannelCapabilities.Text | ChannelCapabilities.Attachments | ChannelCapabilities.TypingIndicator;

    public ChannelSettingsSchema Schema { get; } = new([
        new(TelegramBots.BotTokenSecret, SettingKind.Secret, new("Bot token", "Token del bot"))
        {
            Required = true,
            Help = new("From @BotFather, like 123456:ABC-DEF…", "De @BotFather, como 123456:ABC-DEF…"),
        },
        new(TelegramBots.WebhookSecretToken, SettingKind.Secret, new("Webhook secret token", "Token secreto del webhook"))
        {
            Generated = true,
            Help = new("Telegram sends it with every webhook call. Leave empty to have one generated.",
                "Telegram lo envía en cada llamada al webhook. Déjalo vacío para generar uno."),
        },
        new(TelegramBots.ApiBaseUrlSetting, SettingKind.Url, new("Bot API server (optional)", "Servidor de la Bot API (opcional)"))
        {
            Help = new("Only for a local Bot API server, such as http://localhost:8081. Empty: Telegram's own.",
                "Solo para un servidor local de la Bot API, como http://localhost:8081. Vacío: el de Telegram."),
        },
    ]);

    public long MaxAttachmentBytes => TelegramUpdateMapper.MaxDownloadBytes;

    public bool CanReach(IdentityKind kind) => kind == IdentityKind.Telegram;

    public async Task<SendResult> SendAsync(ChannelContext channel, OutboundMessage message, CancellationToken ct)
    {
        if (message.To.Kind != IdentityKind.Telegram || !long.TryParse(message.To.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
            return SendResult.Rejected("A Telegram bot can only answer a Telegram chat.");
        if (bots.For(channel, out var problem) is not { } bot) return SendResult.Rejected(problem);

        var parts = Parts(message);
        var (done, lastId) = _progress.TryGetValue(message.IdempotencyKey, out var p) ? p : (0, 0);
        try
        {
            for (var i = done; i < parts.Count; i++)
            {
                var wait = limiter.Reserve(channel.ChannelId, chatId, out var reserved);
                if (!reserved) return SendResult.RetryLater("Pacing replies to this chat (Telegram allows about one a second).", wait);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
                lastId = (await SendPartAsync(bot, chatId, parts[i], ct)).Id;
                _progress[message.IdempotencyKey] = (i + 1, lastId);
            }
        }
        catch (ApiRequestException ex)
        {
            if (ex.ErrorCode is 429 or >= 500 || ex.ErrorCode == 0) return Retry(ex);
            _progress.TryRemove(message.IdempotencyKey, out _);
            return ex.ErrorCode switch
            {
                403 => SendResult.Unreachable($"Telegram refused the message: {ex.Message} (the customer blocked the bot or never started it)."),
                401 or 404 => SendResult.Rejected("Telegram refused the bot token: check it in the channel's settings."),
                _ => SendResult.Rejected($"Telegram refused the message: {ex.Message}"),
            };
        }
        catch (RequestException ex)
        {
            return SendResult.RetryLater($"Telegram could not be reached: {ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.RetryLater("Telegram did not answer in time.");
        }
        _progress.TryRemove(message.IdempotencyKey, out _);
        return SendResult.Sent(TelegramUpdateMapper.ProviderId(chatId, lastId));
    }

    private static SendResult Retry(ApiRequestException ex) =>
        ex.Parameters?.RetryAfter is { } seconds and > 0
            ? SendResult.RetryLater($"Telegram asked to wait: {ex.Message}", TimeSpan.FromSeconds(seconds))
            : SendResult.RetryLater($"Telegram failed: {ex.Message}");

    public async Task<ConnectionTestResult> TestConnectionAsync(ChannelContext channel, CancellationToken ct)
    {
        if (bots.For(channel, out var problem) is not { } bot) return new(false, problem);
        try
        {
            var me = await bot.GetMe(ct);
            return new(true, me.Username is { Length: > 0 } username
                ? $"Connected to {me.FirstName} (@{username}): https://t.me/{username}"
                : $"Connected to {me.FirstName}");
        }
        catch (ApiRequestException ex) when (ex.ErrorCode is 401 or 404)
        {
            return new(false, "Telegram refused the bot token: copy it again from @BotFather.");
        }
        catch (ApiRequestException ex)
        {
            return new(false, $"Telegram answered {ex.ErrorCode}: {ex.Message}");
        }
        catch (Exception ex) when (ex is RequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new(false, $"Telegram could not be reached: {ex.Message}");
        }
    }

    /// <summary>Shows "typing…" in the customer's chat for about five seconds (or until the next message).</summary>
    public async Task SendTypingAsync(ChannelContext channel, ChannelAddress to, CancellationToken ct)
    {
        if (to.Kind != IdentityKind.Telegram || !long.TryParse(to.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId)) return;
        if (bots.For(channel, out _) is not { } bot) return;
        await bot.SendChatAction(chatId, ChatAction.Typing, cancellationToken: ct);
    }

    private abstract record Part;
    private sealed record TextPart(string Text) : Part;
    private sealed record FilePart(OutboundAttachment File, string? Caption) : Part;

    /// <summary>Each attachment, the last one captioned with the text when it fits; otherwise the text after them, in chunks Telegram accepts.</summary>
    private static List<Part> Parts(OutboundMessage message)
    {
        var parts = new List<Part>();
        var text = message.Text.Trim();
        var captioned = message.Attachments.Count > 0 && text.Length is > 0 and <= MaxCaptionLength;
        for (var i = 0; i < message.Attachments.Count; i++)
            parts.Add(new FilePart(message.Attachments[i], captioned && i == message.Attachments.Count - 1 ? text : null));
        if (!captioned)
            for (var at = 0; at < text.Length; at += MaxTextLength)
                parts.Add(new TextPart(text.Substring(at, Math.Min(MaxTextLength, text.Length - at))));
        return parts;
    }

    private static async Task<Message> SendPartAsync(ITelegramBotClient bot, long chatId, Part part, CancellationToken ct)
    {
        switch (part)
        {
            case TextPart t:
                return await bot.SendMessage(chatId, t.Text, ParseMode.None, cancellationToken: ct);
            case FilePart { File: var file } f:
                await using (var content = await file.OpenAsync(ct))
                {
                    var input = InputFile.FromStream(content, file.FileName);
                    return PhotoTypes.Contains(file.ContentType) && file.Size <= MaxPhotoBytes
                        ? await bot.SendPhoto(chatId, input, f.Caption, ParseMode.None, cancellationToken: ct)
                        : await bot.SendDocument(chatId, input, f.Caption, ParseMode.None, cancellationToken: ct);
                }
            default:
                throw new InvalidOperationException("Unknown part");
        }
    }
}
