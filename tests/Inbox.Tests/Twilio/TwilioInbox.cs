using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Inbox.Connectors.Twilio;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Twilio;

/// <summary>One server and one loopback Twilio for a whole test class. The server's public base URL is
/// <see cref="PublicBase"/> (what Twilio signs), and its Twilio connector talks to the loopback instead of api.twilio.com.</summary>
public sealed class TwilioInbox : IAsyncLifetime
{
    public const string PublicBase = "https://inbox.shop.test";

    public LoopbackTwilio Twilio { get; private set; } = null!;
    public InboxAppFactory App { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Twilio = await LoopbackTwilio.StartAsync();
        App = new InboxAppFactory(
            // MaxDelay above the factory's 0.3 s, so Twilio's own Retry-After (which the outbox caps at MaxDelay) is seen.
            settings: new() { ["Inbox:Webhooks:PublicBaseUrl"] = PublicBase, ["Inbox:Outbox:MaxDelay"] = "00:00:05" },
            services: s => s.Configure<TwilioOptions>(o => o.ApiBaseOverride = Twilio.BaseUrl));
        Admin = await App.AdminClientAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Twilio.DisposeAsync();
    }

    /// <summary>An admin sets up an SMS or WhatsApp channel on a fresh loopback account.</summary>
    public async Task<TwilioChannel> CreateChannelAsync(string type, string from = "+34910000001", string? templates = null, bool apiKey = false,
        LoopbackTwilio.Account? account = null, string? messagingServiceSid = null)
    {
        account ??= Twilio.CreateAccount();
        var settings = new Dictionary<string, string> { [TwilioSettings.AccountSid] = account.Sid };
        if (messagingServiceSid is null) settings[TwilioSettings.From] = from;
        else settings[TwilioSettings.MessagingServiceSid] = messagingServiceSid;
        if (templates is not null) settings[TwilioSettings.Templates] = templates;
        var secrets = new Dictionary<string, string> { [TwilioSettings.AuthToken] = account.AuthToken };
        if (apiKey)
        {
            settings[TwilioSettings.ApiKeySid] = account.ApiKeySid;
            secrets[TwilioSettings.ApiKeySecret] = account.ApiKeySecret;
        }
        var created = await Admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels,
            new CreateChannelRequest(type, $"{type} {Guid.NewGuid():N}", settings, secrets));
        var health = await Admin.GetJsonAsync<ChannelHealthDto>(Routes.ChannelHealth(created.Channel.Id));
        return new TwilioChannel(created.Channel.Id, type, account, health.WebhookUrl!);
    }

    /// <summary>Twilio calls the channel's webhook with these form parameters, signed as Twilio signs (over
    /// <paramref name="signedUrl"/>, the channel's webhook URL unless a test says otherwise).</summary>
    public async Task<HttpResponseMessage> PostAsTwilioAsync(TwilioChannel channel, IReadOnlyDictionary<string, string> form, string? signedUrl = null,
        string? signature = null, bool sign = true, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Path + query) { Content = new FormUrlEncodedContent(form) };
        if (sign) request.Headers.Add("X-Twilio-Signature", signature ?? TwilioTestSignature.Sign(channel.Account.AuthToken, (signedUrl ?? channel.WebhookUrl) + query, form));
        return await App.CreateClient().SendAsync(request);
    }

    public async Task<ConversationDto> ConversationOfChannelAsync(long channelId) =>
        (await Admin.GetJsonAsync<ConversationPage>($"{Routes.Conversations}?channelId={channelId}")).Items.Single();

    public async Task<IReadOnlyList<MessageDto>> ThreadAsync(long conversationId) =>
        (await Admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId))).Items;

    public async Task<MessageDto> ReplyAsync(long conversationId, ReplyRequest reply) =>
        await Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), reply);

    public async Task<MessageDto> WaitForStatusAsync(long conversationId, long messageId, Func<MessageDto, bool> done) =>
        await Eventually.GetAsync(async () => (await ThreadAsync(conversationId)).Single(m => m.Id == messageId), done);

    /// <summary>Rows of inbound messages stored for the channel.</summary>
    public async Task<long> InboundCountAsync(long channelId)
    {
        await using var db = App.OpenDatabase();
        return await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE channel_id = @Id AND direction = 'inbound'", new { Id = channelId });
    }

    public static Dictionary<string, string> IncomingSms(TwilioChannel channel, string from, string body, string? sid = null) => new()
    {
        ["ToCountry"] = "ES", ["SmsMessageSid"] = sid ??= NewSid("SM"), ["NumMedia"] = "0", ["SmsSid"] = sid, ["SmsStatus"] = "received",
        ["Body"] = body, ["To"] = "+34910000001", ["NumSegments"] = "1", ["MessageSid"] = sid, ["AccountSid"] = channel.Account.Sid,
        ["From"] = from, ["ApiVersion"] = "2010-04-01",
    };

    public static Dictionary<string, string> IncomingWhatsApp(TwilioChannel channel, string from, string body, string? profileName = null, string? sid = null)
    {
        sid ??= NewSid("SM");
        var form = new Dictionary<string, string>
        {
            ["SmsMessageSid"] = sid, ["NumMedia"] = "0", ["SmsSid"] = sid, ["SmsStatus"] = "received", ["Body"] = body,
            ["To"] = "whatsapp:+34910000002", ["NumSegments"] = "1", ["MessageType"] = "text", ["MessageSid"] = sid,
            ["AccountSid"] = channel.Account.Sid, ["From"] = "whatsapp:" + from, ["WaId"] = from.TrimStart('+'), ["ApiVersion"] = "2010-04-01",
        };
        if (profileName is not null) form["ProfileName"] = profileName;
        return form;
    }

    public static Dictionary<string, string> StatusCallback(TwilioChannel channel, string messageSid, string status, string? errorCode = null)
    {
        var form = new Dictionary<string, string>
        {
            ["SmsSid"] = messageSid, ["SmsStatus"] = status, ["MessageStatus"] = status, ["To"] = "+34600000000", ["MessageSid"] = messageSid,
            ["AccountSid"] = channel.Account.Sid, ["From"] = "+34910000001", ["ApiVersion"] = "2010-04-01",
        };
        if (errorCode is not null) form["ErrorCode"] = errorCode;
        return form;
    }

    public static string NewSid(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A unique Spanish mobile number per test.</summary>
    public static string NewMobile() => "+346" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record TwilioChannel(long Id, string Type, LoopbackTwilio.Account Account, string WebhookUrl)
{
    public string Path => new Uri(WebhookUrl).AbsolutePath;
}

/// <summary>Twilio's webhook signature as its security docs define it, written here independently of the SDK: base64 of
/// HMAC-SHA1(auth token, URL + every POST parameter's name and value, sorted by name).</summary>
public static class TwilioTestSignature
{
    public static string Sign(string authToken, string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal)) data.Append(key).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>For JSON bodies: the URL carries bodySHA256 (hex SHA-256 of the body) and the signature covers the URL alone.</summary>
    public static string BodyHash(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
}
