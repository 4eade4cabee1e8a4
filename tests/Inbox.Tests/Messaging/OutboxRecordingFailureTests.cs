using System.Net;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Messaging;

/// <summary>
/// The reply goes out, but the database refuses to record it as sent (here a trigger stands in for a failing disk or a
/// constraint). Each such attempt counts; after MaxAttempts the reply is parked as failed with the reason, never re-sent forever.
/// </summary>
public sealed class OutboxRecordingFailureTests
{
    [Fact]
    public async Task A_reply_whose_outcome_cannot_be_recorded_is_parked_failed_after_max_attempts()
    {
        await using var app = new InboxAppFactory(settings: new() { ["Inbox:Outbox:MaxAttempts"] = "3" });
        await using var webhook = await WebhookReceiver.StartAsync();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin, webhook.Url);
        webhook.Secret = channel.WebhookSecret;
        var inbound = await app.PushAcceptedAsync(channel, "m-1", "+34600555444", "Hola");
        await app.RefuseWritesAsync("UPDATE OF status", "messages", "NEW.status = 'sent' AND NEW.text = 'No se puede registrar'", "simulated storage failure");
        await using var agent = await app.ConnectAgentAsync(await app.AdminTokenAsync());

        var reply = await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("No se puede registrar"));

        var failed = await agent.WaitForAsync<MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), s => s.MessageId == reply.Id && s.Status == MessageStatus.Failed);
        Assert.Contains("Gave up after 3 attempts", failed.Error);
        Assert.Contains("could not be recorded", failed.Error);
        Assert.Contains("simulated storage failure", failed.Error);
        var stored = (await admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(inbound.ConversationId))).Items.Single(m => m.Id == reply.Id);
        Assert.Equal((MessageStatus.Failed, failed.Error), (stored.Status!.Value, stored.Error));
        // Every attempt reached the integrator with the same key; it accepted the reply once.
        Assert.Equal(3, webhook.Deliveries.Count);
        Assert.All(webhook.Deliveries, d => Assert.Equal(HttpStatusCode.OK, d.Answer));
        Assert.Single(webhook.AcceptedKeys);
        using var read = app.OpenDatabase();
        var row = await read.QuerySingleAsync<(long Attempts, string? FailedAt)>("SELECT attempts, failed_at FROM outbox WHERE message_id = @Id", new { Id = reply.Id });
        Assert.Equal(3, row.Attempts);
        Assert.NotNull(row.FailedAt);
    }
}
