using System.Net;
using Inbox.Contracts;
using Inbox.Web.Layout;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests.Auth;

public sealed class MainLayoutTests : ConsoleTestContext
{
    [Fact]
    public void Expired_session_redirects_to_login_with_return_url()
    {
        Http.On(HttpMethod.Get, Routes.Me, _ => new HttpResponseMessage(HttpStatusCode.Unauthorized));
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/conversations/12");

        Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "secret inbox"))));

        Assert.Equal("http://localhost/login?returnUrl=%2Fconversations%2F12", nav.Uri);
        Assert.DoesNotContain("start", Hub.Calls);
    }

    [Fact]
    public void Signed_in_agent_sees_the_body_their_name_and_a_live_connection()
    {
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "inbox body"))));

        cut.WaitForAssertion(() => Assert.Contains("inbox body", cut.Markup));
        Assert.Equal(Me.DisplayName, cut.Find(".profile-menu button").TextContent.Trim());
        Assert.Contains("start", Hub.Calls);
    }
}
