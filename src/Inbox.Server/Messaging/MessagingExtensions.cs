using Inbox.Server.Contacts;
using Inbox.Server.Conversations;
using Inbox.Server.Data;
using Inbox.Server.Live;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inbox.Server.Messaging;

public static class MessagingExtensions
{
    /// <summary>Contacts, conversations, the inbound pipeline, replies, delivery reports, the outbox sender and the node heartbeat it relies on.</summary>
    public static WebApplicationBuilder AddInboxMessaging(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton<ContactStore>();
        s.AddSingleton<ContactCommands>();
        s.AddSingleton<MergedIds>();
        s.AddSingleton<ProvenAddresses>();
        s.AddHostedService<ContactSearchBackfill>();
        s.AddSingleton<PersonalDataErasure>();
        s.AddSingleton<ContactExport>();
        s.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddHostedService<ConversationRetention>();
        s.AddSingleton<ConversationStore>();
        s.AddSingleton<ConversationActivity>();
        s.AddSingleton<ConversationCommands>();
        s.AddSingleton<BulkCommands>();
        s.AddSingleton<Labels.LabelStore>();
        s.AddSingleton<CannedResponses.CannedResponseStore>();
        s.AddSingleton<Mentions.MentionStore>();
        s.AddSingleton<Notifications.NotificationStore>();
        s.AddSingleton<ConversationEventStore>();
        s.AddSingleton<MessageStore>();
        s.AddSingleton<MessageThreads>();
        s.AddSingleton<MessageStatusChanges>();
        s.AddSingleton<EarlyDeliveryReportStore>();
        s.AddSingleton<DeliveryReports>();
        s.AddSingleton<HeldReportSweep>();
        s.AddHostedService(sp => sp.GetRequiredService<HeldReportSweep>());
        s.AddSingleton<OutboxStore>();
        s.AddSingleton<ReplyWindows>();
        s.AddSingleton<OutboxSignal>();
        s.AddSingleton<ReplyService>();
        // Before the outbox sender: the first heartbeat is written before anything is claimed in this node's name.
        s.TryAddSingleton<NodeIdentity>();
        s.AddSingleton<NodeHeartbeatStore>();
        s.AddHostedService<NodeHeartbeat>();
        s.AddSingleton<InboundPipeline>();
        s.AddHostedService(sp => sp.GetRequiredService<InboundPipeline>());
        s.AddHostedService<OutboxSender>();
        s.AddHostedService<SnoozeWaker>();
        return builder;
    }
}
