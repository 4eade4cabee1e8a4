using System.Net;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Platform;

namespace Inbox.Tests.Telegram;

/// <summary>
/// With a public base URL the channel's listener registers our webhook (setWebhook with a random secret token) and
/// Telegram posts each update to /webhooks/{key}: verified in fixed time, stored, then answered 200.
/// </summary>
public sealed class TelegramWebhookTests(TelegramWebhookInbox shared) : IClassFixture<TelegramWebhookInbox>
{
    private InboxAppFactory App => shared.App;
    private HttpClient Admin => shared.Admin;

    /// <summary>A channel whose webhook Telegram now knows: (channel, the path Telegram calls, the secret it sends).</summary>
    private async Task<(TelegramChannel Channel, string Path)> RegisteredAsync()
    {
        var channel = await Admin.CreateTelegramChannelAsync(shared.Api);
        var url = await Eventually.GetAsync(() => Task.FromResult(channel.Bot.WebhookUrl), u => u is not null);
        Assert.StartsWith(TelegramInboxBase.PublicBaseUrl + "/webhooks/", url);
        Assert.Equal(channel.SecretToken, channel.Bot.WebhookSecret);
        return (channel, new Uri(url!).AbsolutePath);
    }

    private static string Body(System.Text.Json.Nodes.JsonObject update, int updateId)
    {
        update["update_id"] = updateId;
        return update.ToJsonString();
    }

    [Fact]
    public async Task The_webhook_is_registered_with_a_secret_token_and_updates_land_in_the_chat_thread()
    {
        var (channel, path) = await RegisteredAsync();
        var chat = TelegramUpdates.NewChatId();

        var response = await App.PostTelegramWebhookAsync(path, Body(TelegramUpdates.Message(chat, 1, "¿Abrís el domingo?"), 501), channel.SecretToken);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        await (await App.PostTelegramWebhookAsync(path, Body(TelegramUpdates.Message(chat, 2, "Es para recoger"), 502), channel.SecretToken)).AssertStatusAsync(HttpStatusCode.OK);

        var thread = await App.ThreadOfChatAsync(Admin, chat);
        var messages = await Admin.MessagesAsync(thread.Id);
        Assert.Equal(["¿Abrís el domingo?", "Es para recoger"], messages.Select(m => m.Text));
        Assert.All(messages, m => Assert.Equal(channel.Id, m.ChannelId));
        Assert.DoesNotContain(channel.Bot.Token, channel.Bot.WebhookUrl);
        Assert.Empty(channel.Bot.CallsOf("getUpdates"));
    }

    [Fact]
    public async Task An_update_posted_again_by_telegram_is_stored_once()
    {
        var (channel, path) = await RegisteredAsync();
        var body = Body(TelegramUpdates.Message(TelegramUpdates.NewChatId(), 1, "hola"), 601);

        await (await App.PostTelegramWebhookAsync(path, body, channel.SecretToken)).AssertStatusAsync(HttpStatusCode.OK);
        await (await App.PostTelegramWebhookAsync(path, body, channel.SecretToken)).AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal((1, 1), await App.StoredAsync(channel.Id));
    }

    [Fact]
    public async Task A_missing_secret_token_is_401_and_a_wrong_one_403_and_nothing_is_stored()
    {
        var (channel, path) = await RegisteredAsync();
        var body = Body(TelegramUpdates.Message(TelegramUpdates.NewChatId(), 1, "forged"), 701);

        await (await App.PostTelegramWebhookAsync(path, body, null)).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await App.PostTelegramWebhookAsync(path, body, channel.SecretToken + "x")).AssertStatusAsync(HttpStatusCode.Forbidden);
        await (await App.PostTelegramWebhookAsync(path, body, channel.SecretToken[..^1])).AssertStatusAsync(HttpStatusCode.Forbidden);
        // The bot token is not the secret token either.
        await (await App.PostTelegramWebhookAsync(path, body, channel.Bot.Token)).AssertStatusAsync(HttpStatusCode.Forbidden);

        Assert.Equal((0, 0), await App.StoredAsync(channel.Id));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"update_id":"abc"}""")]
    [InlineData("""{"message":{"message_id":1,"date":1700000000,"text":"no chat"}}""")]
    [InlineData("""{"update_id":9,"message":{"date":1700000000,"chat":{"id":5,"type":"private"},"text":"no id"}}""")]
    [InlineData("[]")]
    public async Task A_malformed_update_is_400_and_nothing_is_stored(string body)
    {
        var (channel, path) = await RegisteredAsync();

        await (await App.PostTelegramWebhookAsync(path, body, channel.SecretToken)).AssertStatusAsync(HttpStatusCode.BadRequest);

        Assert.Equal((0, 0), await App.StoredAsync(channel.Id));
    }

    [Fact]
    public async Task An_update_kind_inbox_does_not_keep_is_answered_200_so_telegram_does_not_retry_it()
    {
        var (channel, path) = await RegisteredAsync();

        var response = await App.PostTelegramWebhookAsync(path, Body(TelegramUpdates.MyChatMember(TelegramUpdates.NewChatId()), 801), channel.SecretToken);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal((0, 0), await App.StoredAsync(channel.Id));
    }
}
