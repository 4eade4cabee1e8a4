using System.Net.Mail;
using Inbox.Contracts;
using PhoneNumbers;

namespace Inbox.Connectors.Abstractions;

/// <summary>A normalised way to reach a customer: the key of a contact identity.</summary>
public sealed record ChannelAddress(IdentityKind Kind, string Value)
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public override string ToString() => $"{Kind}:{Value}";

    /// <summary>E.164; numbers without a leading + are read in <paramref name="defaultRegion"/> (ISO 3166 code).</summary>
    public static bool TryPhone(string? raw, string defaultRegion, out ChannelAddress address)
    {
        address = null!;
        if (string.IsNullOrWhiteSpace(raw)) return false;
        var text = raw.Trim();
        if (text.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase)) text = text["whatsapp:".Length..];
        try
        {
            var number = Phones.Parse(text, defaultRegion);
            if (!Phones.IsPossibleNumber(number)) return false;
            address = new ChannelAddress(IdentityKind.Phone, Phones.Format(number, PhoneNumberFormat.E164));
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Lower-cased address part only ("Ana &lt;ANA@Shop.test&gt;" → ana@shop.test).</summary>
    public static bool TryEmail(string? raw, out ChannelAddress address)
    {
        address = null!;
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 320) return false;
        if (!MailAddress.TryCreate(raw.Trim(), out var parsed)) return false;
        address = new ChannelAddress(IdentityKind.Email, parsed.Address.ToLowerInvariant());
        return true;
    }

    /// <summary>An integrator's own customer id, scoped to its channel so two integrations never collide.</summary>
    public static bool TryExternal(long channelId, string? raw, out ChannelAddress address)
    {
        address = null!;
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 200) return false;
        address = new ChannelAddress(IdentityKind.External, $"{channelId}:{raw.Trim()}");
        return true;
    }

    public static ChannelAddress Telegram(long chatId) => new(IdentityKind.Telegram, chatId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static ChannelAddress WebVisitor(Guid visitorId) => new(IdentityKind.WebVisitor, visitorId.ToString("N"));
}
