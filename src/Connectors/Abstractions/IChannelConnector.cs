namespace Inbox.Connectors.Abstractions;

/// <summary>The outbound side of a channel, registered as a keyed service under its channel type.</summary>
public interface IChannelConnector
{
    string ChannelType { get; }

    ChannelCapabilities Capabilities { get; }

    /// <summary>Setting and secret names the admin fills in; secrets are encrypted at rest and never shown again.</summary>
    ChannelSettingsSchema Schema { get; }

    Task<SendResult> SendAsync(ChannelContext channel, OutboundMessage message, CancellationToken ct);

    /// <summary>Behind the admin's Test button: checks credentials and reachability without sending to a customer.</summary>
    Task<ConnectionTestResult> TestConnectionAsync(ChannelContext channel, CancellationToken ct);
}

public sealed record ChannelSettingsSchema(IReadOnlyList<string> Settings, IReadOnlyList<string> Secrets, IReadOnlyList<string> Required);

public sealed record ConnectionTestResult(bool Ok, string Message);
