namespace Inbox.Connectors.Abstractions;

/// <summary>Provider-reported progress of an outbound message, in the order it may only move forward.</summary>
public enum DeliveryStatus { Sent, Delivered, Read, Failed }

/// <summary>A provider callback about an outbound message we sent earlier.</summary>
public sealed record DeliveryReport(long ChannelId, string ProviderMessageId, DeliveryStatus Status, string? Error, DateTimeOffset At);
