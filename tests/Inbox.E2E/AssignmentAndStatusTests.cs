using Inbox.Contracts;
using Microsoft.Playwright;

namespace Inbox.E2E;

/// <summary>Two agents in two browsers: one assigns the other a conversation and they are told at once; the other
/// opens it, shows up as viewing it, and going Away shows beside their name.</summary>
public sealed class AssignmentAndStatusTests : BrowserTest
{
    [Fact]
    public async Task An_assigned_agent_is_notified_live_and_their_away_status_shows_to_the_other()
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        var brunoUser = await api.AdminPostAsync<UserDto>(Routes.Users, new CreateUserRequest("bruno@shop.test", "Bruno", Roles.Agent, "bruno-password-123"));
        var accepted = await api.CustomerWritesAsync(channelId, token, "s-1", "+34600555411", "Marta", "¿Me ayudáis con un cambio?");
        var bruno = await NewPageAsync("en-US");
        await SignInAsync(bruno, "bruno@shop.test", "bruno-password-123");
        await Assertions.Expect(bruno.Locator($"[data-conversation-id='{accepted.ConversationId}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var admin = await NewPageAsync("en-US");
        await SignInAsync(admin);

        // The admin assigns Bruno; Bruno's bell and a toast say so, live.
        await admin.Locator($"[data-conversation-id='{accepted.ConversationId}']").ClickAsync(new() { Timeout = 30_000 });
        await admin.Locator(".assignee-select").ClickAsync();
        var option = admin.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Bruno" });
        await Assertions.Expect(option.Locator(".agent-status-online")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await option.ClickAsync();
        await Assertions.Expect(bruno.Locator(".mud-snackbar").Filter(new() { HasText = "assigned you" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(bruno.Locator(".notification-badge .mud-badge")).ToHaveTextAsync("1");
        await bruno.Locator(".notification-bell button").ClickAsync();
        await bruno.Locator(".notification-item.notification-assigned").ClickAsync();
        await bruno.WaitForURLAsync($"**/conversations/{accepted.ConversationId}", new() { Timeout = 15_000 });

        // The admin sees Bruno in the thread, online, and on the conversation's list row.
        var brunoInThread = admin.Locator($".thread-viewers .agent-status[data-user-id='{brunoUser.Id}']");
        await Assertions.Expect(brunoInThread).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("agent-status-online"), new() { Timeout = 15_000 });
        await Assertions.Expect(admin.Locator($"[data-conversation-id='{accepted.ConversationId}'] .conversation-viewer[data-user-id='{brunoUser.Id}']"))
            .ToBeVisibleAsync();

        // Bruno goes away: the admin sees it live, and Bruno's choice survives a reload.
        await bruno.Locator(".profile-menu button").ClickAsync();
        await bruno.Locator(".menu-status-away").ClickAsync();
        await Assertions.Expect(brunoInThread).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("agent-status-away"), new() { Timeout = 15_000 });
        await admin.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("agent-away"), FullPage = true });
        await bruno.ReloadAsync();
        await bruno.Locator(".profile-menu button").ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(bruno.Locator(".menu-status-away")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("chosen"));
    }
}
