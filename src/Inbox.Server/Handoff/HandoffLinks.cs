using Inbox.Connectors.Abstractions;
using Inbox.Connectors.Telegram;
using Inbox.Connectors.Twilio;
using Inbox.Contracts;
using Inbox.Server.Channels;

namespace Inbox.Server.Handoff;

/// <summary>
/// The channels a customer can be handed off to, and the link that carries a code there: Telegram's deep link
/// (t.me/{bot}?start={code}), WhatsApp's click-to-chat (wa.me/{number}?text=…) and an sms: link, each prefilled so the
/// customer only has to press send.
/// </summary>
public sealed class HandoffLinks(ChannelStore store, TelegramBotNames botNames, TimeProvider time)
{
    public static readonly TimeSpan ListTimeToLive = TimeSpan.FromSeconds(10);
    private (DateTimeOffset At, IReadOnlyList<HandoffOptionDto> Options)? _options;

    /// <summary>The enabled channels that can take a hand-off (a Twilio channel only with a sender number to link to).</summary>
    public async Task<IReadOnlyList<HandoffOptionDto>> OptionsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_options is { } cached && now - cached.At < ListTimeToLive && now >= cached.At) return cached.Options;
        var options = new List<HandoffOptionDto>();
        foreach (var channel in await store.ListAsync(ct))
        {
            if (!channel.Enabled) continue;
            var isTwilio = channel.Type is ChannelTypes.WhatsApp or ChannelTypes.Sms;
            if (channel.Type != ChannelTypes.Telegram && !(isTwilio && SenderNumber(store.ContextOf(channel)) is not null)) continue;
            options.Add(new HandoffOptionDto(channel.Id, channel.Type, channel.Name));
        }
        _options = (now, options);
        return options;
    }

    /// <summary>The link for <paramref name="code"/> on the channel, or null when the channel cannot take one now
    /// (the bot cannot be asked its name).</summary>
    public async Task<string?> LinkAsync(Channel channel, string code, CancellationToken ct)
    {
        var context = store.ContextOf(channel);
        var text = Uri.EscapeDataString($"Continue my chat: {code}");
        return channel.Type switch
        {
            ChannelTypes.Telegram => await botNames.UsernameAsync(context, ct) is { } bot ? $"https://t.me/{bot}?start={code}" : null,
            ChannelTypes.WhatsApp => SenderNumber(context) is { } number ? $"https://wa.me/{number.TrimStart('+')}?text={text}" : null,
            ChannelTypes.Sms => SenderNumber(context) is { } number ? $"sms:{number}?&body={text}" : null,
            _ => null,
        };
    }

    private static string? SenderNumber(ChannelContext context) =>
        ChannelAddress.TryPhone(context.Setting(TwilioSettings.From), "ZZ", out var phone)
            ? phone.Value : null;
}
