using System.Globalization;
using System.Text.Json;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// Twilio's webhooks for one SMS or WhatsApp channel: incoming messages (<c>From</c>, <c>Body</c>, <c>MediaUrl{N}</c>…)
/// and status callbacks (<c>MessageStatus</c>, <c>ErrorCode</c>) arrive at the same URL, signed with the account's auth
/// token. Answered with empty TwiML, so Twilio sends no automatic reply.
/// </summary>
public sealed class TwilioWebhookReceiver(TwilioMedia media) : IWebhookReceiver
{
    public const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response/>""";

    /// <summary>Twilio allows at most ten media per message.</summary>
    private const int MaxMedia = 10;

    public WebhookVerdict Verify(ChannelContext channel, WebhookRequest request) => TwilioSignature.Verify(channel, request);

    public WebhookParse Parse(ChannelContext channel, WebhookRequest request)
    {
        IReadOnlyDictionary<string, string> form;
        if (TwilioSignature.IsJson(request))
        {
            if (ReadJson(request) is not { } json) return WebhookParse.Malformed("body", "The body is not a JSON object of Twilio's parameters.");
            form = json;
        }
        else form = request.Form;

        var status = Field(form, "MessageStatus") ?? Field(form, "SmsStatus");
        if (status is not null && status is not ("received" or "receiving"))
            return Report(channel, form, status, request.ReceivedAt);
        return Message(channel, form, request.ReceivedAt);
    }

    public WebhookResponse Acknowledge(ChannelContext channel, ChannelInput input, IReadOnlyList<InboundReceipt> receipts) =>
        new(200, "text/xml; charset=utf-8", EmptyTwiml);

    private WebhookParse Message(ChannelContext channel, IReadOnlyDictionary<string, string> form, DateTimeOffset receivedAt)
    {
        var sid = Field(form, "MessageSid") ?? Field(form, "SmsMessageSid");
        if (sid is null || sid.Length > 64) return WebhookParse.Malformed("MessageSid", "MessageSid is required.");
        var rawFrom = Field(form, "From") ?? (Field(form, "WaId") is { } waId ? "+" + waId : null);
        if (!ChannelAddress.TryPhone(rawFrom, channel.DefaultPhoneRegion, out var from))
            return WebhookParse.Malformed("From", "From is not a phone number.");

        var lines = new List<string>();
        if (Field(form, "Body") is { } body) lines.Add(body);
        if (Location(form) is { } place) lines.Add(place);

        var attachments = new List<InboundAttachment>();
        var count = int.TryParse(Field(form, "NumMedia"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, MaxMedia) : 0;
        TwilioAccount.TryRead(channel, out var account, out _);
        for (var i = 0; i < count; i++)
        {
            if (!Uri.TryCreate(Field(form, $"MediaUrl{i}"), UriKind.Absolute, out var url)) continue;
            var type = Field(form, $"MediaContentType{i}") ?? "application/octet-stream";
            if (account is null || !media.IsTwilioHost(url))
            {
                lines.Add($"[Attachment {i + 1} was not fetched: it is not on a Twilio media host.]");
                continue;
            }
            attachments.Add(new InboundAttachment(FileName(sid, i, type), type, 0, ct => media.OpenAsync(account, url, ct)));
        }

        var text = string.Join("\n", lines);
        if (text.Length > channel.MaxTextLength) text = text[..channel.MaxTextLength];
        var message = new InboundMessage(channel.ChannelId, sid, from, Clip(Field(form, "ProfileName"), 200), text, receivedAt)
        {
            Attachments = attachments,
            ReplyTo = Field(form, "OriginalRepliedMessageSid") is { Length: <= 64 } replied ? [replied] : [],
        };
        return WebhookParse.Of(new ChannelInput { Messages = [message] });
    }

    private static WebhookParse Report(ChannelContext channel, IReadOnlyDictionary<string, string> form, string status, DateTimeOffset receivedAt)
    {
        var sid = Field(form, "MessageSid") ?? Field(form, "SmsSid");
        if (sid is null || sid.Length > 64) return WebhookParse.Malformed("MessageSid", "MessageSid is required.");
        DeliveryStatus? mapped = status switch
        {
            "sent" => DeliveryStatus.Sent,
            "delivered" => DeliveryStatus.Delivered,
            "read" => DeliveryStatus.Read,
            "failed" or "undelivered" => DeliveryStatus.Failed,
            _ => null, // accepted, queued, scheduled, sending: still ours to send, nothing to record
        };
        if (mapped is not { } s) return WebhookParse.Of(ChannelInput.Empty);
        var code = Field(form, "ErrorCode");
        var report = new DeliveryReport(channel.ChannelId, sid, s, receivedAt)
        {
            ErrorCode = s == DeliveryStatus.Failed ? code : null,
            Error = s == DeliveryStatus.Failed ? TwilioErrorCodes.Describe(code, Field(form, "ErrorMessage"), status) : null,
        };
        return WebhookParse.Of(new ChannelInput { Reports = [report] });
    }

    /// <summary>A WhatsApp location pin as a line the agent can open.</summary>
    private static string? Location(IReadOnlyDictionary<string, string> form)
    {
        if (!double.TryParse(Field(form, "Latitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(Field(form, "Longitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || lat is < -90 or > 90 || lon is < -180 or > 180)
            return null;
        var where = string.Join(", ", new[] { Field(form, "Label"), Field(form, "Address") }.Where(s => s is not null));
        var (y, x) = (lat.ToString("0.######", CultureInfo.InvariantCulture), lon.ToString("0.######", CultureInfo.InvariantCulture));
        return $"📍 {(where.Length > 0 ? where + " " : "")}({y}, {x}) https://www.openstreetmap.org/?mlat={y}&mlon={x}";
    }

    private static string FileName(string sid, int index, string contentType)
    {
        var ext = contentType.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "image/jpeg" => ".jpg",
            "image/png" => ".png",
            "image/gif" => ".gif",
            "image/webp" => ".webp",
            "video/mp4" => ".mp4",
            "audio/ogg" => ".ogg",
            "audio/mpeg" => ".mp3",
            "audio/amr" => ".amr",
            "application/pdf" => ".pdf",
            "text/vcard" or "text/x-vcard" => ".vcf",
            _ => "",
        };
        return $"{sid}-{index + 1}{ext}";
    }

    private static Dictionary<string, string>? ReadJson(WebhookRequest request)
    {
        try
        {
            using var doc = JsonDocument.Parse(request.Body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                    values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            return values;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Field(IReadOnlyDictionary<string, string> form, string key) =>
        form.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static string? Clip(string? s, int max) => s is null ? null : s.Length <= max ? s : s[..max];
}
