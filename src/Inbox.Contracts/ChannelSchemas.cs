using System.Text.Json.Serialization;

namespace Inbox.Contracts;

/// <summary>Text in the console's two languages.</summary>
public sealed record LocalizedTextDto(string En, string Es)
{
    /// <summary>The Spanish text for "es", else the English.</summary>
    public string In(string language) => language == "es" ? Es : En;
}

[JsonConverter(typeof(CamelCaseEnumConverter<ChannelFieldKind>))]
public enum ChannelFieldKind { Text, Url, Secret, Number, Select, Bool }

public sealed record ChannelFieldOptionDto(string Value, LocalizedTextDto Label);

/// <summary>
/// One field of a channel type's settings (GET /api/channel-types). Secret fields go in a request's <c>secrets</c>, the
/// others in its <c>settings</c>; values are strings ("true"/"false" for bool, invariant digits for number). A
/// <see cref="Generated"/> secret left empty at creation is made by the server and returned once.
/// </summary>
public sealed record ChannelFieldDto(
    string Key,
    ChannelFieldKind Kind,
    LocalizedTextDto Label,
    bool Required,
    LocalizedTextDto? Help,
    IReadOnlyList<ChannelFieldOptionDto> Options,
    string? Default,
    bool Generated,
    bool Secret,
    int MaxLength)
{
    /// <summary>A text field whose value is one entry per line: the form shows several lines.</summary>
    public bool Multiline { get; init; }
}

/// <summary>
/// A channel type the server runs: its settings form, what it can do (camelCase capability names such as "text",
/// "attachments", "typingIndicator") and which kinds of address a reply on it can reach.
/// <see cref="IssuesInboundToken"/>: creating one returns an inbound token once.
/// </summary>
public sealed record ChannelTypeDto(
    string Type,
    LocalizedTextDto DisplayName,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<IdentityKind> Reaches,
    IReadOnlyList<ChannelFieldDto> Fields,
    bool IssuesInboundToken);
