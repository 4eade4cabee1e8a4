using Inbox.Contracts;
using Inbox.Web.Layout;
using Inbox.Web.Settings;
using Inbox.Web.Settings.Channels;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Settings;

public sealed class AdminOnlyTests : ConsoleTestContext
{
    [Fact]
    public async Task Agent_sees_no_settings_entry_in_the_app_bar_nor_admin_pages_in_the_settings_nav()
    {
        await SignInAsync();

        var bar = Render<InboxAppBar>();
        var nav = Render<SettingsNav>();

        Assert.Empty(bar.FindAll(".nav-settings"));
        Assert.Empty(nav.FindAll(".settings-nav-channels"));
        Assert.Empty(nav.FindAll(".settings-nav-agents"));
        Assert.Empty(nav.FindAll(".settings-nav-teams"));
        Assert.NotEmpty(nav.FindAll(".settings-nav-tokens")); // every user has API tokens
    }

    [Fact]
    public async Task Admin_sees_the_settings_entry_and_every_settings_page()
    {
        SignInAsAdmin();
        await SignInAsync();

        var bar = Render<InboxAppBar>();
        var nav = Render<SettingsNav>();

        Assert.NotEmpty(bar.FindAll(".nav-settings"));
        Assert.NotEmpty(nav.FindAll(".settings-nav-channels"));
        Assert.NotEmpty(nav.FindAll(".settings-nav-agents"));
        Assert.NotEmpty(nav.FindAll(".settings-nav-teams"));
    }

    [Fact]
    public async Task Agent_opening_an_admin_page_gets_an_explanation_and_no_admin_calls()
    {
        await SignInAsync();

        var cut = Render<ChannelsPage>();

        Assert.NotEmpty(cut.FindAll(".admin-only-denied"));
        Assert.Empty(cut.FindAll(".channel-add"));
        Assert.DoesNotContain(Http.Requests, r => r.PathAndQuery == Routes.Channels);
    }
}
