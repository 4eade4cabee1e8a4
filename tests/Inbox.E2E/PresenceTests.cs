using Inbox.Contracts;
using Microsoft.Playwright;

namespace Inbox.E2E;

/// <summary>Collision detection in real browsers: two agents in one thread see each other, and one sees the other replying.</summary>
public sealed class PresenceTests : BrowserTest
{
    [Fact]
    public async Task Two_agents_in_one_thread_see_each_other_and_who_is_replying()
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        var ana = await api.AdminPostAsync<UserDto>(Routes.Users, new CreateUserRequest("ana@shop.test", "Ana Torres", Roles.Agent, "ana-password-123"));
        var bruno = await api.AdminPostAsync<UserDto>(Routes.Users, new CreateUserRequest("bruno@shop.test", "Bruno Díaz", Roles.Agent, "bruno-password-123"));
        var accepted = await api.CustomerWritesAsync(channelId, token, "v-1", "+34600555411", "Marta", "¿Me cambiáis la talla del pedido?");
        var anaPage = await NewPageAsync("en-US");
        var brunoPage = await NewPageAsync("es-ES");
        await SignInAsync(anaPage, "ana@shop.test", "ana-password-123");
        await SignInAsync(brunoPage, "bruno@shop.test", "bruno-password-123");

        await anaPage.Locator($"[data-conversation-id='{accepted.ConversationId}']").ClickAsync(new() { Timeout = 30_000 });
        await brunoPage.Locator($"[data-conversation-id='{accepted.ConversationId}']").ClickAsync(new() { Timeout = 30_000 });

        // Each sees the other in the thread header, not themselves.
        var brunoInAna = anaPage.Locator($".thread-header .thread-viewer[data-user-id='{bruno.Id}']");
        var anaInBruno = brunoPage.Locator($".thread-header .thread-viewer[data-user-id='{ana.Id}']");
        await Assertions.Expect(brunoInAna).ToHaveAttributeAsync("aria-label", "Bruno Díaz is viewing", new() { Timeout = 15_000 });
        await Assertions.Expect(anaInBruno).ToHaveAttributeAsync("aria-label", "Ana Torres está viendo", new() { Timeout = 15_000 });
        await Assertions.Expect(anaPage.Locator(".thread-header .thread-viewer")).ToHaveCountAsync(1);
        await Assertions.Expect(anaPage.Locator(".reply-collision")).ToHaveCountAsync(0);

        // Bruno starts a reply: Ana is warned above her composer; the tooltip says so too.
        await brunoPage.Locator(".composer-text textarea").First.FillAsync("Claro, te la cambio por una M");
        await Assertions.Expect(anaPage.Locator(".reply-collision")).ToHaveTextAsync("Bruno Díaz is replying to this conversation", new() { Timeout = 15_000 });
        await Assertions.Expect(brunoInAna).ToHaveAttributeAsync("aria-label", "Bruno Díaz is replying");
        await brunoInAna.HoverAsync();
        await Assertions.Expect(anaPage.Locator(".mud-tooltip").Filter(new() { HasText = "Bruno Díaz is replying" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await anaPage.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("thread-presence"), FullPage = true });

        // He clears it, then closes his tab: Ana's warning and his avatar go.
        await brunoPage.Locator(".composer-text textarea").First.FillAsync("");
        await Assertions.Expect(anaPage.Locator(".reply-collision")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await brunoPage.Context.CloseAsync();
        await Assertions.Expect(brunoInAna).ToHaveCountAsync(0, new() { Timeout = 15_000 });
    }
}
