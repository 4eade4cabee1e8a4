using Inbox.Connectors.Abstractions;
using Inbox.Contracts;

namespace Inbox.Server.Channels;

/// <summary>The registered channel types and their parts, found by type: the one place that asks DI for connectors.</summary>
public sealed class ChannelConnectors(IServiceProvider services)
{
    private readonly IReadOnlyList<IChannelConnector> _all = services.GetKeyedServices<IChannelConnector>(KeyedService.AnyKey)
        .DistinctBy(c => c.ChannelType).OrderBy(c => c.ChannelType, StringComparer.Ordinal).ToList();

    public IReadOnlyList<IChannelConnector> All => _all;

    public IChannelConnector? Connector(string type) => services.GetKeyedService<IChannelConnector>(type);

    public IWebhookReceiver? Receiver(string type) => services.GetKeyedService<IWebhookReceiver>(type);

    public IChannelListener? Listener(string type) => services.GetKeyedService<IChannelListener>(type);

    /// <summary>Can a reply on <paramref name="channel"/> reach this identity? External ids belong to the channel that issued them.</summary>
    public bool CanReach(Channel channel, IdentityKind kind, string address) =>
        Connector(channel.Type)?.CanReach(kind) == true
        && (kind != IdentityKind.External || address.StartsWith($"{channel.Id}:", StringComparison.Ordinal));
}
