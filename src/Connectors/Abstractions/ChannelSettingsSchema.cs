namespace Inbox.Connectors.Abstractions;

/// <summary>Text in the console's two languages.</summary>
public sealed record LocalizedText(string En, string Es);

public enum SettingKind { Text, Url, Secret, Number, Select, Bool }

public sealed record SettingOption(string Value, LocalizedText Label);

/// <summary>
/// One field of a channel type's settings form. <see cref="SettingKind.Secret"/> fields are encrypted at rest and never
/// returned; a <see cref="Generated"/> secret left empty is created by the server and shown to the admin once.
/// </summary>
public sealed record ChannelSettingField(string Key, SettingKind Kind, LocalizedText Label)
{
    public bool Required { get; init; }

    public LocalizedText? Help { get; init; }

    public IReadOnlyList<SettingOption> Options { get; init; } = [];

    public string? Default { get; init; }

    public bool Generated { get; init; }

    /// <summary>Text shown over several lines in the form (one entry per line, such as WhatsApp templates).</summary>
    public bool Multiline { get; init; }

    public bool IsSecret => Kind == SettingKind.Secret;
}

/// <summary>The typed fields a channel type takes: the console builds its forms from them, the server validates with them.</summary>
public sealed record ChannelSettingsSchema(IReadOnlyList<ChannelSettingField> Fields)
{
    public IReadOnlyList<string> Settings => Fields.Where(f => !f.IsSecret).Select(f => f.Key).ToList();

    public IReadOnlyList<string> Secrets => Fields.Where(f => f.IsSecret).Select(f => f.Key).ToList();

    public ChannelSettingField? Field(string key) => Fields.FirstOrDefault(f => f.Key == key);
}
