using System.Net;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Twilio;

/// <summary>Twilio's status callbacks (to the StatusCallback the connector sent) move a reply forward, never back.</summary>
public sealed class TwilioDeliveryReportTests(TwilioInbox shared) : IClassFixture<TwilioInbox>
{
    [Fact]
    public async Task Out_of_order_callbacks_never_move_a_reply_back()
    {
        var (channel, conversationId, reply, sid) = await SentReplyAsync(ChannelTypes.WhatsApp);

        foreach (var status in new[] { "delivered", "sent", "queued" })
            await (await shared.PostAsTwilioAsync(channel, TwilioInbox.StatusCallback(channel, sid, status))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(MessageStatus.Delivered, (await shared.WaitForStatusAsync(conversationId, reply.Id, m => m.Status != MessageStatus.Sent)).Status);

        await (await shared.PostAsTwilioAsync(channel, TwilioInbox.StatusCallback(channel, sid, "read"))).AssertStatusAsync(HttpStatusCode.OK);
        await (await shared.PostAsTwilioAsync(channel, TwilioInbox.StatusCallback(channel, sid, "delivered"))).AssertStatusAsync(HttpStatusCode.OK);
        await (await shared.PostAsTwilioAsync(channel, TwilioInbox.StatusCallback(channel, sid, "undelivered", "30003"))).AssertStatusAsync(HttpStatusCode.OK);

        var read = await shared.WaitForStatusAsync(conversationId, reply.Id, m => m.Status == MessageStatus.Read);
        Assert.Null(read.ErrorCode);
        Assert.Equal(1, await shared.InboundCountAsync(channel.Id)); // the customer's "hola": a callback is never a customer message
    }

    [Fact]
    public async Task An_undelivered_sms_fails_with_twilios_error_code_and_keeps_the_first()
    {
        var (channel, conversationId, reply, sid) = await SentReplyAsync(ChannelTypes.Sms);

        await (await shared.PostAsTwilioAsync(channel, TwilioInbox.StatusCallback(channel, sid, "undelivered", "30003"))).AssertStatusAsync(HttpStatusCode.OK);
        await (await shared.PostAsTwilioAsync(channel, TwilioInbox.StatusCallback(channel, sid, "failed", "30005"))).AssertStatusAsync(HttpStatusCode.OK);

        var failed = await shared.WaitForStatusAsync(conversationId, reply.Id, m => m.Status == MessageStatus.Failed);
        Assert.Equal("30003", failed.ErrorCode);
        Assert.Equal("Twilio 30003: Unreachable destination handset", failed.Error);
    }

    private async Task<(TwilioChannel, long, MessageDto, string)> SentReplyAsync(string type)
    {
        var channel = await shared.CreateChannelAsync(type);
        var inbound = type == ChannelTypes.Sms
            ? TwilioInbox.IncomingSms(channel, TwilioInbox.NewMobile(), "hola")
            : TwilioInbox.IncomingWhatsApp(channel, TwilioInbox.NewMobile(), "hola");
        await (await shared.PostAsTwilioAsync(channel, inbound)).AssertStatusAsync(HttpStatusCode.OK);
        var conversationId = (await shared.ConversationOfChannelAsync(channel.Id)).Id;
        var text = $"Reply {Guid.NewGuid():N}";
        var reply = await shared.ReplyAsync(conversationId, new ReplyRequest(text));
        var call = await shared.Twilio.WaitForCallAsync(c => c.Field("Body") == text && c.MessageSid is not null);
        await shared.WaitForStatusAsync(conversationId, reply.Id, m => m.Status == MessageStatus.Sent);
        return (channel, conversationId, reply, call.MessageSid!);
    }
}
