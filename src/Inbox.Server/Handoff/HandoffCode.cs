using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Inbox.Connectors.Abstractions;

namespace Inbox.Server.Handoff;

/// <summary>
/// The one-time code a customer carries from one channel to another: "IN-" and 10 characters of Crockford's base32
/// (50 random bits; no I, L, O or U, so it survives being read aloud or retyped). It is recognised only as the whole message,
/// as Telegram's /start payload, or as the one delimited token of a short message (the prefilled "Continue my chat: IN-…"),
/// never inside a longer text: a code pasted into someone else's conversation links nothing.
/// </summary>
public static partial class HandoffCode
{
    public const string Prefix = "IN-";
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Length = 10;

    /// <summary>Longest message that may carry a code as a token: the prefilled text with room for a greeting.</summary>
    public const int MaxCarrierLength = 120;

    public static string New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return Prefix + new string(chars);
    }

    public static string Hash(string code) => IssuedSecrets.Hash(code);

    /// <summary>The code a message carries (normalised to upper case), or null. Telegram: the /start payload only;
    /// other channels: the whole text, or exactly one code token in a short text.</summary>
    public static string? Find(string channelType, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (channelType == Contracts.ChannelTypes.Telegram)
            return Connectors.Telegram.TelegramUpdateMapper.StartPayload(text) is { } payload && Whole().IsMatch(payload) ? payload.ToUpperInvariant() : null;
        var trimmed = text.Trim();
        if (Whole().IsMatch(trimmed)) return trimmed.ToUpperInvariant();
        if (trimmed.Length > MaxCarrierLength) return null;
        var tokens = Token().Matches(trimmed);
        return tokens.Count == 1 ? tokens[0].Value.ToUpperInvariant() : null;
    }

    [GeneratedRegex("^IN-[0-9A-HJKMNP-TV-Z]{10}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    // Delimited: no letter, digit, '-' or '_' on either side.
    [GeneratedRegex("(?<![A-Za-z0-9_-])IN-[0-9A-HJKMNP-TV-Z]{10}(?![A-Za-z0-9_-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
