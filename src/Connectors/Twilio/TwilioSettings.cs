using Inbox.Connectors.Abstractions;

namespace Inbox.Connectors.Twilio;

/// <summary>The settings form of a Twilio channel (SMS or WhatsApp) and how a channel's values read as one account.</summary>
public static class TwilioSettings
{
    public const string AccountSid = "accountSid";
    public const string AuthToken = "authToken";
    public const string ApiKeySid = "apiKeySid";
    public const string ApiKeySecret = "apiKeySecret";
    public const string From = "from";
    public const string MessagingServiceSid = "messagingServiceSid";
    public const string Templates = "templates";

    public static ChannelSettingsSchema Schema(bool whatsApp)
    {
        List<ChannelSettingField> fields =
        [
            new(AccountSid, SettingKind.Text, new("Account SID", "Account SID"))
            {
                Required = true,
                Help = new("Starts with AC; shown on the Twilio console's home page.", "Empieza por AC; aparece en la página principal de la consola de Twilio."),
            },
            new(AuthToken, SettingKind.Secret, new("Auth token", "Auth token"))
            {
                Required = true,
                Help = new("Twilio signs its webhooks with it, so it is needed even when an API key sends.",
                    "Twilio firma sus webhooks con él, así que hace falta aunque se envíe con una API key."),
            },
            new(ApiKeySid, SettingKind.Text, new("API key SID (optional)", "SID de la API key (opcional)"))
            {
                Help = new("Starts with SK. With its secret, messages are sent with the key instead of the auth token.",
                    "Empieza por SK. Con su secreto, los mensajes se envían con la clave en lugar del auth token."),
            },
            new(ApiKeySecret, SettingKind.Secret, new("API key secret (optional)", "Secreto de la API key (opcional)")),
            new(From, SettingKind.Text, new(whatsApp ? "WhatsApp sender number" : "Sender number", whatsApp ? "Número remitente de WhatsApp" : "Número remitente"))
            {
                Help = new("In international format (+34600111222). Leave empty when a Messaging Service sends.",
                    "En formato internacional (+34600111222). Déjalo vacío si envía un Messaging Service."),
            },
            new(MessagingServiceSid, SettingKind.Text, new("Messaging Service SID (optional)", "SID del Messaging Service (opcional)"))
            {
                Help = new("Starts with MG; used instead of the sender number.", "Empieza por MG; se usa en lugar del número remitente."),
            },
        ];
        if (whatsApp)
        {
            fields.Add(new(Templates, SettingKind.Text, new("Approved templates", "Plantillas aprobadas"))
            {
                Multiline = true,
                Help = new("One per line: name | Content SID (HX…) | text with {{1}}, {{2}}… Used outside WhatsApp's 24-hour window.",
                    "Una por línea: nombre | Content SID (HX…) | texto con {{1}}, {{2}}… Se usan fuera de la ventana de 24 horas de WhatsApp."),
            });
        }
        return new ChannelSettingsSchema(fields);
    }
}

/// <summary>A channel's Twilio account as the SDK needs it: who signs in (auth token or API key) and who sends.</summary>
public sealed record TwilioAccount(string Sid, string Username, string Password, string AuthToken, string? From, string? MessagingServiceSid)
{
    public static bool TryRead(ChannelContext channel, out TwilioAccount account, out string problem)
    {
        account = null!;
        problem = "";
        var sid = channel.Setting(TwilioSettings.AccountSid)?.Trim();
        var token = channel.Secret(TwilioSettings.AuthToken);
        if (sid is null || !sid.StartsWith("AC", StringComparison.Ordinal))
        {
            problem = "The channel has no Twilio Account SID (it starts with AC).";
            return false;
        }
        if (token is null)
        {
            problem = "The channel has no Twilio auth token.";
            return false;
        }
        var keySid = channel.Setting(TwilioSettings.ApiKeySid)?.Trim();
        var keySecret = channel.Secret(TwilioSettings.ApiKeySecret);
        var (user, password) = keySid is not null && keySecret is not null ? (keySid, keySecret) : (sid, token);
        account = new TwilioAccount(sid, user, password, token, channel.Setting(TwilioSettings.From)?.Trim(), channel.Setting(TwilioSettings.MessagingServiceSid)?.Trim());
        return true;
    }

    /// <summary>Never print the credentials.</summary>
    public override string ToString() => $"Twilio account {Sid}";
}
