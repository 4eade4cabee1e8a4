using Inbox.Connectors.Abstractions;
using Inbox.Connectors.Api;
using Inbox.Connectors.Twilio;
using Inbox.Connectors.Email;
using Inbox.Connectors.WebChat;
using Inbox.Connectors.Telegram;
using Inbox.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inbox.Connectors;

public static class ConnectorsServiceCollectionExtensions
{
    /// <summary>Registers every connector as a keyed <see cref="IChannelConnector"/> under its channel type, with its
    /// <see cref="IWebhookReceiver"/> or <see cref="IChannelListener"/> under the same key.</summary>
    public static IServiceCollection AddInboxConnectors(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ApiChannelConnector.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddKeyedSingleton<IChannelConnector, ApiChannelConnector>(ChannelTypes.Api);
        services.AddKeyedSingleton<IWebhookReceiver, ApiChannelReceiver>(ChannelTypes.Api);
        services.AddTwilioConnectors();
        services.AddKeyedSingleton<IChannelConnector, EmailChannelConnector>(ChannelTypes.Email);
        services.AddKeyedSingleton<IChannelListener, EmailListener>(ChannelTypes.Email);
        // Needs the host's IWebVisitorDelivery (the server's widget hub).
        services.AddKeyedSingleton<IChannelConnector, WebChatConnector>(ChannelTypes.WebChat);
        services.AddTelegramConnector();
        return services;
    }

    /// <summary>Telegram: outbound connector, webhook receiver and long-polling listener; its HTTP client logs no URL (they carry the token).</summary>
    private static void AddTelegramConnector(this IServiceCollection services)
    {
        services.AddHttpClient(TelegramBots.HttpClientName, c => c.Timeout = TelegramBots.HttpTimeout).RemoveAllLoggers();
        services.TryAddSingleton<TelegramBots>();
        services.TryAddSingleton<TelegramSendLimiter>();
        services.TryAddSingleton<TelegramBotNames>();
        services.AddKeyedSingleton<IChannelConnector, TelegramConnector>(ChannelTypes.Telegram);
        services.AddKeyedSingleton<IWebhookReceiver, TelegramWebhookReceiver>(ChannelTypes.Telegram);
        services.AddKeyedSingleton<IChannelListener, TelegramListener>(ChannelTypes.Telegram);
    }
}
