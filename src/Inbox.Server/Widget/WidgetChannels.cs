using Inbox.Connectors.Abstractions;
using Inbox.Connectors.WebChat;
using Inbox.Contracts;
using Inbox.Server.Channels;

namespace Inbox.Server.Widget;

/// <summary>A web chat channel as the widget reaches it: by its public key (the script tag's data-channel).</summary>
public sealed record WidgetChannel(Channel Channel, ChannelContext Context, WebChatSettings Settings)
{
    public long Id => Channel.Id;
}

public sealed class WidgetChannels(ChannelCache cache)
{
    /// <summary>The enabled web chat channel with this key, or null (unknown, another type, disabled: all alike).</summary>
    public async ValueTask<WidgetChannel?> FindAsync(string? key, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 100) return null;
        if (await cache.GetByWebhookKeyAsync(key, ct) is not { } found || found.Channel.Type != ChannelTypes.WebChat || !found.Channel.Enabled) return null;
        return new WidgetChannel(found.Channel, found.Context, WebChatSettings.Of(found.Context));
    }
}
