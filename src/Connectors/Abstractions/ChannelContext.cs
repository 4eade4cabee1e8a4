namespace Inbox.Connectors.Abstractions;

/// <summary>A configured channel as a connector sees it: settings plus decrypted secrets, nothing of storage.</summary>
public sealed record ChannelContext(
    long ChannelId,
    string Name,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, string> Secrets)
{
    public string? Setting(string key) => Settings.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
    public string? Secret(string key) => Secrets.TryGetValue(key, out var v) && !string.IsNullOrEmpty(v) ? v : null;
}
