using System.Net.Http.Json;
using Dapper;
using Inbox.Connectors.Telegram;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Platform;

namespace Inbox.Tests.Telegram;

/// <summary>One loopback Bot API and one Inbox server for a test class; each test makes its own bot and channel.</summary>
public abstract class TelegramInboxBase : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://inbox.shop.test";

    public LoopbackBotApi Api { get; private set; } = null!;
    public InboxAppFactory App { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public string AdminToken { get; private set; } = "";

    protected abstract bool WebhookMode { get; }

    public async Task InitializeAsync()
    {
        Api = await LoopbackBotApi.StartAsync();
        App = new InboxAppFactory(settings: Settings(WebhookMode));
        AdminToken = await App.AdminTokenAsync();
        Admin = App.BearerClient(AdminToken);
    }

    /// <summary>Fast listener restarts, and an outbox whose longest wait is long enough to honour a retry_after.</summary>
    public static Dictionary<string, string?> Settings(bool webhookMode)
    {
        var settings = TestChannelApp.FastWorkers;
        settings["Inbox:Outbox:MaxDelay"] = "00:00:05";
        if (webhookMode) settings["Inbox:Webhooks:PublicBaseUrl"] = PublicBaseUrl;
        return settings;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Api.DisposeAsync();
    }
}

public sealed class TelegramPollingInbox : TelegramInboxBase
{
    protected override bool WebhookMode => false;
}

public sealed class TelegramWebhookInbox : TelegramInboxBase
{
    protected override bool WebhookMode => true;
}

/// <summary>A Telegram channel as the tests see it: its id, its bot on the loopback API, and its generated webhook secret token.</summary>
public sealed record TelegramChannel(long Id, LoopbackBot Bot, string SecretToken);

public static class TelegramIntents
{
    public static async Task<TelegramChannel> CreateTelegramChannelAsync(this HttpClient admin, LoopbackBotApi api, LoopbackBot? bot = null)
    {
        bot ??= api.NewBot();
        var created = await admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels, new CreateChannelRequest(ChannelTypes.Telegram, $"Telegram {bot.Id}",
            new() { [TelegramBots.ApiBaseUrlSetting] = api.BaseUrl }, new() { [TelegramBots.BotTokenSecret] = bot.Token }));
        return new TelegramChannel(created.Channel.Id, bot, created.GeneratedSecrets[TelegramBots.WebhookSecretToken]);
    }

    /// <summary>The thread of a Telegram chat (found by its identity address), once it exists.</summary>
    public static async Task<ConversationDto> ThreadOfChatAsync(this InboxAppFactory app, HttpClient admin, long chatId)
    {
        var conversationId = await Eventually.GetAsync(async () =>
        {
            await using var db = app.OpenDatabase();
            return await db.QuerySingleOrDefaultAsync<long?>("""
                SELECT c.id FROM conversations c JOIN contact_identities i ON i.contact_id = c.contact_id
                WHERE i.kind = 'telegram' AND i.address = @Address
                """, new { Address = chatId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }, id => id is not null);
        return await admin.GetJsonAsync<ConversationDto>(Routes.Conversation(conversationId!.Value));
    }

    public static async Task<IReadOnlyList<MessageDto>> MessagesAsync(this HttpClient admin, long conversationId) =>
        (await admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId))).Items;

    public static async Task<HttpResponseMessage> PostTelegramWebhookAsync(this InboxAppFactory app, string path, string body, string? secretToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (secretToken is not null) request.Headers.Add(TelegramWebhookReceiver.SecretHeader, secretToken);
        return await app.CreateClient().SendAsync(request);
    }

    public static async Task<MessageDto> ReplyAsync(this HttpClient admin, long conversationId, string text, IReadOnlyList<long>? attachmentIds = null) =>
        await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest(text, AttachmentIds: attachmentIds));
}
