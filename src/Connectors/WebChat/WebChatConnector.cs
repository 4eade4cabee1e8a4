using Inbox.Connectors.Abstractions;
using Inbox.Contracts;

namespace Inbox.Connectors.WebChat;

/// <summary>
/// The website chat widget as a channel. Visitors write through the server's widget endpoints and hub (the same inbound
/// writer as every channel); an agent's reply is handed to <see cref="IWebVisitorDelivery"/>, which pushes it to the
/// visitor's open widgets. It is sent once stored and pushed, delivered when a widget acknowledges it.
/// </summary>
public sealed class WebChatConnector(IWebVisitorDelivery delivery) : IChannelConnector
{
    public const string AllowedOriginsSetting = "allowedOrigins";
    public const string BrandColorSetting = "brandColor";
    public const string GreetingSetting = "greeting";
    public const string BusinessHoursSetting = "businessHours";
    public const string TimeZoneSetting = "timeZone";
    public const string SneakPeekSetting = "sneakPeek";
    public const string PreChatSetting = "preChatForm";
    public const string IdentitySecret = "identitySecret";

    public string ChannelType => ChannelTypes.WebChat;

    public LocalizedText DisplayName { get; } = new("Website chat", "Chat de la web");

    public ChannelCapabilities Capabilities =>
        ChannelCapabilities.Text | ChannelCapabilities.Attachments | ChannelCapabilities.TypingIndicator | ChannelCapabilities.DeliveryReceipts;

    public ChannelSettingsSchema Schema { get; } = new([
        new(AllowedOriginsSetting, SettingKind.Text, new("Allowed origins", "Orígenes permitidos"))
        {
            Required = true,
            Help = new("The sites that may show the widget, as https://shop.example (several separated by commas).",
                "Los sitios que pueden mostrar el widget, como https://tienda.ejemplo (varios separados por comas)."),
        },
        new(BrandColorSetting, SettingKind.Text, new("Brand colour", "Color de marca")) { Default = WebChatSettings.DefaultBrandColor },
        new(GreetingSetting, SettingKind.Text, new("Greeting", "Saludo"))
        {
            Help = new("Shown when a visitor opens the chat.", "Se muestra cuando un visitante abre el chat."),
        },
        new(BusinessHoursSetting, SettingKind.Text, new("Business hours", "Horario de atención"))
        {
            Help = new("Like 'mon-fri 09:00-18:00; sat 10:00-14:00'. Empty: always open. Outside them the widget asks for an email.",
                "Como 'mon-fri 09:00-18:00; sat 10:00-14:00'. Vacío: siempre abierto. Fuera de horario el widget pide un email."),
        },
        new(TimeZoneSetting, SettingKind.Text, new("Time zone", "Zona horaria")) { Default = "UTC", Help = new("An IANA id such as Europe/Madrid.", "Un identificador IANA como Europe/Madrid.") },
        new(SneakPeekSetting, SettingKind.Bool, new("Sneak peek", "Vista previa de escritura"))
        {
            Default = "false",
            Help = new("Agents see what visitors type before they send it (the widget says so).",
                "Los agentes ven lo que escribe el visitante antes de enviarlo (el widget lo indica)."),
        },
        new(PreChatSetting, SettingKind.Bool, new("Ask name before the chat", "Pedir el nombre antes del chat"))
        {
            Default = "false",
            Help = new("Before the first message the widget asks the visitor's name and, optionally, an email (not verified: it links nothing).",
                "Antes del primer mensaje el widget pide el nombre del visitante y, si quiere, un email (sin verificar: no vincula nada)."),
        },
        new(IdentitySecret, SettingKind.Secret, new("Identity verification secret", "Secreto de verificación de identidad"))
        {
            Generated = true,
            Help = new("Your site signs its user id with HMAC-SHA256 and this secret; only signed users see their history.",
                "Tu sitio firma el id de su usuario con HMAC-SHA256 y este secreto; solo los usuarios firmados ven su historial."),
        },
    ]);

    /// <summary>Files both ways: a visitor's upload and an agent's reply, each up to this size. The bytes never pass through
    /// the connector: the widget uploads to and downloads from the server's file store.</summary>
    public long MaxAttachmentBytes => 10 * 1024 * 1024;

    public bool CanReach(IdentityKind kind) => kind == IdentityKind.WebVisitor;

    public async Task<SendResult> SendAsync(ChannelContext channel, OutboundMessage message, CancellationToken ct)
    {
        if (message.To.Kind != IdentityKind.WebVisitor) return SendResult.Rejected("A website chat reply can only go to a website visitor.");
        await delivery.PushAsync(channel, message, ct);
        return SendResult.Sent(IWebVisitorDelivery.ProviderMessageId(message.MessageId));
    }

    public Task<ConnectionTestResult> TestConnectionAsync(ChannelContext channel, CancellationToken ct)
    {
        var settings = WebChatSettings.Of(channel);
        if (settings.AllowedOrigins.Count == 0) return Task.FromResult(new ConnectionTestResult(false, "No allowed origins: no site can show the widget."));
        var bad = settings.AllowedOrigins.FirstOrDefault(o => !WebChatSettings.IsOrigin(o));
        if (bad is not null) return Task.FromResult(new ConnectionTestResult(false, $"'{bad}' is not an origin like https://shop.example."));
        if (!BusinessHours.TryParse(channel.Setting(BusinessHoursSetting), channel.Setting(TimeZoneSetting), out _, out var problem))
            return Task.FromResult(new ConnectionTestResult(false, problem));
        return Task.FromResult(new ConnectionTestResult(true, $"The widget may show on {string.Join(", ", settings.AllowedOrigins)}."));
    }
}
