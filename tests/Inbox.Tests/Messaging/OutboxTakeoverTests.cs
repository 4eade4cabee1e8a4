using System.Net;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Messaging;

/// <summary>
/// A node crashed with replies claimed (its lease still runs for minutes). Another node, or the restarted process,
/// takes them over as soon as the dead node's heartbeat is stale, and leaves a live node's claims alone.
/// </summary>
public sealed class OutboxTakeoverTests(OutboxTakeoverTests.Server server) : IClassFixture<OutboxTakeoverTests.Server>
{
    private readonly InboxAppFactory _app = server.App;
    private readonly WebhookReceiver _webhook = server.Webhook;
    private readonly HttpClient _admin = server.Admin;
    private readonly ApiChannel _channel = server.Channel;

    /// <summary>One server for the class. Retries wait an hour, so a row stays as a test stages it until the sender takes it over.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public InboxAppFactory App { get; } = new(settings: new()
        {
            ["Inbox:Outbox:BaseDelay"] = "01:00:00",
            ["Inbox:Outbox:MaxDelay"] = "01:00:00",
            ["Inbox:Outbox:MaxAttempts"] = "5",
        });

        public WebhookReceiver Webhook { get; private set; } = null!;

        public HttpClient Admin { get; private set; } = null!;

        public ApiChannel Channel { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Webhook = await WebhookReceiver.StartAsync();
            Admin = await App.AdminClientAsync();
            Channel = await App.CreateApiChannelAsync(Admin, Webhook.Url);
            Webhook.Secret = Channel.WebhookSecret;
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Webhook.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_reply_claimed_by_a_dead_node_is_delivered_at_once_and_a_live_nodes_claim_is_left_alone()
    {
        _webhook.Answer = HttpStatusCode.ServiceUnavailable;
        var live = await WaitingReplyAsync("+34600100001", "Lo tiene otro nodo");
        var orphan = await WaitingReplyAsync("+34600100002", "Lo tenía un nodo caído");
        await using (var db = _app.OpenDatabase())
        {
            var now = DateTimeOffset.UtcNow;
            await db.ExecuteAsync("INSERT INTO node_heartbeats (node_id, started_at, heartbeat_at) VALUES ('crashed', @Old, @Old), ('busy', @Now, @Fresh)",
                new { Old = now.AddMinutes(-5), Now = now, Fresh = now.AddHours(1) });
            // Both claims were taken a moment ago with a 10-minute lease; the live node's row is due first.
            await StageClaimAsync(db, live.MessageId, "busy", attempts: 1, nextAttempt: now.AddSeconds(-2), lockedUntil: now.AddMinutes(10));
            await StageClaimAsync(db, orphan.MessageId, "crashed", attempts: 1, nextAttempt: now.AddSeconds(-1), lockedUntil: now.AddMinutes(10));
        }
        _webhook.Answer = HttpStatusCode.OK;

        await Eventually.GetAsync(() => StatusAsync(orphan), s => s == MessageStatus.Sent, TimeSpan.FromSeconds(5));

        Assert.Equal(MessageStatus.Queued, await StatusAsync(live));
        using var read = _app.OpenDatabase();
        var row = await read.QuerySingleAsync<(string LockedBy, long Attempts)>("SELECT locked_by, attempts FROM outbox WHERE message_id = @Id", new { Id = live.MessageId });
        Assert.Equal(("busy", 1L), row);
        Assert.Single(_webhook.Deliveries, d => d.IdempotencyKey == orphan.IdempotencyKey && d.Answer == HttpStatusCode.OK);
        Assert.DoesNotContain(_webhook.Deliveries, d => d.IdempotencyKey == live.IdempotencyKey && d.Answer == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_dead_nodes_claim_with_no_attempts_left_is_parked_as_failed_without_sending_again()
    {
        _webhook.Answer = HttpStatusCode.ServiceUnavailable;
        var reply = await WaitingReplyAsync("+34600100003", "Sin intentos");
        await using (var db = _app.OpenDatabase())
        {
            // The crashed node made the last allowed attempt and died before recording its outcome.
            await StageClaimAsync(db, reply.MessageId, "crashed-before-recording", attempts: 5, nextAttempt: DateTimeOffset.UtcNow.AddSeconds(-1),
                lockedUntil: DateTimeOffset.UtcNow.AddMinutes(10));
        }
        _webhook.Answer = HttpStatusCode.OK;

        var failed = await Eventually.GetAsync(() => MessageAsync(reply), m => m.Status == MessageStatus.Failed, TimeSpan.FromSeconds(5));

        Assert.Contains("Gave up after 5 attempts", failed.Error);
        Assert.Contains("503", failed.Error);
        Assert.Single(_webhook.Deliveries, d => d.IdempotencyKey == reply.IdempotencyKey);
        using var read = _app.OpenDatabase();
        Assert.NotNull(await read.ExecuteScalarAsync<string?>("SELECT failed_at FROM outbox WHERE message_id = @Id", new { Id = reply.MessageId }));
    }

    [Fact]
    public async Task A_running_node_keeps_its_heartbeat_fresh()
    {
        using var db = _app.OpenDatabase();
        const string Ours = "SELECT heartbeat_at FROM node_heartbeats WHERE node_id NOT IN ('crashed', 'busy', 'crashed-before-recording') ORDER BY heartbeat_at DESC LIMIT 1";
        var first = DateTimeOffset.Parse(await db.ExecuteScalarAsync<string>(Ours) ?? throw new Xunit.Sdk.XunitException("This node has no heartbeat row"),
            System.Globalization.CultureInfo.InvariantCulture);

        await Eventually.GetAsync(async () => DateTimeOffset.Parse((await db.ExecuteScalarAsync<string>(Ours))!, System.Globalization.CultureInfo.InvariantCulture),
            at => at > first, TimeSpan.FromSeconds(10));
    }

    /// <summary>A reply whose first attempt failed: its row waits an hour for the next one, unclaimed.</summary>
    private async Task<WaitingReply> WaitingReplyAsync(string customer, string text)
    {
        var inbound = await _app.PushAcceptedAsync(_channel, $"in-{customer}", customer, "Hola");
        var reply = await _admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest(text));
        using var db = _app.OpenDatabase();
        var key = await Eventually.GetAsync(
            () => db.QuerySingleOrDefaultAsync<string?>("SELECT idempotency_key FROM outbox WHERE message_id = @Id AND attempts = 1 AND locked_until IS NULL", new { Id = reply.Id }),
            k => k is not null);
        return new WaitingReply(inbound.ConversationId, reply.Id, key!);
    }

    private static async Task StageClaimAsync(System.Data.Common.DbConnection db, long messageId, string owner, int attempts, DateTimeOffset nextAttempt, DateTimeOffset lockedUntil) =>
        await db.ExecuteAsync("UPDATE outbox SET locked_by = @Owner, attempts = @Attempts, next_attempt_at = @Next, locked_until = @Until WHERE message_id = @Id",
            new { Id = messageId, Owner = owner, Attempts = attempts, Next = nextAttempt, Until = lockedUntil });

    private async Task<MessageDto> MessageAsync(WaitingReply reply) =>
        (await _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(reply.ConversationId))).Items.Single(m => m.Id == reply.MessageId);

    private async Task<MessageStatus?> StatusAsync(WaitingReply reply) => (await MessageAsync(reply)).Status;

    private sealed record WaitingReply(long ConversationId, long MessageId, string IdempotencyKey);
}
