namespace Inbox.Connectors.Abstractions;

/// <summary>
/// The inbound side of a push channel, registered as a keyed service under its channel type. The server's one
/// webhook endpoint calls <see cref="Verify"/>, then <see cref="Parse"/> (pure: no I/O, no clock beyond the
/// request's), stores the input, and answers what <see cref="Acknowledge"/> returns.
/// </summary>
public interface IWebhookReceiver
{
    /// <summary>Checks the signature or token over the request as received; must refuse when a secret is missing.</summary>
    WebhookVerdict Verify(ChannelContext channel, WebhookRequest request);

    WebhookParse Parse(ChannelContext channel, WebhookRequest request);

    /// <summary>The answer once the input is committed; <paramref name="receipts"/> follow the order of its messages.</summary>
    WebhookResponse Acknowledge(ChannelContext channel, ChannelInput input, IReadOnlyList<InboundReceipt> receipts);

    /// <summary>The server issues this channel an inbound token (shown once, stored hashed) that <see cref="Verify"/>
    /// compares against <see cref="ChannelContext.InboundTokenHash"/>.</summary>
    bool IssuesInboundToken => false;
}
