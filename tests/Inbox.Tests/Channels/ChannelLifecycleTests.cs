using System.Net;
using System.Net.Http.Json;
using Inbox.Connectors.Abstractions;
using Inbox.Connectors.Api;
using Inbox.Connectors.Telegram;
using Inbox.Connectors.WebChat;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Channels;

/// <summary>An admin rotates what Inbox issued for a channel (old values work through the grace, then are refused) and
/// archives a channel (inbound refused, nothing sent, history kept).</summary>
public sealed class ChannelLifecycleTests
{
    [Fact]
    public async Task A_rotated_inbound_token_works_through_the_grace_and_is_refused_after_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new InboxAppFactory(time: clock);
        var admin = await app.AdminClientAsync();
        var old = await app.CreateApiChannelAsync(admin);

        var rotated = await admin.PostJsonAsync<ChannelRotatedDto>(Routes.ChannelRotate(old.Id), new RotateChannelRequest(2));
        var current = old with { InboundToken = rotated.InboundToken!, WebhookSecret = rotated.GeneratedSecrets["webhookSecret"] };

        Assert.NotEqual(old.InboundToken, current.InboundToken);
        Assert.NotEqual(old.WebhookSecret, current.WebhookSecret);
        Assert.Equal(clock.GetUtcNow().AddHours(2), rotated.OldValidUntil);
        Assert.Equal(rotated.OldValidUntil, rotated.Channel.RetiredUntil);
        Assert.Equal(HttpStatusCode.OK, (await app.PushApiMessageAsync(old, "g-1", "+34600100001", "Sigo con el token viejo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PushApiMessageAsync(current, "g-2", "+34600100001", "Y con el nuevo")).StatusCode);

        clock.Advance(TimeSpan.FromHours(2));

        var refused = await app.PushApiMessageAsync(old, "g-3", "+34600100001", "El viejo ya no");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PushApiMessageAsync(current, "g-4", "+34600100001", "El nuevo sí")).StatusCode);
        var thread = await admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(
            (await app.PushAcceptedAsync(current, "g-5", "+34600100001", "fin")).ConversationId));
        Assert.DoesNotContain(thread.Items, m => m.Text == "El viejo ya no");
    }

    [Fact]
    public async Task During_the_grace_replies_are_signed_with_both_secrets_so_either_verifies()
    {
        await using var app = new InboxAppFactory();
        await using var webhook = await WebhookReceiver.StartAsync();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin, webhook.Url);
        var inbound = await app.PushAcceptedAsync(channel, "s-1", "crm-7", "Hola", kind: "external");
        var rotated = await admin.PostJsonAsync<ChannelRotatedDto>(Routes.ChannelRotate(channel.Id), new RotateChannelRequest(24));

        webhook.Secret = channel.WebhookSecret;
        var first = await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("uno"));
        var byOld = await webhook.WaitForDeliveryAsync(d => d.Body.Contains($"\"messageId\":{first.Id},", StringComparison.Ordinal));
        webhook.Secret = rotated.GeneratedSecrets["webhookSecret"];
        var second = await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("dos"));
        var byNew = await webhook.WaitForDeliveryAsync(d => d.Body.Contains($"\"messageId\":{second.Id},", StringComparison.Ordinal));

        Assert.True(byOld.SignatureValid, "the integration not yet updated still verifies");
        Assert.True(byNew.SignatureValid, "the updated integration verifies");
    }

    [Fact]
    public async Task The_health_shows_the_newest_message_in_and_the_newest_reply_out_with_its_status_but_not_notes()
    {
        await using var app = new InboxAppFactory();
        await using var webhook = await WebhookReceiver.StartAsync();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin, webhook.Url);
        webhook.Secret = channel.WebhookSecret;
        var quiet = await admin.GetJsonAsync<ChannelHealthDto>(Routes.ChannelHealth(channel.Id));
        Assert.Null(quiet.LastMessageInAt);
        Assert.Null(quiet.LastMessageOutAt);

        var inbound = await app.PushAcceptedAsync(channel, "h-1", "crm-9", "Hola", kind: "external");
        var reply = await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("Buenas"));
        await webhook.WaitForDeliveryAsync(d => d.Body.Contains($"\"messageId\":{reply.Id},", StringComparison.Ordinal));
        await admin.PostJsonAsync<MessageDto>(Routes.ConversationNotes(inbound.ConversationId), new NoteRequest("nota"));

        var health = await Eventually.GetAsync(
            () => admin.GetJsonAsync<ChannelHealthDto>(Routes.ChannelHealth(channel.Id)),
            h => h.LastMessageOutStatus == MessageStatus.Sent);
        var thread = await admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(inbound.ConversationId));
        Assert.Equal(thread.Items.Single(m => m.Text == "Hola").CreatedAt, health.LastMessageInAt);
        Assert.Equal(reply.CreatedAt, health.LastMessageOutAt);
    }

    [Fact]
    public async Task A_rotation_with_no_grace_refuses_the_old_token_at_once_and_a_bad_grace_is_a_clear_400()
    {
        await using var app = new InboxAppFactory();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin);

        var tooLong = await admin.PostAsJsonAsync(Routes.ChannelRotate(channel.Id), new RotateChannelRequest(10_000));
        Assert.Contains("\"graceHours\"", await tooLong.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.OK, (await app.PushApiMessageAsync(channel, "n-1", "+34600100002", "aún vale")).StatusCode);

        var rotated = await admin.PostJsonAsync<ChannelRotatedDto>(Routes.ChannelRotate(channel.Id), new RotateChannelRequest(0));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PushApiMessageAsync(channel, "n-2", "+34600100002", "ya no")).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await app.PushApiMessageAsync(channel with { InboundToken = rotated.InboundToken! }, "n-3", "+34600100002", "nuevo")).StatusCode);
    }

    [Fact]
    public async Task An_archived_channel_refuses_inbound_and_replies_but_keeps_its_history()
    {
        await using var app = new InboxAppFactory();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin);
        var inbound = await app.PushAcceptedAsync(channel, "a-1", "+34600100003", "¿Abrís el domingo?");

        var archive = await admin.DeleteAsync(Routes.Channel(channel.Id));
        var archived = await archive.ReadJsonOrDumpAsync<ChannelDto>();

        Assert.NotNull(archived.ArchivedAt);
        Assert.False(archived.Enabled);
        Assert.Equal(HttpStatusCode.Gone, (await app.PushApiMessageAsync(channel, "a-2", "+34600100003", "¿Hola?")).StatusCode);
        var history = await admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(inbound.ConversationId));
        Assert.Contains(history.Items, m => m.Text == "¿Abrís el domingo?");
        var reply = await admin.PostAsJsonAsync(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("Sí", ChannelId: channel.Id));
        Assert.Contains("archived", await reply.AssertStatusAsync(HttpStatusCode.BadRequest));
        var enable = await admin.PatchAsJsonAsync(Routes.Channel(channel.Id), new UpdateChannelRequest(null, true, null, null));
        Assert.Equal(HttpStatusCode.Conflict, enable.StatusCode);
        var rotate = await admin.PostAsJsonAsync(Routes.ChannelRotate(channel.Id), new RotateChannelRequest(1));
        Assert.Equal(HttpStatusCode.Conflict, rotate.StatusCode);
        var listed = await admin.GetJsonAsync<List<ChannelDto>>(Routes.Channels);
        Assert.NotNull(listed.Single(c => c.Id == channel.Id).ArchivedAt);
    }
}

