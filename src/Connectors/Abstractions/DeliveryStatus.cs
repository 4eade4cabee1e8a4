namespace Inbox.Connectors.Abstractions;

/// <summary>Provider-reported progress of an outbound message, in the order it may only move forward.</summary>
public enum DeliveryStatus { Sent, Delivered, Read, Failed }

/// <summary>
/// A provider callback about an outbound message we sent earlier, found by (channel, provider message id).
/// <see cref="ErrorCode"/> and <see cref="Error"/> are the provider's own (Twilio's 30003, Telegram's description).
/// </summary>
public sealed record DeliveryReport(long ChannelId, string ProviderMessageId, DeliveryStatus Status, DateTimeOffset At)
{
    public string? ErrorCode { get; init; }

    public string? Error { get; init; }
}
