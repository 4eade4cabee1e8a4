using Inbox.Contracts;

namespace Inbox.Connectors.Abstractions;

/// <summary>
/// A channel type: what it is (name, settings, capabilities, which addresses it reaches) and its outbound side.
/// Registered as a keyed service under its channel type; a push channel also registers an <see cref="IWebhookReceiver"/>,
/// a pull channel an <see cref="IChannelListener"/>, under the same key.
/// </summary>
public interface IChannelConnector
{
    string ChannelType { get; }

    LocalizedText DisplayName { get; }

    ChannelCapabilities Capabilities { get; }

    ChannelSettingsSchema Schema { get; }

    /// <summary>Largest attachment the provider carries, in bytes; a customer's larger file is not kept (the message is).</summary>
    long MaxAttachmentBytes => 10 * 1024 * 1024;

    /// <summary>Can a reply on this channel type go to an identity of this kind?</summary>
    bool CanReach(IdentityKind kind);

    Task<SendResult> SendAsync(ChannelContext channel, OutboundMessage message, CancellationToken ct);

    /// <summary>Shows the customer that an agent is typing (Telegram's sendChatAction), for types with
    /// <see cref="ChannelCapabilities.TypingIndicator"/>; the server calls it at most every few seconds per conversation.</summary>
    Task SendTypingAsync(ChannelContext channel, ChannelAddress to, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Behind the admin's Test button: checks credentials and reachability without sending to a customer.</summary>
    Task<ConnectionTestResult> TestConnectionAsync(ChannelContext channel, CancellationToken ct);
}

public sealed record ConnectionTestResult(bool Ok, string Message);
