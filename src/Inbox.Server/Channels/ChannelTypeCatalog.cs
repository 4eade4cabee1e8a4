using System.Text.Json;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;

namespace Inbox.Server.Channels;

/// <summary>The registered channel types as the API describes them (GET /api/channel-types): read from the connectors once.</summary>
public sealed class ChannelTypeCatalog(ChannelConnectors connectors)
{
    private readonly Lazy<IReadOnlyList<ChannelTypeDto>> _all = new(() => connectors.All.Select(c => Describe(c, connectors.Receiver(c.ChannelType))).ToList());

    public IReadOnlyList<ChannelTypeDto> All => _all.Value;

    public static ChannelTypeDto Describe(IChannelConnector connector, IWebhookReceiver? receiver) => new(
        connector.ChannelType,
        Text(connector.DisplayName),
        CapabilityNames(connector.Capabilities),
        Enum.GetValues<IdentityKind>().Where(connector.CanReach).ToList(),
        connector.Schema.Fields.Select(Field).ToList(),
        receiver?.IssuesInboundToken == true);

    /// <summary>Each flag set, as a camelCase name ("typingIndicator").</summary>
    public static IReadOnlyList<string> CapabilityNames(ChannelCapabilities capabilities) =>
        Enum.GetValues<ChannelCapabilities>()
            .Where(c => c != ChannelCapabilities.None && capabilities.HasFlag(c))
            .Select(c => JsonNamingPolicy.CamelCase.ConvertName(c.ToString()))
            .ToList();

    private static ChannelFieldDto Field(ChannelSettingField field) => new(
        field.Key,
        Enum.Parse<ChannelFieldKind>(field.Kind.ToString()), // the same names on both sides of the wire
        Text(field.Label),
        field.Required,
        field.Help is null ? null : Text(field.Help),
        field.Options.Select(o => new ChannelFieldOptionDto(o.Value, Text(o.Label))).ToList(),
        field.IsSecret ? null : field.Default,
        field.Generated,
        field.IsSecret,
        ChannelSettingsValidator.MaxLength(field.Kind)) { Multiline = field.Multiline };

    private static LocalizedTextDto Text(LocalizedText text) => new(text.En, text.Es);
}
