using System.Text.Json;
using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Data;
using Inbox.Server.Messaging;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Messaging;

/// <summary>
/// A provider calls back about replies we sent (sent, delivered, read, failed), often late, repeated or out of order.
/// The reports go through the server's <see cref="DeliveryReports"/>, as the webhook endpoint and listeners hand them over.
/// </summary>
public sealed class DeliveryReportTests(SharedInbox shared) : SharedInboxTest(shared)
{
    private DeliveryReports Reports => App.Services.GetRequiredService<DeliveryReports>();

    [Fact]
    public async Task Delivered_before_sent_stays_delivered_then_read_and_the_console_sees_each_change_live()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        var channel = await ChannelAnsweringIdsAsync(webhook);
        var reply = await SentReplyAsync(channel, webhook, "Tu pedido sale hoy");
        await using var agent = await App.ConnectAgentAsync(AdminToken);

        var applied = await Reports.ApplyAsync([Report(channel, reply, DeliveryStatus.Delivered), Report(channel, reply, DeliveryStatus.Sent)], default);

        Assert.Equal([MessageStatus.Delivered], applied.Select(a => a.Status));
        await agent.WaitForAsync<MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), s => s.MessageId == reply.MessageId && s.Status == MessageStatus.Delivered);
        Assert.Equal(MessageStatus.Delivered, (await StoredAsync(reply)).Status);

        await Reports.ApplyAsync([Report(channel, reply, DeliveryStatus.Read), Report(channel, reply, DeliveryStatus.Delivered)], default);

        await agent.WaitForAsync<MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), s => s.MessageId == reply.MessageId && s.Status == MessageStatus.Read);
        Assert.Equal(MessageStatus.Read, (await StoredAsync(reply)).Status);
    }

    [Fact]
    public async Task A_failure_after_delivery_was_confirmed_is_ignored()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        var channel = await ChannelAnsweringIdsAsync(webhook);
        var reply = await SentReplyAsync(channel, webhook, "Gracias por tu compra");
        await Reports.ApplyAsync([Report(channel, reply, DeliveryStatus.Delivered)], default);

        var applied = await Reports.ApplyAsync([Report(channel, reply, DeliveryStatus.Failed) with { ErrorCode = "30003", Error = "Unreachable destination handset" }], default);

        Assert.Empty(applied);
        var stored = await StoredAsync(reply);
        Assert.Equal(MessageStatus.Delivered, stored.Status);
        Assert.Null(stored.Error);
        Assert.Null(stored.ErrorCode);
    }

    [Fact]
    public async Task A_failed_reply_keeps_the_first_error_code_and_reason_and_never_moves_on()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        var channel = await ChannelAnsweringIdsAsync(webhook);
        var reply = await SentReplyAsync(channel, webhook, "¿Te llamo?");
        await using var agent = await App.ConnectAgentAsync(AdminToken);

        await Reports.ApplyAsync([Report(channel, reply, DeliveryStatus.Failed) with { ErrorCode = "30003", Error = "Unreachable destination handset" }], default);
        var later = await Reports.ApplyAsync([
            Report(channel, reply, DeliveryStatus.Failed) with { ErrorCode = "30005", Error = "Unknown destination handset" },
            Report(channel, reply, DeliveryStatus.Delivered),
        ], default);

        Assert.Empty(later);
        var live = await agent.WaitForAsync<MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), s => s.MessageId == reply.MessageId && s.Status == MessageStatus.Failed);
        Assert.Equal((MessageStatus.Failed, "30003", "Unreachable destination handset"), (live.Status, live.ErrorCode, live.Error));
        var stored = await StoredAsync(reply);
        Assert.Equal((MessageStatus.Failed, "30003", "Unreachable destination handset"), (stored.Status!.Value, stored.ErrorCode, stored.Error));
    }

    [Fact]
    public async Task A_failure_without_a_reason_shows_the_providers_code()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        var channel = await ChannelAnsweringIdsAsync(webhook);
        var reply = await SentReplyAsync(channel, webhook, "Hola");

        await Reports.ApplyAsync([Report(channel, reply, DeliveryStatus.Failed) with { ErrorCode = "30007" }], default);

        var stored = await StoredAsync(reply);
        Assert.Equal(MessageStatus.Failed, stored.Status);
        Assert.Equal("30007", stored.ErrorCode);
        Assert.Contains("30007", stored.Error);
    }

    [Fact]
    public async Task A_repeated_report_changes_nothing_and_raises_no_event()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        var channel = await ChannelAnsweringIdsAsync(webhook);
        var reply = await SentReplyAsync(channel, webhook, "Ya está en camino");
        await using var agent = await App.ConnectAgentAsync(AdminToken);
        var before = await agent.Connection.InvokeAsync<long>(nameof(IAgentHub.GetLatestEventId));

        var first = await Reports.ApplyAsync([Report(channel, reply, DeliveryStatus.Delivered)], default);
        var again = await Reports.ApplyAsync([Report(channel, reply, DeliveryStatus.Delivered), Report(channel, reply, DeliveryStatus.Delivered)], default);

        Assert.Single(first);
        Assert.Empty(again);
        var events = (await agent.EventsSinceAsync(before)).Where(e => e.ConversationId == reply.ConversationId).ToList();
        var change = Assert.Single(events);
        Assert.Equal(AgentEventTypes.MessageStatusChanged, change.Type);
        Assert.Equal(MessageStatus.Delivered, change.Payload.Deserialize<MessageStatusDto>(JsonSerializerOptions.Web)!.Status);
    }

    [Fact]
    public async Task Reports_for_ids_we_never_sent_or_from_another_channel_are_dropped_and_the_rest_applied()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        var channel = await ChannelAnsweringIdsAsync(webhook);
        var reply = await SentReplyAsync(channel, webhook, "Te esperamos");

        var applied = await Reports.ApplyAsync([
            new DeliveryReport(channel.Id, "never-sent-by-us", DeliveryStatus.Delivered, DateTimeOffset.UtcNow),
            Report(channel, reply, DeliveryStatus.Read) with { ChannelId = Channel.Id },
            Report(channel, reply, DeliveryStatus.Delivered),
        ], default);

        var only = Assert.Single(applied);
        Assert.Equal((reply.MessageId, MessageStatus.Delivered), (only.MessageId, only.Status));
        Assert.Equal(MessageStatus.Delivered, (await StoredAsync(reply)).Status);
    }

    [Fact]
    public async Task Reports_applied_in_the_callers_transaction_are_undone_with_it_and_pushed_after_its_commit()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        var channel = await ChannelAnsweringIdsAsync(webhook);
        var reply = await SentReplyAsync(channel, webhook, "Mañana a las 10");
        await using var agent = await App.ConnectAgentAsync(AdminToken);
        var db = App.Services.GetRequiredService<IDbConnectionFactory>();

        await using (var c = await db.OpenAsync(default))
        await using (var tx = await c.BeginTransactionAsync())
        {
            Assert.Single(await Reports.ApplyAsync(c, tx, [Report(channel, reply, DeliveryStatus.Delivered)], default));
            await tx.RollbackAsync();
        }
        Assert.Equal(MessageStatus.Sent, (await StoredAsync(reply)).Status);

        IReadOnlyList<AppliedDeliveryReport> applied;
        await using (var c = await db.OpenAsync(default))
        await using (var tx = await c.BeginTransactionAsync())
        {
            applied = await Reports.ApplyAsync(c, tx, [Report(channel, reply, DeliveryStatus.Read)], default);
            await tx.CommitAsync();
        }
        await Reports.PublishAsync(applied, default);

        await agent.WaitForAsync<MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), s => s.MessageId == reply.MessageId && s.Status == MessageStatus.Read);
        Assert.DoesNotContain(agent.Received, r => r.Payload is MessageStatusDto { Status: MessageStatus.Delivered } s && s.MessageId == reply.MessageId);
        Assert.Equal(MessageStatus.Read, (await StoredAsync(reply)).Status);
    }

    [Fact]
    public async Task Two_replies_the_provider_answers_with_the_same_id_are_each_sent_once_and_both_delivered()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.AnswerId = _ => "thread-77";
        var channel = await App.CreateApiChannelAsync(Admin, webhook.Url, name: $"Same ids {Guid.NewGuid():N}");
        webhook.Secret = channel.WebhookSecret;
        var inbound = await App.PushAcceptedAsync(channel, "in-1", "crm-same-id", "Hola", kind: "external");

        var first = await Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("Primera"));
        var second = await Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("Segunda"));

        await Eventually.GetAsync(() => Admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(inbound.ConversationId)),
            page => page.Items.Where(m => m.Id == first.Id || m.Id == second.Id).All(m => m.Status == MessageStatus.Sent));
        using (var db = App.OpenDatabase())
            Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE message_id IN (@A, @B)", new { A = first.Id, B = second.Id }));
        Assert.Equal(2, webhook.Deliveries.Count);
        Assert.Equal(2, webhook.AcceptedKeys.Count);

        var applied = await Reports.ApplyAsync([new DeliveryReport(channel.Id, "thread-77", DeliveryStatus.Delivered, DateTimeOffset.UtcNow)], default);

        Assert.Equal([first.Id, second.Id], applied.Select(a => a.MessageId));
    }

    [Fact]
    public async Task An_inbound_and_an_outbound_message_may_share_a_provider_id_and_a_repeated_inbound_is_still_dropped()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.AnswerId = _ => "shared-9";
        var channel = await App.CreateApiChannelAsync(Admin, webhook.Url, name: $"Shared ids {Guid.NewGuid():N}");
        webhook.Secret = channel.WebhookSecret;
        var inbound = await App.PushAcceptedAsync(channel, "shared-9", "crm-shared", "Hola", kind: "external");
        var reply = await Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("¡Hola!"));
        await Eventually.GetAsync(() => Admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(inbound.ConversationId)),
            page => page.Items.Single(m => m.Id == reply.Id).Status == MessageStatus.Sent);

        var repeat = await App.PushAcceptedAsync(channel, "shared-9", "crm-shared", "Hola", kind: "external");
        var applied = await Reports.ApplyAsync([new DeliveryReport(channel.Id, "shared-9", DeliveryStatus.Delivered, DateTimeOffset.UtcNow)], default);

        Assert.True(repeat.Duplicate);
        Assert.Equal(inbound.MessageId, repeat.MessageId);
        Assert.Equal([reply.Id], applied.Select(a => a.MessageId));
        var page = await Admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(inbound.ConversationId));
        Assert.Equal([MessageStatus.Received, MessageStatus.Delivered], page.Items.Select(m => m.Status!.Value));
    }

    private async Task<ApiChannel> ChannelAnsweringIdsAsync(WebhookReceiver webhook)
    {
        webhook.AnswerId = key => $"prov-{key}";
        var channel = await App.CreateApiChannelAsync(Admin, webhook.Url, name: $"Reports {Guid.NewGuid():N}");
        webhook.Secret = channel.WebhookSecret;
        return channel;
    }

    /// <summary>A customer writes, an admin answers, and the reply is sent; its provider id is what the webhook answered.</summary>
    private async Task<SentReply> SentReplyAsync(ApiChannel channel, WebhookReceiver webhook, string text)
    {
        var customer = $"crm-{Guid.NewGuid():N}";
        var inbound = await App.PushAcceptedAsync(channel, $"in-{customer}", customer, "Hola", kind: "external");
        var reply = await Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest(text));
        var sent = new SentReply(inbound.ConversationId, reply.Id, "");
        await Eventually.GetAsync(() => StoredAsync(sent), m => m.Status == MessageStatus.Sent);
        var delivery = webhook.Deliveries.Single(d => JsonDocument.Parse(d.Body).RootElement.GetProperty("messageId").GetInt64() == reply.Id);
        return sent with { ProviderMessageId = $"prov-{delivery.IdempotencyKey}" };
    }

    private async Task<MessageDto> StoredAsync(SentReply reply) =>
        (await Admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(reply.ConversationId))).Items.Single(m => m.Id == reply.MessageId);

    private static DeliveryReport Report(ApiChannel channel, SentReply reply, DeliveryStatus status) =>
        new(channel.Id, reply.ProviderMessageId, status, DateTimeOffset.UtcNow);

    private sealed record SentReply(long ConversationId, long MessageId, string ProviderMessageId);
}
