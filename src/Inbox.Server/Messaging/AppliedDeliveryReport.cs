using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Live;

namespace Inbox.Server.Messaging;

/// <summary>A delivery report that moved one of our messages: the new status, and the durable event to push live.</summary>
public sealed record AppliedDeliveryReport(DeliveryReport Report, long MessageId, MessageStatus Status, LiveEvent Event);
