using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Inbox.Server.Messaging;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Platform;

/// <summary>A push channel on the platform: one endpoint, an unguessable path, the connector verifying and mapping.</summary>
public sealed class ChannelWebhookTests(TestChannelInbox shared) : IClassFixture<TestChannelInbox>, IAsyncLifetime
{
    private readonly InboxAppFactory _app = shared.App;
    private HttpClient _admin = null!;
    private long _channelId;
    private string _path = null!;

    public async Task InitializeAsync()
    {
        _admin = shared.Admin;
        _channelId = await _admin.CreateTestChannelAsync($"Test {Guid.NewGuid():N}");
        var health = await _admin.GetJsonAsync<ChannelHealthDto>(Routes.ChannelHealth(_channelId));
        _path = new Uri(health.WebhookUrl!).AbsolutePath;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_webhook_path_names_no_sequential_id()
    {
        Assert.StartsWith("/webhooks/", _path);
        var key = _path["/webhooks/".Length..];
        Assert.True(key.Length >= 32, key);
        Assert.DoesNotContain(_channelId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/", _path);
    }

    [Fact]
    public async Task A_signed_webhook_is_stored_and_answered_as_the_connector_asks()
    {
        const string body = """[{"id":"w1","from":"ana","text":"hola"},{"id":"w2","from":"ana","text":"¿sigue?"}]""";
        var response = await _app.PostWebhookAsync(_path, body, TestChannel.Sign(TestChannelApp.Secret, body));

        var answer = await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, answer.Split(',').Length);
        Assert.Equal((2, 2), await _app.StoredAsync(_channelId));

        var again = await _app.PostWebhookAsync(_path, body, TestChannel.Sign(TestChannelApp.Secret, body));
        Assert.Equal("dup,dup", await again.AssertStatusAsync(HttpStatusCode.OK));
        Assert.Equal((2, 2), await _app.StoredAsync(_channelId));
    }

    [Fact]
    public async Task A_delivery_report_in_a_webhook_moves_the_reply_forward_and_reaches_the_agent_live()
    {
        const string inbound = """[{"id":"r-in","from":"carla","text":"¿me avisáis?"}]""";
        await (await _app.PostWebhookAsync(_path, inbound, TestChannel.Sign(TestChannelApp.Secret, inbound))).AssertStatusAsync(HttpStatusCode.OK);
        var conversationId = (await _admin.GetJsonAsync<ConversationPage>($"{Routes.Conversations}?channelId={_channelId}")).Items.Single().Id;
        await using var live = await _app.ConnectAgentAsync(await _app.AdminTokenAsync());
        var reply = await _admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest("Sí, mañana"));
        var sent = await Eventually.GetAsync(() => _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId)),
            p => p.Items.Single(m => m.Id == reply.Id).Status == MessageStatus.Sent);
        var providerId = await ProviderIdAsync(reply.Id);

        var report = $$"""[{"id":"{{providerId}}","status":"delivered"}]""";
        await (await _app.PostWebhookAsync(_path, report, TestChannel.Sign(TestChannelApp.Secret, report))).AssertStatusAsync(HttpStatusCode.OK);

        await live.WaitForAsync<MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), s => s.MessageId == reply.Id && s.Status == MessageStatus.Delivered);
        var thread = await _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId));
        Assert.Equal(MessageStatus.Delivered, thread.Items.Single(m => m.Id == reply.Id).Status);
        Assert.Equal((1, 1), await _app.StoredAsync(_channelId));
        Assert.NotNull(sent);
    }

    [Fact]
    public async Task A_report_that_beats_the_outbox_commit_is_applied_once_the_provider_id_is_recorded()
    {
        const string inbound = """[{"id":"early-in","from":"elena","text":"¿llegó?"}]""";
        await (await _app.PostWebhookAsync(_path, inbound, TestChannel.Sign(TestChannelApp.Secret, inbound))).AssertStatusAsync(HttpStatusCode.OK);
        var conversationId = (await _admin.GetJsonAsync<ConversationPage>($"{Routes.Conversations}?channelId={_channelId}")).Items.Single().Id;
        var text = $"Held in flight {Guid.NewGuid():N}";
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        shared.Source.SendGates[text] = gate;
        await using var live = await _app.ConnectAgentAsync(await _app.AdminTokenAsync());

        var reply = await _admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest(text));
        // The provider has the message (our send is in flight) and already reports it delivered.
        var providerId = await Eventually.GetAsync(() => IdempotencyKeyAsync(reply.Id), k => k is not null);
        var report = $$"""[{"id":"{{providerId}}","status":"delivered"}]""";
        await (await _app.PostWebhookAsync(_path, report, TestChannel.Sign(TestChannelApp.Secret, report))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(MessageStatus.Queued, (await _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId))).Items.Single(m => m.Id == reply.Id).Status);

        gate.SetResult();

        await live.WaitForAsync<MessageStatusDto>(nameof(IAgentClient.MessageStatusChanged), s => s.MessageId == reply.Id && s.Status == MessageStatus.Delivered);
        var thread = await _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId));
        Assert.Equal(MessageStatus.Delivered, thread.Items.Single(m => m.Id == reply.Id).Status);
        await using var db = _app.OpenDatabase();
        Assert.Equal(0L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(db,
            "SELECT COUNT(*) FROM early_delivery_reports WHERE channel_id = @Id", new { Id = _channelId }));
    }

    [Fact]
    public async Task A_report_both_sides_missed_under_concurrency_is_claimed_by_the_sweep_and_unclaimed_ones_expire()
    {
        const string inbound = """[{"id":"swept-in","from":"rosa","text":"¿salió?"}]""";
        await (await _app.PostWebhookAsync(_path, inbound, TestChannel.Sign(TestChannelApp.Secret, inbound))).AssertStatusAsync(HttpStatusCode.OK);
        long conversationId;
        await using (var db = _app.OpenDatabase())
            conversationId = await Dapper.SqlMapper.ExecuteScalarAsync<long>(db,
                "SELECT conversation_id FROM messages WHERE channel_id = @Id AND provider_message_id = 'swept-in'", new { Id = _channelId });
        var reply = await _admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest($"Swept {Guid.NewGuid():N}"));
        var providerId = await Eventually.GetAsync(() => ProviderIdAsync(reply.Id), id => id.Length > 0);
        // What a report held while the outbox committed leaves behind (each transaction missed the other's row), and a
        // report about an id we never sent, from two hours ago.
        await using (var db = _app.OpenDatabase())
            await Dapper.SqlMapper.ExecuteAsync(db, """
                INSERT INTO early_delivery_reports (channel_id, provider_message_id, status, error_code, error, received_at)
                VALUES (@Id, @ProviderId, 'delivered', NULL, NULL, @Now), (@Id, 'never-sent', 'delivered', NULL, NULL, @Old)
                """, new { Id = _channelId, ProviderId = providerId, Now = DateTimeOffset.UtcNow, Old = DateTimeOffset.UtcNow.AddHours(-2) });

        var applied = await _app.Services.GetRequiredService<HeldReportSweep>().SweepAsync(default);

        Assert.Equal(1, applied);
        Assert.Equal(MessageStatus.Delivered, (await _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId))).Items.Single(m => m.Id == reply.Id).Status);
        await using var check = _app.OpenDatabase();
        Assert.Equal(0L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(check,
            "SELECT COUNT(*) FROM early_delivery_reports WHERE channel_id = @Id", new { Id = _channelId }));
    }

    private async Task<string?> IdempotencyKeyAsync(long messageId)
    {
        await using var db = _app.OpenDatabase();
        return await Dapper.SqlMapper.ExecuteScalarAsync<string?>(db, "SELECT idempotency_key FROM outbox WHERE message_id = @Id", new { Id = messageId });
    }

    private async Task<string> ProviderIdAsync(long messageId)
    {
        await using var db = _app.OpenDatabase();
        return await Dapper.SqlMapper.ExecuteScalarAsync<string>(db, "SELECT provider_message_id FROM messages WHERE id = @Id", new { Id = messageId }) ?? "";
    }

    [Fact]
    public async Task A_bad_or_missing_signature_stores_nothing()
    {
        const string body = """[{"id":"x1","from":"eve","text":"hola"}]""";
        var tampered = await _app.PostWebhookAsync(_path, body.Replace("hola", "adiós"), TestChannel.Sign(TestChannelApp.Secret, body));
        var missing = await _app.PostWebhookAsync(_path, body, null);
        var wrongKey = await _app.PostWebhookAsync(_path, body, TestChannel.Sign("another-secret", body));

        await tampered.AssertStatusAsync(HttpStatusCode.Forbidden);
        await missing.AssertStatusAsync(HttpStatusCode.Unauthorized);
        await wrongKey.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal((0, 0), await _app.StoredAsync(_channelId));
    }

    [Fact]
    public async Task Admins_see_a_refused_webhook_and_then_the_next_stored_one_in_the_channel_health()
    {
        const string body = """[{"id":"h1","from":"hugo","text":"hola"}]""";
        await (await _app.PostWebhookAsync(_path, body, TestChannel.Sign("a-wrong-secret", body))).AssertStatusAsync(HttpStatusCode.Forbidden);

        var failing = await Eventually.GetAsync(() => _admin.GetJsonAsync<ChannelHealthDto>(Routes.ChannelHealth(_channelId)), h => h.LastError is not null);
        Assert.Contains("403", failing.LastError);
        Assert.DoesNotContain("a-wrong-secret", failing.LastError);

        // The test channel also listens, and each poll of its listener counts as a success too: what this checks is that
        // the stored webhook is newer news than the refused one.
        await (await _app.PostWebhookAsync(_path, body, TestChannel.Sign(TestChannelApp.Secret, body))).AssertStatusAsync(HttpStatusCode.OK);
        var working = await Eventually.GetAsync(() => _admin.GetJsonAsync<ChannelHealthDto>(Routes.ChannelHealth(_channelId)), h => h.LastSuccessAt >= failing.LastErrorAt);
        Assert.Equal(failing.LastErrorAt, working.LastErrorAt);
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_naming_what_is_wrong()
    {
        const string body = """[{"from":"ana","text":"no id"}]""";
        var response = await _app.PostWebhookAsync(_path, body, TestChannel.Sign(TestChannelApp.Secret, body));

        Assert.Contains("id", await response.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Equal((0, 0), await _app.StoredAsync(_channelId));
    }

    [Fact]
    public async Task An_unknown_key_is_a_404_and_a_disabled_channel_refuses_signed_input()
    {
        const string body = """[{"id":"d1","from":"ana","text":"hola"}]""";
        var unknown = await _app.PostWebhookAsync("/webhooks/" + new string('a', 48), body, TestChannel.Sign(TestChannelApp.Secret, body));
        await unknown.AssertStatusAsync(HttpStatusCode.NotFound);

        var other = await _admin.CreateTestChannelAsync($"Disabled {Guid.NewGuid():N}");
        var path = new Uri((await _admin.GetJsonAsync<ChannelHealthDto>(Routes.ChannelHealth(other))).WebhookUrl!).AbsolutePath;
        (await _admin.PatchAsJsonAsync(Routes.Channel(other), new UpdateChannelRequest(null, false, null, null))).EnsureSuccessOrDump();
        var disabled = await _app.PostWebhookAsync(path, body, TestChannel.Sign(TestChannelApp.Secret, body));

        await disabled.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal((0, 0), await _app.StoredAsync(other));
    }
}

/// <summary>One server with the test channel type for a whole test class.</summary>
public sealed class TestChannelInbox : IAsyncLifetime
{
    public TestSource Source { get; } = new();
    public InboxAppFactory App { get; }
    public HttpClient Admin { get; private set; } = null!;

    public TestChannelInbox() => App = TestChannelApp.Node(Source);

    public async Task InitializeAsync() => Admin = await App.AdminClientAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