/// <summary>The retired secret counts only inside its grace, for every verifier that reads it.</summary>
public sealed class RetiredCredentialsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static ChannelContext Rotated(string key, string current, string old) =>
        new(1, "c", new Dictionary<string, string>(), new Dictionary<string, string> { [key] = current })
        {
            Retired = new RetiredCredentials(null, new Dictionary<string, string> { [key] = old }, Now.AddHours(1)),
        };

    [Fact]
    public void A_telegram_webhook_with_the_retired_secret_token_is_accepted_in_the_grace_only()
    {
        var channel = Rotated(TelegramBots.WebhookSecretToken, "new-token", "old-token");
        var receiver = new TelegramWebhookReceiver(null!, Microsoft.Extensions.Logging.Abstractions.NullLogger<TelegramWebhookReceiver>.Instance);
        WebhookRequest Call(string token, DateTimeOffset at) => new(new Uri("https://inbox.test/webhooks/k"), "POST",
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [TelegramWebhookReceiver.SecretHeader] = token }, "{}"u8.ToArray(), at);

        Assert.True(receiver.Verify(channel, Call("old-token", Now.AddMinutes(59))).Authentic);
        Assert.True(receiver.Verify(channel, Call("new-token", Now.AddHours(2))).Authentic);
        Assert.False(receiver.Verify(channel, Call("old-token", Now.AddHours(1))).Authentic);
    }

    [Fact]
    public void A_widget_identity_hash_made_with_the_retired_secret_verifies_in_the_grace_only()
    {
        var channel = Rotated(WebChatConnector.IdentitySecret, "new-secret", "old-secret");
        var oldHash = WebChatSettings.Sign("old-secret", "user-42");

        Assert.True(WebChatSettings.Verifies(channel, Now, "user-42", oldHash));
        Assert.True(WebChatSettings.Verifies(channel, Now.AddDays(1), "user-42", WebChatSettings.Sign("new-secret", "user-42")));
        Assert.False(WebChatSettings.Verifies(channel, Now.AddHours(1), "user-42", oldHash));
        Assert.False(WebChatSettings.Verifies(channel, Now, "user-43", oldHash));
    }

    [Fact]
    public void A_webhook_signed_with_two_secrets_verifies_with_either_and_not_with_a_third()
    {
        var header = ApiWebhookSignature.SignAll(["new", "old"], 1_700_000_000, "{}");
        var at = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        Assert.Contains(", ", header);
        Assert.True(ApiWebhookSignature.Verify("new", "1700000000", header, "{}", at, TimeSpan.FromMinutes(5)));
        Assert.True(ApiWebhookSignature.Verify("old", "1700000000", header, "{}", at, TimeSpan.FromMinutes(5)));
        Assert.False(ApiWebhookSignature.Verify("other", "1700000000", header, "{}", at, TimeSpan.FromMinutes(5)));
    }
}
