using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Twilio;

public static class TwilioServiceCollectionExtensions
{
    /// <summary>SMS and WhatsApp through Twilio: one connector and one webhook receiver per channel type, over one
    /// HttpClient that never follows redirects by itself (media redirects are checked hop by hop).</summary>
    public static IServiceCollection AddTwilioConnectors(this IServiceCollection services)
    {
        services.AddOptions<TwilioOptions>();
        services.AddTransient<TwilioApiRedirect>();
        services.AddHttpClient(TwilioOptions.HttpClientName)
            .ConfigureHttpClient((sp, c) => c.Timeout = sp.GetRequiredService<IOptions<TwilioOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler<TwilioApiRedirect>();
        services.AddSingleton<TwilioApi>();
        services.AddSingleton<TwilioMedia>();
        services.AddSingleton<TwilioWebhookReceiver>();
        foreach (var type in new[] { ChannelTypes.Sms, ChannelTypes.WhatsApp })
        {
            services.AddKeyedSingleton<IChannelConnector>(type, (sp, _) => new TwilioConnector(type, sp.GetRequiredService<TwilioApi>()));
            services.AddKeyedSingleton<IWebhookReceiver>(type, (sp, _) => sp.GetRequiredService<TwilioWebhookReceiver>());
        }
        return services;
    }
}
