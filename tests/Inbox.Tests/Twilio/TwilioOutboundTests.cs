using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Twilio;

/// <summary>Agent replies on SMS and WhatsApp go through the outbox and the Twilio SDK to the (loopback) Messages API.</summary>
public sealed class TwilioOutboundTests(TwilioInbox shared) : IClassFixture<TwilioInbox>
{
    private readonly LoopbackTwilio _twilio = shared.Twilio;

    [Fact]
    public async Task Test_connection_fetches_the_account_and_names_a_wrong_token()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.Sms);
        var ok = await shared.Admin.PostJsonAsync<ConnectionTestResult>(Routes.ChannelTest(channel.Id), new { });
        Assert.True(ok.Ok, ok.Message);
        Assert.Contains("Shop", ok.Message);
        Assert.Contains(channel.WebhookUrl, ok.Message); // what the admin pastes into Twilio

        (await shared.Admin.PatchAsJsonAsync(Routes.Channel(channel.Id), new UpdateChannelRequest(null, null, null, new() { ["authToken"] = "not-the-token" }))).EnsureSuccessOrDump();
        var wrong = await shared.Admin.PostJsonAsync<ConnectionTestResult>(Routes.ChannelTest(channel.Id), new { });
        Assert.False(wrong.Ok);
        Assert.Contains("Twilio 20003", wrong.Message);
    }

    [Fact]
    public async Task An_sms_reply_reaches_twilio_with_the_account_credentials_its_fields_and_the_outbox_idempotency_token()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.Sms);
        var customer = TwilioInbox.NewMobile();
        await (await shared.PostAsTwilioAsync(channel, TwilioInbox.IncomingSms(channel, customer, "¿Tenéis la talla 42?"))).AssertStatusAsync(HttpStatusCode.OK);
        var conversation = await shared.ConversationOfChannelAsync(channel.Id);

        var reply = await shared.ReplyAsync(conversation.Id, new ReplyRequest("Sí, en tienda desde el lunes"));

        var call = await _twilio.WaitForCallAsync(c => c.Field("Body") == "Sí, en tienda desde el lunes");
        Assert.Equal(channel.Account.Sid, call.AccountSid);
        Assert.Equal("auth-token", call.Credential);
        Assert.Equal(customer, call.Field("To"));
        Assert.Equal("+34910000001", call.Field("From"));
        Assert.Equal(channel.WebhookUrl, call.Field("StatusCallback"));
        Assert.Null(call.Field("MessagingServiceSid"));
        Assert.StartsWith($"inbox-{reply.Id}-", call.IdempotencyToken); // the outbox row's stable key
        var sent = await shared.WaitForStatusAsync(conversation.Id, reply.Id, m => m.Status == MessageStatus.Sent);
        Assert.Equal(call.MessageSid, await ProviderIdAsync(reply.Id));
        Assert.Equal(ChannelTypes.Sms, sent.ChannelType);
    }

    [Fact]
    public async Task A_whatsapp_reply_is_addressed_with_whatsapp_prefixes_and_an_api_key_signs_in_when_configured()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.WhatsApp, from: "+34910000002", apiKey: true);
        var customer = TwilioInbox.NewMobile();
        await (await shared.PostAsTwilioAsync(channel, TwilioInbox.IncomingWhatsApp(channel, customer, "Hola"))).AssertStatusAsync(HttpStatusCode.OK);
        var conversation = await shared.ConversationOfChannelAsync(channel.Id);

        var reply = await shared.ReplyAsync(conversation.Id, new ReplyRequest("¡Hola! ¿En qué te ayudo?"));

        var call = await _twilio.WaitForCallAsync(c => c.Field("Body") == "¡Hola! ¿En qué te ayudo?");
        Assert.Equal("api-key", call.Credential);
        Assert.Equal("whatsapp:" + customer, call.Field("To"));
        Assert.Equal("whatsapp:+34910000002", call.Field("From"));
        await shared.WaitForStatusAsync(conversation.Id, reply.Id, m => m.Status == MessageStatus.Sent);
    }

    [Fact]
    public async Task A_messaging_service_sends_in_place_of_a_number()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.Sms, messagingServiceSid: "MG" + new string('a', 32));
        await (await shared.PostAsTwilioAsync(channel, TwilioInbox.IncomingSms(channel, TwilioInbox.NewMobile(), "hola"))).AssertStatusAsync(HttpStatusCode.OK);
        var conversation = await shared.ConversationOfChannelAsync(channel.Id);

        await shared.ReplyAsync(conversation.Id, new ReplyRequest("Por el servicio"));

        var call = await _twilio.WaitForCallAsync(c => c.Field("Body") == "Por el servicio");
        Assert.Equal("MG" + new string('a', 32), call.Field("MessagingServiceSid"));
        Assert.Null(call.Field("From"));
    }

    [Fact]
    public async Task A_429_and_a_503_are_retried_with_the_same_idempotency_token_and_the_reply_is_sent_once()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.Sms);
        await (await shared.PostAsTwilioAsync(channel, TwilioInbox.IncomingSms(channel, TwilioInbox.NewMobile(), "hola"))).AssertStatusAsync(HttpStatusCode.OK);
        var conversation = await shared.ConversationOfChannelAsync(channel.Id);
        var text = $"Retried {Guid.NewGuid():N}";
        _twilio.FailNext(new LoopbackTwilio.Failure(429, 20429, "Too Many Requests", RetryAfterSeconds: 1),
            new LoopbackTwilio.Failure(503, 0, "", Body: "<html>Service Unavailable</html>"));

        var reply = await shared.ReplyAsync(conversation.Id, new ReplyRequest(text));

        var sent = await shared.WaitForStatusAsync(conversation.Id, reply.Id, m => m.Status == MessageStatus.Sent);
        var calls = _twilio.Calls.Where(c => c.Field("Body") == text).ToList();
        Assert.Equal(3, calls.Count);
        Assert.Single(calls.Select(c => c.IdempotencyToken).Distinct());
        Assert.NotNull(calls[0].IdempotencyToken);
        // Twilio named a wait of one second: the outbox's own backoff (50-300 ms here) did not replace it.
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(900), $"{(calls[1].At - calls[0].At).TotalMilliseconds} ms");
        Assert.Equal(calls[2].MessageSid, await ProviderIdAsync(reply.Id));
        Assert.Null(sent.Error);
    }

    [Fact]
    public async Task A_400_fails_the_reply_with_twilios_code_and_message_and_is_not_retried()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.Sms);
        await (await shared.PostAsTwilioAsync(channel, TwilioInbox.IncomingSms(channel, TwilioInbox.NewMobile(), "hola"))).AssertStatusAsync(HttpStatusCode.OK);
        var conversation = await shared.ConversationOfChannelAsync(channel.Id);
        var text = $"Refused {Guid.NewGuid():N}";
        _twilio.FailNext(new LoopbackTwilio.Failure(400, 21211, "The 'To' number +34600 is not a valid phone number."));

        var reply = await shared.ReplyAsync(conversation.Id, new ReplyRequest(text));

        var failed = await shared.WaitForStatusAsync(conversation.Id, reply.Id, m => m.Status == MessageStatus.Failed);
        Assert.Equal("Twilio 21211: The 'To' number +34600 is not a valid phone number.", failed.Error);
        Assert.Single(_twilio.Calls, c => c.Field("Body") == text);
    }

    [Fact]
    public async Task A_reply_with_a_photo_gives_twilio_a_sealed_public_link_to_it()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.WhatsApp);
        await (await shared.PostAsTwilioAsync(channel, TwilioInbox.IncomingWhatsApp(channel, TwilioInbox.NewMobile(), "¿Foto del modelo?"))).AssertStatusAsync(HttpStatusCode.OK);
        var conversation = await shared.ConversationOfChannelAsync(channel.Id);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];
        using var form = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "modelo.png" } };
        var upload = await (await shared.Admin.PostAsync(Routes.Files, form)).ReadJsonOrDumpAsync<UploadDto>();

        var reply = await shared.ReplyAsync(conversation.Id, new ReplyRequest("", AttachmentIds: [upload.Id]));

        var call = await _twilio.WaitForCallAsync(c => c.AccountSid == channel.Account.Sid && c.Fields.ContainsKey("MediaUrl"));
        var link = new Uri(Assert.Single(call.Fields["MediaUrl"]));
        Assert.StartsWith(TwilioInbox.PublicBase + "/media/", link.ToString());
        Assert.Null(call.Field("Body"));
        await shared.WaitForStatusAsync(conversation.Id, reply.Id, m => m.Status == MessageStatus.Sent);

        var fetched = await shared.App.CreateClient().GetAsync(link.PathAndQuery); // anonymous, as Twilio fetches it
        Assert.Equal(png, await fetched.EnsureSuccessOrDump().Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", fetched.Content.Headers.ContentType?.MediaType);
        var tampered = await shared.App.CreateClient().GetAsync(link.PathAndQuery[..^3] + "AAA");
        await tampered.AssertStatusAsync(HttpStatusCode.NotFound);
    }

    private async Task<string?> ProviderIdAsync(long messageId)
    {
        await using var db = shared.App.OpenDatabase();
        return await db.ExecuteScalarAsync<string?>("SELECT provider_message_id FROM messages WHERE id = @Id", new { Id = messageId });
    }
}
