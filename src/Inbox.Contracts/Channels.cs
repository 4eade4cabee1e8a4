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

public sealed record ChannelDto(long Id, string Type, string Name, bool Enabled, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<string> SecretNames, DateTimeOffset CreatedAt);

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
/// WebhookUrl is what to paste into the provider, for channel types that take webhooks.</summary>
public sealed record ChannelHealthDto(DateTimeOffset? LastSuccessAt, string? LastError, DateTimeOffset? LastErrorAt, string? WorkedBy)
{
    public string? WebhookUrl { get; init; }
}
