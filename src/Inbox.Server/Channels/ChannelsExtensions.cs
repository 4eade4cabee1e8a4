using Inbox.Connectors;
using Inbox.Server.Data;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Inbox.Server.Channels;

public static class ChannelsExtensions
{
    /// <summary>Channel configuration with secrets encrypted by Data Protection (keys in {data}/keys), and every connector.</summary>
    public static WebApplicationBuilder AddInboxChannels(this WebApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration[$"{InboxOptions.Section}:{nameof(InboxOptions.DataDirectory)}"] ?? new InboxOptions().DataDirectory;
        var protection = builder.Services.AddDataProtection()
            .SetApplicationName("Inbox")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataDirectory), "keys")));
        var keys = builder.Configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        if (keys.CertificatePath.Length > 0)
        {
            if (!File.Exists(keys.CertificatePath))
                throw new InvalidOperationException($"{KeyProtectionOptions.Section}:CertificatePath names a file that does not exist: {keys.CertificatePath}");
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(keys.CertificatePath, keys.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey) throw new InvalidOperationException($"{KeyProtectionOptions.Section}:CertificatePath has no private key.");
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        builder.Services.AddOptions<KeyProtectionOptions>().BindConfiguration(KeyProtectionOptions.Section);
        builder.Services.AddSingleton<ChannelSecrets>();
        builder.Services.AddSingleton<ChannelStore>();
        builder.Services.AddSingleton<ChannelCache>();
        builder.Services.AddSingleton<ChannelConnectors>();
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ChannelWebhookHandler>();
        builder.Services.AddSingleton<ChannelInputWriter>();
        builder.Services.AddSingleton<ChannelLeaseStore>();
        builder.Services.AddSingleton<ChannelCursorStore>();
        builder.Services.AddSingleton<ChannelHealthStore>();
        builder.Services.AddSingleton<WebhookHealth>();
        builder.Services.AddOptions<ChannelWorkerOptions>().BindConfiguration(ChannelWorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ChannelWorkerHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChannelWorkerHost>());
        builder.Services.AddSingleton<ChannelTypeCatalog>();
        builder.Services.AddSingleton<ChannelCommands>();
        builder.Services.AddSingleton<AgentTypingRelay>();
        builder.Services.AddInboxConnectors();
        return builder;
    }
}
