using Inbox.Server.Contacts;
using Inbox.Server.Conversations;
using Inbox.Server.Live;

namespace Inbox.Server.Messaging;

public static class MessagingExtensions
{
    /// <summary>Contacts, conversations, the inbound pipeline, replies and the outbox sender.</summary>
    public static WebApplicationBuilder AddInboxMessaging(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton<ContactStore>();
        s.AddSingleton<ContactCommands>();
        s.AddHostedService<ContactSearchBackfill>();
        s.AddSingleton<ConversationStore>();
        s.AddSingleton<ConversationCommands>();
        s.AddSingleton<ConversationEventStore>();
        s.AddSingleton<MessageStore>();
        s.AddSingleton<OutboxStore>();
        s.AddSingleton<OutboxSignal>();
        s.AddSingleton<ReplyService>();
        s.AddSingleton<InboundPipeline>();
        s.AddHostedService(sp => sp.GetRequiredService<InboundPipeline>());
        s.AddHostedService<OutboxSender>();
        s.AddHostedService<SnoozeWaker>();
        return builder;
    }
}
