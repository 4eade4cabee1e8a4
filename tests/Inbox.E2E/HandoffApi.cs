using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Inbox.Contracts;

namespace Inbox.E2E;

/// <summary>The admin's and the providers' side of the hand-off scenario: Telegram and WhatsApp channels, Twilio's signed
/// webhook from a customer's phone, and the thread as the API sees it.</summary>
public sealed class HandoffApi(Uri baseAddress)
{
    private readonly HttpClient _admin = new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };

    public async Task SignInAsync()
    {
        (await _admin.PostAsJsonAsync(Routes.Login, new LoginRequest(ServerProcess.AdminEmail, ServerProcess.AdminPassword))).EnsureSuccessStatusCode();
        var antiforgery = (await _admin.GetFromJsonAsync<AntiforgeryTokenDto>(Routes.Antiforgery))!;
        _admin.DefaultRequestHeaders.Add(antiforgery.HeaderName, antiforgery.Token);
    }

    public async Task<long> CreateChannelAsync(string type, string name, Dictionary<string, string> settings, Dictionary<string, string> secrets)
    {
        var response = await _admin.PostAsJsonAsync(Routes.Channels, new CreateChannelRequest(type, name, settings, secrets));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ChannelCreatedDto>())!.Channel.Id;
    }

    public async Task<string> WebhookUrlAsync(long channelId) => (await _admin.GetFromJsonAsync<ChannelHealthDto>(Routes.ChannelHealth(channelId)))!.WebhookUrl!;

    public async Task<ConversationDto> ConversationAsync(long id) => (await _admin.GetFromJsonAsync<ConversationDto>(Routes.Conversation(id)))!;

    public async Task<IReadOnlyList<MessageDto>> MessagesAsync(long conversationId) =>
        (await _admin.GetFromJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId)))!.Items;

    public async Task<ContactDto> ContactAsync(long id) => (await _admin.GetFromJsonAsync<ContactDto>(Routes.Contact(id)))!;

    public async Task<ConversationPage> ConversationsOnAsync(long channelId) =>
        (await _admin.GetFromJsonAsync<ConversationPage>($"{Routes.Conversations}?channelId={channelId}"))!;

    /// <summary>Twilio delivers a WhatsApp message from <paramref name="phone"/>, signed with the account's auth token.</summary>
    public async Task WhatsAppArrivesAsync(string webhookUrl, string accountSid, string authToken, string phone, string body)
    {
        var form = new Dictionary<string, string>
        {
            ["SmsMessageSid"] = "SM" + Guid.NewGuid().ToString("N"), ["NumMedia"] = "0", ["SmsStatus"] = "received", ["Body"] = body,
            ["To"] = "whatsapp:+34910000002", ["NumSegments"] = "1", ["MessageType"] = "text", ["AccountSid"] = accountSid,
            ["From"] = "whatsapp:" + phone, ["WaId"] = phone.TrimStart('+'), ["ApiVersion"] = "2010-04-01", ["ProfileName"] = "Ana",
        };
        form["MessageSid"] = form["SmsSid"] = form["SmsMessageSid"];
        var data = new StringBuilder(webhookUrl);
        foreach (var (k, v) in form.OrderBy(p => p.Key, StringComparer.Ordinal)) data.Append(k).Append(v);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhookUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()))));
        using var anonymous = new HttpClient();
        (await anonymous.SendAsync(request)).EnsureSuccessStatusCode();
    }

    /// <summary>Polls until <paramref name="read"/> satisfies <paramref name="done"/> (15 s).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Condition not met; last value: {value}");
            await Task.Delay(100);
        }
    }
}
