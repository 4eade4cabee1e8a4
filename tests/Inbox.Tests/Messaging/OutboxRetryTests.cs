using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Messaging;

/// <summary>A reply failed (the integrator rejected it or was down too long); after fixing things, the agent retries it.</summary>
public sealed class OutboxRetryTests
{
    [Fact]
    public async Task A_failed_reply_is_retried_by_the_agent_with_the_same_idempotency_key_and_delivered()
    {
        await using var app = new InboxAppFactory();
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.Answer = HttpStatusCode.BadRequest;
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin, webhook.Url);
        webhook.Secret = channel.WebhookSecret;
        var inbound = await app.PushAcceptedAsync(channel, "m-1", "+34600777888", "Hola");
        var reply = await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("¿Te ayudo?"));
        await Eventually.GetAsync(() => admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(inbound.ConversationId)),
            page => page.Items.Single(m => m.Id == reply.Id).Status == MessageStatus.Failed);
        await using var agent = await app.ConnectAgentAsync(await app.AdminTokenAsync());

        webhook.Answer = HttpStatusCode.OK;
        var retried = await admin.PostJsonAsync<MessageDto>(Routes.MessageRetry(inbound.ConversationId, reply.Id), new { });

        Assert.Equal(MessageStatus.Queued, retried.Status);
        Assert.Null(retried.Error);
        await agent.WaitForAsync<MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), s => s.MessageId == reply.Id && s.Status == MessageStatus.Queued);
        await agent.WaitForAsync<MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);
        Assert.Equal(2, webhook.Deliveries.Count);
        Assert.Single(webhook.Deliveries.Select(d => d.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task Only_failed_replies_can_be_retried()
    {
        await using var app = new InboxAppFactory();
        await using var webhook = await WebhookReceiver.StartAsync();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin, webhook.Url);
        webhook.Secret = channel.WebhookSecret;
        var inbound = await app.PushAcceptedAsync(channel, "m-1", "+34600777888", "Hola");
        var reply = await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("Hola"));
        await Eventually.GetAsync(() => admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(inbound.ConversationId)),
            page => page.Items.Single(m => m.Id == reply.Id).Status == MessageStatus.Sent);

        var sent = await admin.PostAsJsonAsync(Routes.MessageRetry(inbound.ConversationId, reply.Id), new { });
        var customers = await admin.PostAsJsonAsync(Routes.MessageRetry(inbound.ConversationId, inbound.MessageId), new { });
        var elsewhere = await admin.PostAsJsonAsync(Routes.MessageRetry(inbound.ConversationId + 1000, reply.Id), new { });

        Assert.Contains("Only a failed reply", await sent.AssertStatusAsync(HttpStatusCode.Conflict));
        await customers.AssertStatusAsync(HttpStatusCode.Conflict);
        await elsewhere.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Single(webhook.Deliveries);
    }
}
