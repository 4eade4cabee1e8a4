using System.Globalization;
using Inbox.Connectors.Abstractions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Inbox.Connectors.Telegram;

/// <summary>One Bot API update as Inbox sees it: a customer message, or an update it does not keep (and why), or malformed.</summary>
public sealed record TelegramMapped(InboundMessage? Message, string? Ignored, string? Problem)
{
    public static TelegramMapped Of(InboundMessage message) => new(message, null, null);
    public static TelegramMapped Skip(string kind) => new(null, kind, null);
    public static TelegramMapped Malformed(string problem) => new(null, null, problem);
}

/// <summary>
/// The pure mapping shared by the webhook and long polling: a Telegram update to an <see cref="InboundMessage"/>. The sender
/// is the chat (a private chat's id is the user's), the provider id is "{chat id}:{message id}" (unique per bot), so an
/// update delivered twice, by webhook retry or a repeated poll, is stored once. Files are fetched only when the server
/// stores them (getFile, then the file path), through <paramref name="download"/>.
/// </summary>
public static class TelegramUpdateMapper
{
    /// <summary>Bots may download files of up to 20 MB.</summary>
    public const long MaxDownloadBytes = 20 * 1024 * 1024;

    public delegate Task<Stream> Download(string fileId, CancellationToken ct);

    public static TelegramMapped Map(long channelId, Update update, Download download)
    {
        if (update.Id <= 0) return TelegramMapped.Malformed("update_id is required.");
        var (message, edited) = update switch
        {
            { Message: { } m } => (m, false),
            { EditedMessage: { } m } => (m, true),
            _ => (null, false),
        };
        if (message is null) return TelegramMapped.Skip(update.Type.ToString());
        if (message.Chat is null || message.Id <= 0) return TelegramMapped.Malformed("The message has no chat or no message_id.");
        if (message.IsServiceMessage) return TelegramMapped.Skip($"service message {message.Type}");

        var chatId = message.Chat.Id;
        var attachments = new List<InboundAttachment>();
        void Attach(FileBase? file, string name, string type)
        {
            if (file?.FileId is not { Length: > 0 } id) return;
            attachments.Add(new InboundAttachment(name, type, file.FileSize ?? 0, ct => download(id, ct)));
        }

        var text = message.Text ?? message.Caption ?? "";
        if (message.Photo is { Length: > 0 } sizes)
            Attach(sizes.MaxBy(p => (long)p.Width * p.Height), "photo.jpg", "image/jpeg");
        Attach(message.Document, message.Document?.FileName ?? "document", message.Document?.MimeType ?? "application/octet-stream");
        Attach(message.Animation, message.Animation?.FileName ?? "animation.mp4", message.Animation?.MimeType ?? "video/mp4");
        Attach(message.Audio, message.Audio?.FileName ?? "audio.mp3", message.Audio?.MimeType ?? "audio/mpeg");
        Attach(message.Voice, "voice.ogg", message.Voice?.MimeType ?? "audio/ogg");
        Attach(message.Video, message.Video?.FileName ?? "video.mp4", message.Video?.MimeType ?? "video/mp4");
        Attach(message.VideoNote, "video-note.mp4", "video/mp4");
        if (message.Sticker is { } sticker)
        {
            if (!sticker.IsAnimated) Attach(sticker, sticker.IsVideo ? "sticker.webm" : "sticker.webp", sticker.IsVideo ? "video/webm" : "image/webp");
            text = sticker.Emoji is { Length: > 0 } emoji ? $"[Sticker {emoji}]" : "[Sticker]";
        }
        if (message.Venue is { } venue) text = Line(text, $"📍 {venue.Title}, {venue.Address} ({Where(venue.Location)})");
        else if (message.Location is { } location) text = Line(text, $"📍 Location: {Where(location)}");
        if (message.Contact is { } contact)
            text = Line(text, $"👤 Contact: {Join(contact.FirstName, contact.LastName)}, {contact.PhoneNumber}");
        if (text.Length == 0 && attachments.Count == 0) text = $"[A Telegram {message.Type} message, which Inbox does not show]";

        var inbound = new InboundMessage(channelId, ProviderId(chatId, message.Id), ChannelAddress.Telegram(chatId), DisplayName(message), text,
            Utc(message.Date))
        {
            // An edit changes the text or caption; its files were kept with the message the first time.
            Attachments = edited ? [] : attachments,
            ReplyTo = message.ReplyToMessage is { } replied ? [ProviderId(chatId, replied.Id)] : [],
            EditedAt = edited ? Utc(message.EditDate ?? message.Date) : null,
            ProvenAddresses = OwnPhone(message) is { } phone ? [phone] : [],
        };
        return TelegramMapped.Of(inbound);
    }

    public static string ProviderId(long chatId, int messageId) =>
        string.Create(CultureInfo.InvariantCulture, $"{chatId}:{messageId}");

    /// <summary>The deep-link payload of "/start PAYLOAD" (t.me/bot?start=PAYLOAD), or null for any other text.</summary>
    public static string? StartPayload(string? text)
    {
        if (text is null || !text.StartsWith("/start", StringComparison.Ordinal)) return null;
        var rest = text["/start".Length..];
        if (rest.StartsWith('@')) rest = rest[(rest.IndexOf(' ') is var space and >= 0 ? space : rest.Length)..];
        return rest.Length > 1 && rest[0] == ' ' ? rest[1..].Trim() is { Length: > 0 } payload ? payload : null : null;
    }

    /// <summary>The sender's own phone, when they shared their contact: Telegram sets user_id to the sender's id only for the
    /// account that owns the number (the "share my phone" button), not for someone else's card.</summary>
    public static ChannelAddress? OwnPhone(Message m)
    {
        if (m.Contact is not { UserId: { } owner, PhoneNumber: { Length: > 0 } raw } || m.From?.Id != owner) return null;
        // Telegram gives the number in international form, often without the plus.
        var international = raw.Trim().StartsWith('+') ? raw.Trim() : "+" + raw.Trim();
        return ChannelAddress.TryPhone(international, "ZZ", out var phone) ? phone : null;
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static string? DisplayName(Message m) =>
        m.From is { } from ? Join(from.FirstName, from.LastName) is { Length: > 0 } name ? name : from.Username
        : m.Chat.Title ?? Join(m.Chat.FirstName, m.Chat.LastName);

    private static string Join(string? first, string? last) => $"{first} {last}".Trim();

    private static string Line(string text, string line) => text.Length == 0 ? line : $"{text}\n{line}";

    private static string Where(Location l) => string.Create(CultureInfo.InvariantCulture,
        $"{l.Latitude:0.######}, {l.Longitude:0.######} https://www.openstreetmap.org/?mlat={l.Latitude:0.######}&mlon={l.Longitude:0.######}");
}
