using Inbox.Contracts;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// How a text travels by SMS (3GPP TS 23.038): GSM-7 when every character is in the default alphabet or its extension
/// table (extension characters take two septets), 160 septets in one segment and 153 per segment once split (the rest
/// carries the concatenation header); otherwise UCS-2, 70 UTF-16 units and 67 per segment. A segment never splits an
/// escape pair or a surrogate pair.
/// </summary>
public static class SmsSegments
{
    public const string Gsm7 = "GSM-7";
    public const string Ucs2 = "UCS-2";

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "\f^{}\\[~]|€";

    private static readonly HashSet<char> BasicSet = [.. Basic];
    private static readonly HashSet<char> ExtensionSet = [.. Extension];

    public static SmsSegmentsDto Count(string text)
    {
        var units = new List<int>(text.Length);
        var gsm = true;
        foreach (var ch in text)
        {
            if (BasicSet.Contains(ch)) units.Add(1);
            else if (ExtensionSet.Contains(ch)) units.Add(2);
            else
            {
                gsm = false;
                break;
            }
        }
        if (gsm) return Split(Gsm7, units, single: 160, multi: 153);

        // UCS-2: one unit per UTF-16 code unit; a surrogate pair (an emoji) is kept whole.
        units.Clear();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                units.Add(2);
                i++;
            }
            else units.Add(1);
        }
        return Split(Ucs2, units, single: 70, multi: 67);
    }

    private static SmsSegmentsDto Split(string encoding, List<int> units, int single, int multi)
    {
        var total = units.Sum();
        if (total <= single) return new SmsSegmentsDto(encoding, total == 0 ? 0 : 1, total, single, single - total);
        int segments = 1, used = 0;
        foreach (var u in units)
        {
            if (used + u > multi)
            {
                segments++;
                used = 0;
            }
            used += u;
        }
        return new SmsSegmentsDto(encoding, segments, total, multi, multi - used);
    }
}
