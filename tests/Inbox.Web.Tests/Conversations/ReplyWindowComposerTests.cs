using System.Text.Json;
using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Conversations;

/// <summary>The composer on SMS and WhatsApp: the 24-hour window and its templates, and the SMS segment count.</summary>
public sealed class ReplyWindowComposerTests : ConsoleTestContext
{
    private const long ConversationId = 77;
    private static readonly ChannelDto WhatsApp = new(30, ChannelTypes.WhatsApp, "WhatsApp", true, new Dictionary<string, string>(), [], Fixtures.T0);
    private static readonly ChannelDto Sms = new(31, ChannelTypes.Sms, "SMS", true, new Dictionary<string, string>(), [], Fixtures.T0);
    private static readonly MessageTemplateDto Ready = new("Pedido listo", "HX" + new string('a', 32), "Hola {{1}}, tu pedido está listo.", ["1"]);
    private readonly List<ComposerSubmission> _sent = [];

    private IRenderedComponent<Composer> RenderComposer(ChannelDto channel)
    {
        Render<MudBlazor.MudPopoverProvider>();
        return Render<Composer>(p => p
            .Add(x => x.ConversationId, ConversationId)
            .Add(x => x.Channels, [WhatsApp, Sms])
            .Add(x => x.Identities, [Fixtures.Identity(601, IdentityKind.Phone, "+34600000001", channelId: channel.Id)])
            .Add(x => x.DefaultIdentityId, 601)
            .Add(x => x.OnSubmit, s => { _sent.Add(s); return Task.FromResult(true); }));
    }

    private void WindowIs(bool open) => Http.OnJson(HttpMethod.Get, $"{Routes.ConversationReplyWindow(ConversationId)}?identityId=601&channelId={WhatsApp.Id}",
        new ReplyWindowDto(WhatsApp.Id, 601, open, Fixtures.T0.AddHours(24), [Ready]));

    [Fact]
    public async Task Outside_the_window_only_a_filled_template_can_be_sent_and_its_preview_shows()
    {
        WindowIs(open: false);
        var cut = RenderComposer(WhatsApp);

        cut.WaitForAssertion(() => Assert.Contains("approved template", cut.Find(".reply-window-closed").TextContent));
        Assert.True(cut.Find("textarea").HasAttribute("disabled"));
        Assert.True(cut.Find("button.composer-send").HasAttribute("disabled"));

        var picker = cut.FindComponents<MudBlazor.MudSelect<string>>().Single(s => s.Instance.Label == "Template");
        await cut.InvokeAsync(() => picker.Instance.SelectOption(Ready.ContentSid));
        cut.WaitForAssertion(() => cut.Find(".reply-window-variable input").Input("Lucía"));
        cut.WaitForAssertion(() => Assert.Contains("Hola Lucía, tu pedido está listo.", cut.Find(".reply-window-preview").TextContent));
        cut.WaitForAssertion(() => Assert.False(cut.Find("button.composer-send").HasAttribute("disabled")));
        cut.Find("button.composer-send").Click();

        cut.WaitForAssertion(() => Assert.Single(_sent));
        var sent = _sent[0];
        Assert.Equal("", sent.Text);
        Assert.Equal(Ready.ContentSid, sent.Template!.ContentSid);
        Assert.Equal("Lucía", sent.Template.Variables!["1"]);
    }

    [Fact]
    public void Inside_the_window_free_text_goes_out_and_the_agent_sees_until_when()
    {
        WindowIs(open: true);
        var cut = RenderComposer(WhatsApp);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".reply-window-open")));
        cut.Find("textarea").Input("Claro");
        cut.WaitForAssertion(() => Assert.False(cut.Find("button.composer-send").HasAttribute("disabled")));
        cut.Find("button.composer-send").Click();

        cut.WaitForAssertion(() => Assert.Single(_sent));
        Assert.Equal(new ComposerSubmission("Claro", false, 601), _sent[0]);
    }

    [Fact]
    public void An_sms_draft_shows_its_segments_and_encoding()
    {
        Http.OnJson(HttpMethod.Post, Routes.SmsSegments, new SmsSegmentsDto("UCS-2", 2, 80, 67, 54));
        var cut = RenderComposer(Sms);

        cut.Find("textarea").Input(new string('á', 80));

        cut.WaitForAssertion(() => Assert.Contains("2 SMS · UCS-2 · 54 left", cut.Find(".sms-segments").TextContent));
        var asked = Http.Requests.Last(r => r.PathAndQuery == Routes.SmsSegments);
        Assert.Equal(new string('á', 80), JsonSerializer.Deserialize<SmsSegmentsRequest>(asked.Body!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!.Text);
        Assert.Empty(cut.FindAll(".reply-window"));
    }
}
