using System.Net;
using Inbox.Contracts;
using Inbox.Web.Auth;
using Inbox.Web.Layout;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Inbox.Web.Tests.Layout;

public sealed class ProfileMenuSignOutTests : ConsoleTestContext
{
    [Fact]
    public async Task Sign_out_everywhere_asks_the_server_to_end_every_session_and_forgets_the_user()
    {
        Http.On(HttpMethod.Post, Routes.LogoutEverywhere, _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var popovers = Render<MudPopoverProvider>();
        await SignInAsync();
        var menu = Render<ProfileMenu>();
        menu.Find(".profile-menu button").Click();

        popovers.WaitForElement(".menu-logout-everywhere").Click();

        popovers.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.LogoutEverywhere));
        popovers.WaitForAssertion(() => Assert.Null(Services.GetRequiredService<AuthState>().User));
        Assert.DoesNotContain(Http.Requests, r => r.PathAndQuery == Routes.Logout);
    }
}
