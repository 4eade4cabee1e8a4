using Inbox.Web.Attention;
using Inbox.Web.Layout;
using Inbox.Web.Shared;
using Inbox.Web.Tests.Infrastructure;
using MudBlazor;

namespace Inbox.Web.Tests.Layout;

public sealed class ProfileMenuAttentionTests : ConsoleTestContext
{
    private async Task<(IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<ProfileMenu> Menu)> OpenMenuAsync()
    {
        var popovers = Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        await SignInAsync();
        var menu = Render<ProfileMenu>();
        Open(menu);
        return (popovers, menu);
    }

    private static void Open(IRenderedComponent<ProfileMenu> menu) =>
        menu.Find(".profile-menu button").Click();

    [Fact]
    public async Task Enable_notifications_asks_the_browser_only_when_clicked()
    {
        Browser.Permission = NotificationPermission.Default;
        var (popovers, menu) = await OpenMenuAsync();
        Assert.Equal(0, Browser.PermissionRequests);

        popovers.WaitForElement(".menu-notifications-on").Click();

        popovers.WaitForAssertion(() => Assert.Equal(1, Browser.PermissionRequests));
        Assert.Equal("on", Browser.Storage[AttentionPreferences.DesktopKey]);
        Open(menu);
        popovers.WaitForElement(".menu-notifications-off");
    }

    [Fact]
    public async Task Sound_toggle_is_saved()
    {
        var (popovers, _) = await OpenMenuAsync();

        popovers.WaitForElement(".menu-sound").Click();

        popovers.WaitForAssertion(() => Assert.Equal("on", Browser.Storage[AttentionPreferences.SoundKey]));
    }

    [Fact]
    public async Task Keyboard_shortcuts_help_opens_from_the_menu()
    {
        var dialogs = Render<MudDialogProvider>();
        var (popovers, _) = await OpenMenuAsync();

        popovers.WaitForElement(".menu-shortcuts").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Next conversation", dialogs.Find(".shortcuts-table").TextContent));
    }
}
