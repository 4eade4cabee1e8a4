namespace Inbox.Contracts;

/// <summary>Send one of the channel's approved templates (WhatsApp: its Content SID) with the values of its placeholders
/// by number ("1" → "Lucía").</summary>
public sealed record ReplyTemplate(string ContentSid, IReadOnlyDictionary<string, string>? Variables = null);

/// <summary>
/// Whether a free-text reply may go out now on a channel with a reply window (WhatsApp: 24 hours after the customer's
/// last message on it), until when, and the templates that may be sent instead. Channels without a window always allow
/// free text and list no templates.
/// </summary>
public sealed record ReplyWindowDto(long ChannelId, long IdentityId, bool FreeTextAllowed, DateTimeOffset? ClosesAt, IReadOnlyList<MessageTemplateDto> Templates);

/// <summary>An approved template: its text with numbered placeholders ({{1}}), and the placeholders to fill.</summary>
public sealed record MessageTemplateDto(string Name, string ContentSid, string Text, IReadOnlyList<string> Variables);

public sealed record SmsSegmentsRequest(string? Text);

/// <summary>How a draft travels by SMS: GSM-7 (160 characters, 153 per part when split) or UCS-2 (70, 67 per part) as
/// soon as one character is outside GSM-7; <see cref="Units"/> counts GSM-7 septets (two for ^ { } [ ] ~ \ | €) or UTF-16
/// units; <see cref="Remaining"/> is what still fits in the last segment.</summary>
public sealed record SmsSegmentsDto(string Encoding, int Segments, int Units, int PerSegment, int Remaining);
