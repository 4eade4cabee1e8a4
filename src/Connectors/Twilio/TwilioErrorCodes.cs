namespace Inbox.Connectors.Twilio;

/// <summary>What Twilio's most common delivery error codes mean, for the agent who sees a failed reply.</summary>
public static class TwilioErrorCodes
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["30001"] = "Queue overflow",
        ["30002"] = "Account suspended",
        ["30003"] = "Unreachable destination handset",
        ["30004"] = "Message blocked",
        ["30005"] = "Unknown destination handset",
        ["30006"] = "Landline or unreachable carrier",
        ["30007"] = "Message filtered by the carrier",
        ["30008"] = "Unknown error",
        ["63016"] = "Outside WhatsApp's 24-hour window: send an approved template",
    };

    /// <summary>"Twilio 30003: Unreachable destination handset"; the message Twilio sent when it names one.</summary>
    public static string Describe(string? code, string? message, string status)
    {
        if (code is null) return $"Twilio reported the message {status}.";
        var meaning = message ?? (Known.TryGetValue(code, out var known) ? known : $"message {status}");
        return $"Twilio {code}: {meaning}";
    }
}
