using Inbox.Connectors.Abstractions;

namespace Inbox.Connectors.Twilio;

/// <summary>The WhatsApp templates an admin entered in the channel's settings, one per line:
/// <c>name | HX… (Content SID) | text with {{1}}</c>. Lines that do not read so are skipped.</summary>
public static class TwilioTemplates
{
    public static IReadOnlyList<MessageTemplate> Parse(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting)) return [];
        var templates = new List<MessageTemplate>();
        foreach (var line in setting.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|', 3, StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || parts[0].Length == 0 || parts[2].Length == 0) continue;
            if (!parts[1].StartsWith("HX", StringComparison.Ordinal) || parts[1].Length > 64) continue;
            templates.Add(new MessageTemplate(parts[0], parts[1], parts[2]));
        }
        return templates;
    }
}
