using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Conversations;

/// <summary>The composer's hand-off menu (a one-time link put into the reply) and its warning when the chosen address cannot deliver now.</summary>
public sealed class HandoffComposerTests : ConsoleTestContext
{
    private const long ConversationId = 88;
    private static readonly ChannelDto Web = new(40, ChannelTypes.WebChat, "Web", true, new Dictionary<string, string>(), [], Fixtures.T0);
    private static readonly ChannelDto Telegram = new(41, ChannelTypes.Telegram, "Shop bot", true, new Dictionary<string, string>(), [], Fixtures.T0);
    private static readonly ChannelDto WhatsApp = new(42, ChannelTypes.WhatsApp, "WhatsApp", true, new Dictionary<string, string>(), [], Fixtures.T0);

    private IRenderedComponent<MudBlazor.MudPopoverProvider> _popovers = null!;

    private IRenderedComponent<Composer> RenderComposer(long defaultIdentity)
    {
        _popovers = Render<MudBlazor.MudPopoverProvider>();
        return Render<Composer>(p => p
            .Add(x => x.ConversationId, ConversationId)
            .Add(x => x.Channels, [Web, Telegram, WhatsApp])
            .Add(x => x.Identities, [Fixtures.Identity(701, IdentityKind.WebVisitor, "a1b2", channelId: Web.Id), Fixtures.Identity(702, IdentityKind.Telegram, "5551", channelId: Telegram.Id)])
            .Add(x => x.DefaultIdentityId, defaultIdentity)
            .Add(x => x.OnSubmit, _ => Task.FromResult(true)));
    }

    private void Reachable(string? visitorWarning, string? telegramWarning) =>
        Http.OnJson(HttpMethod.Get, HandoffRoutes.ConversationReachability(ConversationId), new ReachabilityDto([
            new ReachableChannelDto(Telegram.Id, Telegram.Type, Telegram.Name, 702, "5551", true, telegramWarning),
            new ReachableChannelDto(Web.Id, Web.Type, Web.Name, 701, "a1b2", false, visitorWarning),
        ]));

    [Fact]
    public void A_visitor_who_left_is_flagged_and_the_reachable_telegram_is_not()
    {
        Reachable(ReachabilityWarnings.VisitorOfflineEmail, null);

        var onVisitor = RenderComposer(701);
        onVisitor.WaitForAssertion(() => Assert.Contains("left the site", onVisitor.Find(".composer-reachability").TextContent));
        Assert.Equal(ReachabilityWarnings.VisitorOfflineEmail, onVisitor.Find(".composer-reachability").GetAttribute("data-warning"));
    }

    [Fact]
    public void A_blocked_bot_is_flagged()
    {
        Reachable(null, ReachabilityWarnings.Blocked);

        var cut = RenderComposer(702);

        cut.WaitForAssertion(() => Assert.Contains("blocked the bot", cut.Find(".composer-reachability").TextContent));
    }

    [Fact]
    public async Task Offering_whatsapp_puts_the_one_time_link_into_the_reply()
    {
        Reachable(null, null);
        const string url = "https://wa.me/34910000002?text=Continue%20my%20chat%3A%20IN-ABCDEFGHJK";
        Http.OnJson(HttpMethod.Post, HandoffRoutes.ConversationHandoff(ConversationId),
            new HandoffOfferDto(WhatsApp.Id, WhatsApp.Type, "IN-ABCDEFGHJK", url, Fixtures.T0.AddMinutes(30)));
        var cut = RenderComposer(702);

        await cut.InvokeAsync(() => cut.Find(".composer-handoff button").Click());
        _popovers.WaitForElement($".handoff-{ChannelTypes.WhatsApp}").Click();

        cut.WaitForAssertion(() => Assert.Contains(url, cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent));
        Assert.Empty(cut.FindAll(".composer-reachability"));
        var asked = Http.Requests.Single(r => r.Method == HttpMethod.Post && r.PathAndQuery == HandoffRoutes.ConversationHandoff(ConversationId));
        Assert.Contains($"\"channelId\":{WhatsApp.Id}", asked.Body);
    }
}
