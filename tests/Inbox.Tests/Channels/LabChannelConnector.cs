using Inbox.Connectors.Abstractions;
using Inbox.Contracts;

namespace Inbox.Tests.Channels;

/// <summary>
/// A channel type only these tests register: one field of every kind, so the server's checks are exercised beyond the
/// API channel's two fields. It sends nothing; its connection test reports the settings it was given.
/// </summary>
public sealed class LabChannelConnector : IChannelConnector
{
    public const string Type = "lab";

    public string ChannelType => Type;

    public LocalizedText DisplayName { get; } = new("Lab", "Laboratorio");

    public ChannelCapabilities Capabilities => ChannelCapabilities.Text | ChannelCapabilities.Attachments | ChannelCapabilities.TypingIndicator;

    public ChannelSettingsSchema Schema { get; } = new([
        new("account", SettingKind.Text, new("Account", "Cuenta")) { Required = true },
        new("apiKey", SettingKind.Secret, new("API key", "Clave de API")) { Required = true },
        new("callbackUrl", SettingKind.Url, new("Callback URL", "URL de retorno")),
        new("port", SettingKind.Number, new("Port", "Puerto")) { Default = "993" },
        new("region", SettingKind.Select, new("Region", "Región"))
        {
            Options = [new("us", new("United States", "Estados Unidos")), new("eu", new("Europe", "Europa"))],
            Default = "us",
            Help = new("Where the lab keeps data.", "Dónde guarda los datos el laboratorio."),
        },
        new("sandbox", SettingKind.Bool, new("Sandbox", "Pruebas")),
    ]);

    public bool CanReach(IdentityKind kind) => kind == IdentityKind.Phone;

    public Task<SendResult> SendAsync(ChannelContext channel, OutboundMessage message, CancellationToken ct) =>
        Task.FromResult(SendResult.Rejected("Lab channels send nothing."));

    public Task<ConnectionTestResult> TestConnectionAsync(ChannelContext channel, CancellationToken ct) =>
        Task.FromResult(new ConnectionTestResult(channel.Secret("apiKey") is not null, $"key {channel.Secret("apiKey")?.Length ?? 0} chars"));
}
