using System.Net;
using System.Text.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Messaging;

/// <summary>An agent answers; the reply leaves through the outbox to the integrator's signed webhook.</summary>
public sealed class OutboxTests
{
    [Fact]
    public async Task A_reply_is_delivered_signed_and_its_status_reaches_the_agent()
    {
        await using var app = new InboxAppFactory();
        await using var webhook = await WebhookReceiver.StartAsync();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin, webhook.Url);
        webhook.Secret = channel.WebhookSecret;
        var inbound = await app.PushAcceptedAsync(channel, "crm-1", "crm-customer-42", "¿Hacéis envíos?", kind: "external");
        await using var agent = await app.ConnectAgentAsync(await app.AdminTokenAsync());

        var reply = await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("Sí, a toda España"));

        Assert.Equal(MessageStatus.Queued, reply.Status);
        var delivery = await webhook.WaitForDeliveryAsync(d => d.SignatureValid);
        using var payload = JsonDocument.Parse(delivery.Body);
        Assert.Equal("Sí, a toda España", payload.RootElement.GetProperty("text").GetString());
        Assert.Equal("crm-customer-42", payload.RootElement.GetProperty("to").GetProperty("address").GetString());
        Assert.Equal("external", payload.RootElement.GetProperty("to").GetProperty("kind").GetString());
        Assert.Equal(reply.Id, payload.RootElement.GetProperty("messageId").GetInt64());
        var status = await agent.WaitForAsync<MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), s => s.MessageId == reply.Id);
        Assert.Equal(MessageStatus.Sent, status.Status);
        var stored = await admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(inbound.ConversationId));
        Assert.Equal(MessageStatus.Sent, stored.Items.Single(m => m.Id == reply.Id).Status);
    }

    [Fact]
    public async Task A_queued_reply_survives_a_restart_and_is_delivered_once()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.Answer = HttpStatusCode.ServiceUnavailable; // the integrator is down while we run the first time
        var dataDirectory = Path.Combine(Path.GetTempPath(), "inbox-tests", Guid.NewGuid().ToString("N"));
        long conversationId, replyId;

        await using (var first = new InboxAppFactory(dataDirectory))
        {
            var admin = await first.AdminClientAsync();
            var channel = await first.CreateApiChannelAsync(admin, webhook.Url);
            webhook.Secret = channel.WebhookSecret;
            conversationId = (await first.PushAcceptedAsync(channel, "m-1", "+34600999888", "Hola")).ConversationId;
            replyId = (await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest("Te llamamos mañana"))).Id;
            await webhook.WaitForDeliveryAsync(d => d.Answer == HttpStatusCode.ServiceUnavailable);
            var queued = await admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId));
            Assert.Equal(MessageStatus.Queued, queued.Items.Single(m => m.Id == replyId).Status);
        }

        webhook.Answer = HttpStatusCode.OK;
        await using (var second = new InboxAppFactory(dataDirectory))
        {
            var admin = await second.AdminClientAsync();
            var sent = await Eventually.GetAsync(
                () => admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId)),
                page => page.Items.Single(m => m.Id == replyId).Status == MessageStatus.Sent);
            Assert.NotNull(sent);
        }

        // Every attempt, before and after the restart, carried the same key; the integrator accepted it once.
        Assert.Single(webhook.Deliveries.Select(d => d.IdempotencyKey).Distinct());
        Assert.Single(webhook.AcceptedKeys);
        Assert.Single(webhook.Deliveries, d => d.Answer == HttpStatusCode.OK);
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task A_permanent_rejection_marks_the_reply_failed_with_the_reason()
    {
        await using var app = new InboxAppFactory();
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.Answer = HttpStatusCode.UnprocessableEntity;
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin, webhook.Url);
        webhook.Secret = channel.WebhookSecret;
        var inbound = await app.PushAcceptedAsync(channel, "m-1", "+34600999888", "Hola");
        await using var agent = await app.ConnectAgentAsync(await app.AdminTokenAsync());

        var reply = await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("¿Sigues ahí?"));

        var status = await agent.WaitForAsync<MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), s => s.MessageId == reply.Id);
        Assert.Equal(MessageStatus.Failed, status.Status);
        Assert.Contains("422", status.Error);
        Assert.Single(webhook.Deliveries);
        var stored = await admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(inbound.ConversationId));
        Assert.Contains("422", stored.Items.Single(m => m.Id == reply.Id).Error);
    }

    [Fact]
    public async Task Retryable_failures_are_retried_until_the_webhook_accepts()
    {
        await using var app = new InboxAppFactory();
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.Answer = HttpStatusCode.TooManyRequests;
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin, webhook.Url);
        webhook.Secret = channel.WebhookSecret;
        var inbound = await app.PushAcceptedAsync(channel, "m-1", "+34600999888", "Hola");

        var reply = await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("Un momento"));
        await webhook.WaitForDeliveryAsync(d => d.Answer == HttpStatusCode.TooManyRequests);
        await webhook.WaitForDeliveryAsync(_ => webhook.Deliveries.Count >= 2);
        webhook.Answer = HttpStatusCode.OK;

        await Eventually.GetAsync(
            () => admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(inbound.ConversationId)),
            page => page.Items.Single(m => m.Id == reply.Id).Status == MessageStatus.Sent);
        Assert.True(webhook.Deliveries.Count >= 3);
        Assert.Single(webhook.Deliveries.Select(d => d.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task A_private_note_never_leaves_the_inbox()
    {
        await using var app = new InboxAppFactory();
        await using var webhook = await WebhookReceiver.StartAsync();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin, webhook.Url);
        webhook.Secret = channel.WebhookSecret;
        var inbound = await app.PushAcceptedAsync(channel, "m-1", "+34600999888", "Hola");

        var note = await admin.PostJsonAsync<MessageDto>(Routes.ConversationNotes(inbound.ConversationId), new NoteRequest("Cliente VIP, ofrecer descuento"));
        var reply = await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("¡Hola!"));

        Assert.True(note.IsPrivate);
        Assert.Null(note.Status);
        await Eventually.GetAsync(
            () => admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(inbound.ConversationId)),
            page => page.Items.Single(m => m.Id == reply.Id).Status == MessageStatus.Sent);
        Assert.Single(webhook.Deliveries);
        Assert.DoesNotContain("VIP", webhook.Deliveries[0].Body);
    }
}
