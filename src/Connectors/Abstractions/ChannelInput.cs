namespace Inbox.Connectors.Abstractions;

/// <summary>
/// What one webhook call or one listener fetch produced, mapped by a connector: customer messages, delivery
/// reports about our own messages, and ephemeral activity (typing) that is pushed live but never stored.
/// </summary>
public sealed record ChannelInput
{
    public static readonly ChannelInput Empty = new();

    public IReadOnlyList<InboundMessage> Messages { get; init; } = [];

    public IReadOnlyList<DeliveryReport> Reports { get; init; } = [];

    public IReadOnlyList<CustomerActivity> Activity { get; init; } = [];

    public bool IsEmpty => Messages.Count == 0 && Reports.Count == 0 && Activity.Count == 0;
}
