using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Inbox.E2E;

/// <summary>The console with a mouse, on a phone and a tablet, and to an accessibility checker (axe-core), in both languages.</summary>
public sealed class ConsoleLayoutTests : BrowserTest
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_mouse_click_opens_the_profile_menu_and_its_change_password_dialog()
    {
        var page = await NewPageAsync("en-US");
        await SignInAsync(page);

        await page.Locator(".profile-menu button").First.ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".menu-change-password")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".menu-notifications-on, .menu-notifications-off")).ToBeVisibleAsync();

        await page.Locator(".menu-change-password").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Change password");
    }

    [Fact]
    public async Task On_a_phone_the_list_fits_a_thread_opens_goes_back_and_the_contact_opens_in_a_drawer()
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        var written = await api.CustomerWritesAsync(channelId, token, "phone-1", "+34 600 555 111", "Lucía Fernández Ortega", "¿Hacéis envíos a Canarias?");
        var page = await NewPageAsync("es-ES", height: 844, width: 390);
        await SignInAsync(page);

        var row = page.Locator($"[data-conversation-id='{written.ConversationId}']");
        await Assertions.Expect(row).ToBeVisibleAsync(Slow);
        await AssertNoHorizontalOverflowAsync(page, "list");
        // Every app bar control is reachable on the phone, the profile menu last of all.
        await Assertions.Expect(page.Locator(".profile-menu button")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Assertions.Expect(page.Locator(".notification-bell button")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Assertions.Expect(page.Locator(".status-filter")).ToBeInViewportAsync();

        await row.ClickAsync();
        await Assertions.Expect(page.Locator($"[data-message-id='{written.MessageId}']")).ToContainTextAsync("Canarias");
        await Assertions.Expect(page.Locator(".inbox-col-list")).ToBeHiddenAsync();
        await AssertNoHorizontalOverflowAsync(page, "thread");
        await Assertions.Expect(page.Locator(".composer-send")).ToBeInViewportAsync();

        await Assertions.Expect(page.Locator(".inbox-col-contact")).Not.ToBeInViewportAsync();
        await page.Locator(".thread-contact-toggle").ClickAsync();
        var drawer = page.Locator(".inbox-col-contact.open");
        await Assertions.Expect(drawer).ToBeInViewportAsync(new() { Ratio = 1 }); // slid all the way in
        await Assertions.Expect(drawer).ToContainTextAsync("Lucía Fernández Ortega");
        await AssertNoHorizontalOverflowAsync(page, "contact drawer");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("phone-contact-drawer") });
        await drawer.Locator(".contact-drawer-close").ClickAsync();
        await Assertions.Expect(page.Locator(".inbox-col-contact.open")).ToHaveCountAsync(0);

        await page.Locator(".thread-back").ClickAsync();
        await Assertions.Expect(row).ToBeVisibleAsync();
        Assert.DoesNotContain("/conversations/", page.Url);
    }

    [Fact]
    public async Task On_a_tablet_list_and_thread_sit_side_by_side_and_the_contact_is_a_drawer()
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        var written = await api.CustomerWritesAsync(channelId, token, "tablet-1", "+34 600 555 222", "Marta Ruiz", "Quiero cambiar la talla");
        var page = await NewPageAsync("en-US", height: 1024, width: 768);
        await SignInAsync(page);

        await page.Locator($"[data-conversation-id='{written.ConversationId}']").ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator($"[data-message-id='{written.MessageId}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".inbox-col-list")).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator(".thread-back")).ToBeHiddenAsync();
        await AssertNoHorizontalOverflowAsync(page, "tablet thread");

        await page.Locator(".thread-contact-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".inbox-col-contact.open")).ToContainTextAsync("Marta Ruiz");
        await page.Keyboard.PressAsync("Escape");
    }

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("es-ES", "es")]
    public async Task Sign_in_inbox_with_a_thread_and_settings_have_no_serious_accessibility_violations(string locale, string lang)
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        var written = await api.CustomerWritesAsync(channelId, token, "axe-" + lang, "+34 600 555 3" + (lang == "en" ? "33" : "44"), "Pablo Axe", "Hola, ¿me ayudáis?");
        var page = await NewPageAsync(locale);

        await GoToAsync(page, "/login");
        await Assertions.Expect(page.Locator(".login-submit")).ToBeVisibleAsync(Slow);
        await AssertAccessibleAsync(page, "sign-in", lang);

        await SignInAsync(page);
        await page.Locator($"[data-conversation-id='{written.ConversationId}']").ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator($"[data-message-id='{written.MessageId}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".contact-panel")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "inbox thread", lang);

        await GoToAsync(page, "/settings/channels");
        await Assertions.Expect(page.Locator(".settings-page h1")).ToBeVisibleAsync(Slow);
        await AssertAccessibleAsync(page, "settings", lang);
    }

    private static async Task AssertAccessibleAsync(IPage page, string where, string lang)
    {
        Assert.Equal(lang, await page.EvaluateAsync<string>("document.documentElement.lang"));
        // Axe judges what the page settles on: a button or chip caught mid-fade (MudBlazor animates colours) is not it.
        await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{where} ({lang}): " + string.Join("\n", serious.Select(Describe)));
        Assert.DoesNotContain(result.Violations, v => v.Id is "landmark-one-main" or "page-has-heading-one" or "bypass" or "html-lang-valid");
    }

    private static string Describe(AxeResultItem v) =>
        $"{v.Id} ({v.Impact}): {v.Help} at " + string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html));

    private static async Task AssertNoHorizontalOverflowAsync(IPage page, string where)
    {
        var (scroll, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= viewport, $"{where}: the page is {scroll} px wide in a {viewport} px viewport");
    }
}
