namespace Inbox.Connectors.Abstractions;

/// <summary>Where a stored inbound message landed, handed back to the connector after the commit.</summary>
public sealed record InboundReceipt(string ProviderMessageId, long MessageId, long ConversationId, long ContactId, bool Duplicate);
