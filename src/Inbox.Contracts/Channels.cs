namespace Inbox.Contracts;

/// <summary>Channel types as stored; connectors are keyed by these strings.</summary>
public static class ChannelTypes
{
    public const string Api = "api";
    public const string WebChat = "webchat";
    public const string Email = "email";
    public const string Sms = "sms";
    public const string WhatsApp = "whatsapp";
    public const string Telegram = "telegram";
}

public sealed record ChannelDto(long Id, string Type, string Name, bool Enabled, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<string> SecretNames, DateTimeOffset CreatedAt)
{
    /// <summary>Until when the credentials a rotation replaced are still accepted (null: no rotation in its grace).</summary>
    public DateTimeOffset? RetiredUntil { get; init; }

    /// <summary>When the channel was archived: it refuses inbound and sends nothing, its conversations stay.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }
}

/// <summary>Rotate what Inbox issued for a channel (its inbound token, its generated secrets); the old ones stay valid for
/// <see cref="GraceHours"/> (0 to 720, default 24) so the provider or integration can switch without losing a message.</summary>
public sealed record RotateChannelRequest(int? GraceHours);

/// <summary>Returned once by a rotation: the new inbound token and generated secrets, and until when the old ones work.</summary>
public sealed record ChannelRotatedDto(ChannelDto Channel, string? InboundToken, IReadOnlyDictionary<string, string> GeneratedSecrets, DateTimeOffset OldValidUntil);

/// <summary>Secrets are write-only: they are encrypted at rest and never returned.</summary>
public sealed record CreateChannelRequest(string Type, string Name, Dictionary<string, string>? Settings, Dictionary<string, string>? Secrets);

/// <summary>Only what is set changes: a setting sent empty is removed, a secret sent empty is kept as it is.</summary>
public sealed record UpdateChannelRequest(string? Name, bool? Enabled, Dictionary<string, string>? Settings, Dictionary<string, string>? Secrets);

/// <summary>
/// Returned once at creation: the inbound token (for types that issue one, such as the API channel) and every secret
/// the server generated, by field key (the API channel's "webhookSecret"). Neither can be read again.
/// </summary>
public sealed record ChannelCreatedDto(ChannelDto Channel, string? InboundToken, IReadOnlyDictionary<string, string> GeneratedSecrets);

/// <summary>Body of the API channel's inbound push (POST /api/channels/{id}/inbound).</summary>
public sealed record ApiInboundMessage(string? MessageId, ApiSender? Sender, string? Text, DateTimeOffset? Timestamp);

/// <summary>Kind is phone, email or external (default); external ids are scoped to the channel.</summary>
public sealed record ApiSender(string? Address, string? Kind, string? Name);

public sealed record ApiInboundAccepted(long MessageId, long ConversationId, long ContactId, bool Duplicate);

/// <summary>How a channel is doing: its last success and error, and for pull channels the node working it now.
/// WebhookUrl is what to paste into the provider, for channel types that take webhooks. LastMessageInAt and LastMessageOutAt
/// are the newest customer message received and the newest reply sent on the channel (with that reply's status).</summary>
public sealed record ChannelHealthDto(DateTimeOffset? LastSuccessAt, string? LastError, DateTimeOffset? LastErrorAt, string? WorkedBy)
{
    public string? WebhookUrl { get; init; }
    public DateTimeOffset? LastMessageInAt { get; init; }
    public DateTimeOffset? LastMessageOutAt { get; init; }
    public MessageStatus? LastMessageOutStatus { get; init; }
}

/// <summary>Whether the Data Protection keys under the data folder are encrypted with a certificate (else anyone who reads
/// the folder can decrypt every channel credential).</summary>
public sealed record KeyProtectionDto(bool KeysEncrypted);
