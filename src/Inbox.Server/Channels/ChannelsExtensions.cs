using Inbox.Connectors;
using Inbox.Server.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Inbox.Server.Channels;

public static class ChannelsExtensions
{
    /// <summary>Channel configuration with secrets encrypted by Data Protection (keys in {data}/keys), and every connector.</summary>
    public static WebApplicationBuilder AddInboxChannels(this WebApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration[$"{InboxOptions.Section}:{nameof(InboxOptions.DataDirectory)}"] ?? new InboxOptions().DataDirectory;
        builder.Services.AddDataProtection()
            .SetApplicationName("Inbox")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataDirectory), "keys")));
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
