using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Twilio;

/// <summary>WhatsApp's 24-hour window, enforced by the server: free text inside it, approved templates outside.</summary>
public sealed class TwilioReplyWindowTests(TwilioInbox shared) : IClassFixture<TwilioInbox>
{
    private const string Templates = """
        Pedido listo | HX0000000000000000000000000000aaaa | Hola {{1}}, tu pedido {{2}} está listo para recoger.
        Seguimos aquí | HX0000000000000000000000000000bbbb | ¿Podemos ayudarte en algo más?
        """;

    [Fact]
    public async Task Inside_the_window_free_text_is_allowed_and_the_templates_are_listed()
    {
        var (_, conversationId) = await CustomerWroteAsync(ChannelTypes.WhatsApp);

        var window = await shared.Admin.GetJsonAsync<ReplyWindowDto>(Routes.ConversationReplyWindow(conversationId));

        Assert.True(window.FreeTextAllowed);
        Assert.InRange(window.ClosesAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
        Assert.Equal(["Pedido listo", "Seguimos aquí"], window.Templates.Select(t => t.Name));
        Assert.Equal(["1", "2"], window.Templates[0].Variables);
        var reply = await shared.ReplyAsync(conversationId, new ReplyRequest("Claro, dime"));
        await shared.WaitForStatusAsync(conversationId, reply.Id, m => m.Status == MessageStatus.Sent);
    }

    [Fact]
    public async Task Outside_the_window_free_text_is_refused_and_a_template_is_sent_with_its_content_sid_and_variables()
    {
        var (channel, conversationId) = await CustomerWroteAsync(ChannelTypes.WhatsApp);
        await AgeCustomerMessagesAsync(conversationId, TimeSpan.FromHours(25));
        var callsBefore = shared.Twilio.Calls.Count(c => c.AccountSid == channel.Account.Sid);

        var window = await shared.Admin.GetJsonAsync<ReplyWindowDto>(Routes.ConversationReplyWindow(conversationId));
        Assert.False(window.FreeTextAllowed);
        var refused = await shared.Admin.PostAsJsonAsync(Routes.ConversationMessages(conversationId), new ReplyRequest("¿Sigues interesada?"));
        var problem = await refused.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("24 hours", problem);
        Assert.Contains("template", problem);
        Assert.DoesNotContain(await shared.ThreadAsync(conversationId), m => m.Direction == MessageDirection.Outbound);

        var sent = await shared.ReplyAsync(conversationId, new ReplyRequest("")
        {
            Template = new ReplyTemplate("HX0000000000000000000000000000aaaa", new Dictionary<string, string> { ["1"] = "Lucía", ["2"] = "#1042" }),
        });

        Assert.Equal("Hola Lucía, tu pedido #1042 está listo para recoger.", sent.Text);
        var call = await shared.Twilio.WaitForCallAsync(c => c.Field("ContentSid") == "HX0000000000000000000000000000aaaa" && c.AccountSid == channel.Account.Sid);
        Assert.Null(call.Field("Body"));
        Assert.Equal(new Dictionary<string, string> { ["1"] = "Lucía", ["2"] = "#1042" }, JsonSerializer.Deserialize<Dictionary<string, string>>(call.Field("ContentVariables")!));
        Assert.StartsWith("whatsapp:+", call.Field("To"));
        await shared.WaitForStatusAsync(conversationId, sent.Id, m => m.Status == MessageStatus.Sent);
        Assert.Equal(callsBefore + 1, shared.Twilio.Calls.Count(c => c.AccountSid == channel.Account.Sid)); // the refused reply never left
    }

    [Fact]
    public async Task A_template_must_be_the_channels_own_with_every_placeholder_filled()
    {
        var (_, conversationId) = await CustomerWroteAsync(ChannelTypes.WhatsApp);
        await AgeCustomerMessagesAsync(conversationId, TimeSpan.FromDays(3));

        var unknown = await shared.Admin.PostAsJsonAsync(Routes.ConversationMessages(conversationId),
            new ReplyRequest("") { Template = new ReplyTemplate("HX" + new string('f', 32)) });
        var unfilled = await shared.Admin.PostAsJsonAsync(Routes.ConversationMessages(conversationId),
            new ReplyRequest("") { Template = new ReplyTemplate("HX0000000000000000000000000000aaaa", new Dictionary<string, string> { ["1"] = "Lucía" }) });

        Assert.Contains("not one of", await unknown.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Contains("{{2}}", await unfilled.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.DoesNotContain(await shared.ThreadAsync(conversationId), m => m.Direction == MessageDirection.Outbound);
    }

    [Fact]
    public async Task Sms_has_no_window()
    {
        var (_, conversationId) = await CustomerWroteAsync(ChannelTypes.Sms);
        await AgeCustomerMessagesAsync(conversationId, TimeSpan.FromDays(30));

        var window = await shared.Admin.GetJsonAsync<ReplyWindowDto>(Routes.ConversationReplyWindow(conversationId));
        var reply = await shared.ReplyAsync(conversationId, new ReplyRequest("Un mes después"));

        Assert.True(window.FreeTextAllowed);
        Assert.Empty(window.Templates);
        await shared.WaitForStatusAsync(conversationId, reply.Id, m => m.Status == MessageStatus.Sent);
    }

    private async Task<(TwilioChannel, long)> CustomerWroteAsync(string type)
    {
        var channel = await shared.CreateChannelAsync(type, templates: type == ChannelTypes.WhatsApp ? Templates : null);
        var form = type == ChannelTypes.WhatsApp
            ? TwilioInbox.IncomingWhatsApp(channel, TwilioInbox.NewMobile(), "Hola")
            : TwilioInbox.IncomingSms(channel, TwilioInbox.NewMobile(), "Hola");
        await (await shared.PostAsTwilioAsync(channel, form)).AssertStatusAsync(HttpStatusCode.OK);
        return (channel, (await shared.ConversationOfChannelAsync(channel.Id)).Id);
    }

    /// <summary>The customer's messages were stored <paramref name="ago"/> (the window is measured from them).</summary>
    private async Task AgeCustomerMessagesAsync(long conversationId, TimeSpan ago)
    {
        await using var db = shared.App.OpenDatabase();
        await db.ExecuteAsync("UPDATE messages SET created_at = @At WHERE conversation_id = @Id AND direction = 'inbound'",
            new { At = DateTimeOffset.UtcNow - ago, Id = conversationId });
    }
}
