using Inbox.Contracts;
using MudBlazor;

namespace Inbox.Web.Conversations;

/// <summary>An icon per channel type (unknown types get a generic one).</summary>
public static class ChannelIcons
{
    public static string For(string channelType) => channelType switch
    {
        ChannelTypes.WhatsApp => Icons.Custom.Brands.WhatsApp,
        ChannelTypes.Telegram => Icons.Custom.Brands.Telegram,
        ChannelTypes.Email => Icons.Material.Filled.Email,
        ChannelTypes.Sms => Icons.Material.Filled.Sms,
        ChannelTypes.WebChat => Icons.Material.Filled.Chat,
        ChannelTypes.Api => Icons.Material.Filled.Api,
        _ => Icons.Material.Filled.Forum,
    };
}
