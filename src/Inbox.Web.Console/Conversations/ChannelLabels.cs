using Inbox.Contracts;
using Inbox.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Inbox.Web.Conversations;

/// <summary>Localised names of channel types and identity kinds (unknown types show as they are).</summary>
public static class ChannelLabels
{
    private static readonly HashSet<string> Known =
        [ChannelTypes.Api, ChannelTypes.WebChat, ChannelTypes.Email, ChannelTypes.Sms, ChannelTypes.WhatsApp, ChannelTypes.Telegram];

    public static string Channel(string channelType, IStringLocalizer<AppStrings> l) =>
        Known.Contains(channelType) ? l[$"Channel.{channelType}"] : channelType;

    public static string Kind(IdentityKind kind, IStringLocalizer<AppStrings> l) => l[$"Identity.{kind}"];
}
