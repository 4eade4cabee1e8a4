namespace Inbox.Server.Messaging;

/// <summary>Where an inbound message landed; Duplicate when its provider id was already stored.</summary>
public sealed record InboundResult(long MessageId, long ConversationId, long ContactId, bool Duplicate);
