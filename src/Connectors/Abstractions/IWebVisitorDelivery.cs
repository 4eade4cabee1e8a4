namespace Inbox.Connectors.Abstractions;

/// <summary>
/// Where the web chat connector hands an agent reply: the host's live connections to website visitors (implemented by the
/// server, which owns the widget hub). The reply is already stored; delivering means pushing it to the visitor's open
/// widgets, which fetch it again from their history when none is open. The widget's acknowledgement later reports it
/// delivered under <see cref="ProviderMessageId"/>.
/// </summary>
public interface IWebVisitorDelivery
{
    /// <summary>Pushes <paramref name="message"/> to every open widget of its contact on this channel; never waits on the network.</summary>
    Task PushAsync(ChannelContext channel, OutboundMessage message, CancellationToken ct);

    /// <summary>The provider id a web chat reply is recorded under (the widget acknowledges it by our message id).</summary>
    static string ProviderMessageId(long messageId) => "webchat:" + messageId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
