using System.Net;
using System.Net.Http.Json;
using Dapper;
using Inbox.Connectors.Twilio;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Telegram;
using Inbox.Tests.Twilio;
using Inbox.Tests.Widget;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Handoff;

/// <summary>One server for a class with a shop's web chat, Telegram bot and WhatsApp number, on loopback Bot API and Twilio.</summary>
public class HandoffInbox : IAsyncLifetime
{
    public const string PublicBase = "https://inbox.shop.test";
    public const string WhatsAppNumber = "+34910000002";

    public LoopbackBotApi Bots { get; private set; } = null!;
    public LoopbackTwilio Twilio { get; private set; } = null!;
    public InboxAppFactory App { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public WebChatChannel Site { get; private set; } = null!;
    public TelegramChannel Telegram { get; private set; } = null!;
    public string TelegramPath { get; private set; } = "";
    public TwilioChannel WhatsApp { get; private set; } = null!;

    protected virtual TimeProvider? Clock => null;

    public async Task InitializeAsync()
    {
        Bots = await LoopbackBotApi.StartAsync();
        Twilio = await LoopbackTwilio.StartAsync();
        var settings = TelegramInboxBase.Settings(webhookMode: true);
        // Every visitor of this class shares one site and one client address, and the clock is fake (the widget's
        // per-address budget never refills): the budget is not what these tests are about.
        settings["Inbox:Widget:PermitsPerSecond"] = "10000";
        App = new InboxAppFactory(settings: settings, time: Clock, services: s => s.Configure<TwilioOptions>(o => o.ApiBaseOverride = Twilio.BaseUrl));
        Admin = App.BearerClient(await App.AdminTokenAsync());
        Site = await App.CreateWebChatAsync(Admin);
        Telegram = await Admin.CreateTelegramChannelAsync(Bots);
        TelegramPath = new Uri((await Admin.GetJsonAsync<ChannelHealthDto>(Routes.ChannelHealth(Telegram.Id))).WebhookUrl!).AbsolutePath;
        var account = Twilio.CreateAccount();
        var created = await Admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels, new CreateChannelRequest(ChannelTypes.WhatsApp, "WhatsApp",
            new() { [TwilioSettings.AccountSid] = account.Sid, [TwilioSettings.From] = WhatsAppNumber },
            new() { [TwilioSettings.AuthToken] = account.AuthToken }));
        var health = await Admin.GetJsonAsync<ChannelHealthDto>(Routes.ChannelHealth(created.Channel.Id));
        WhatsApp = new TwilioChannel(created.Channel.Id, ChannelTypes.WhatsApp, account, health.WebhookUrl!);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Twilio.DisposeAsync();
        await Bots.DisposeAsync();
    }

    private static int _updateId = 50_000;

    /// <summary>Telegram delivers a message from <paramref name="chat"/> to the bot's webhook.</summary>
    public async Task TelegramSaysAsync(long chat, int messageId, string text)
    {
        var update = TelegramUpdates.Message(chat, messageId, text);
        update["update_id"] = Interlocked.Increment(ref _updateId);
        await (await App.PostTelegramWebhookAsync(TelegramPath, update.ToJsonString(), Telegram.SecretToken)).AssertStatusAsync(HttpStatusCode.OK);
    }

    /// <summary>Twilio delivers a WhatsApp message from <paramref name="phone"/>.</summary>
    public async Task WhatsAppSaysAsync(string phone, string text)
    {
        var form = TwilioInbox.IncomingWhatsApp(WhatsApp, phone, text, "Ana");
        using var request = new HttpRequestMessage(HttpMethod.Post, WhatsApp.Path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioTestSignature.Sign(WhatsApp.Account.AuthToken, WhatsApp.WebhookUrl, form));
        var response = await App.CreateClient().SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The conversation the address writes into now (after any link).</summary>
    public async Task<long> ThreadOfAsync(string kind, string address)
    {
        await using var db = App.OpenDatabase();
        return await db.QuerySingleAsync<long>("""
            SELECT c.id FROM conversations c JOIN contact_identities i ON i.contact_id = c.contact_id WHERE i.kind = @Kind AND i.address = @Address
            """, new { Kind = kind, Address = address });
    }

    public async Task<HandoffOfferDto> OfferAsync(WidgetVisitor visitor, long channelId) =>
        await (await visitor.Http.PostAsJsonAsync(HandoffRoutes.WidgetHandoff(Site.Key), new HandoffRequest(channelId))).ReadJsonOrDumpAsync<HandoffOfferDto>();

}
