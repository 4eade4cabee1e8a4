using System.Net;
using Inbox.Contracts;
using Inbox.Web.Auth;
using Inbox.Web.Settings.Agents;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests.Auth;

/// <summary>Keep me signed in, the forgotten-password pages and the invitation page, over the server's answers.</summary>
public sealed class AccountLinkPagesTests : ConsoleTestContext
{
    [Fact]
    public void Sign_in_sends_keep_me_signed_in_and_offers_a_reset_only_when_the_server_can_mail_one()
    {
        Http.OnJson(HttpMethod.Get, Routes.AuthOptions, new AuthOptionsDto(true, true));
        Http.OnJson(HttpMethod.Post, Routes.Login, Me);
        var cut = Render<LoginPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".login-forgot")));

        cut.Find(".login-email input").Change("ana@example.com");
        cut.Find(".login-password input").Change("secret");
        cut.Find(".login-remember input").Change(true);
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("\"rememberMe\":true", Http.Requests.First(r => r.PathAndQuery == Routes.Login).Body));
    }

    [Fact]
    public void Without_system_mail_the_sign_in_page_offers_no_reset()
    {
        Http.OnJson(HttpMethod.Get, Routes.AuthOptions, new AuthOptionsDto(false, false));
        var cut = Render<LoginPage>();

        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.PathAndQuery == Routes.AuthOptions));
        Assert.Empty(cut.FindAll(".login-forgot"));
    }

    [Fact]
    public void Forgot_password_says_the_same_thing_whoever_asks_and_sends_the_console_language()
    {
        Http.On(HttpMethod.Post, Routes.ForgotPassword, _ => new HttpResponseMessage(HttpStatusCode.Accepted));
        var cut = Render<ForgotPasswordPage>();

        cut.Find(".forgot-email input").Change("ana@example.com");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("If ana@example.com has an account", cut.Find(".forgot-sent").TextContent));
        var body = Http.Requests.Single(r => r.PathAndQuery == Routes.ForgotPassword).Body;
        Assert.Contains("\"email\":\"ana@example.com\"", body);
        Assert.Contains("\"language\":\"en\"", body);
    }

    [Fact]
    public void A_reset_link_posts_its_fragment_token_with_the_new_password_typed_twice()
    {
        Http.On(HttpMethod.Post, Routes.ResetPassword, _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/reset-password#token=inbox_link_abc");
        var cut = Render<ResetPasswordPage>();

        cut.Find(".password-new-input input").Change("brand-new-1");
        cut.Find(".password-repeat-input input").Change("brand-new-2");
        cut.Find(".password-submit").Click();
        Assert.DoesNotContain(Http.Requests, r => r.PathAndQuery == Routes.ResetPassword); // they do not match
        cut.Find(".password-repeat-input input").Change("brand-new-1");
        cut.Find(".password-submit").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".reset-done")));
        var body = Http.Requests.Single(r => r.PathAndQuery == Routes.ResetPassword).Body;
        Assert.Contains("\"token\":\"inbox_link_abc\"", body);
        Assert.Contains("\"newPassword\":\"brand-new-1\"", body);
    }

    [Fact]
    public void A_used_reset_link_says_so_and_points_to_a_new_one()
    {
        Http.On(HttpMethod.Post, Routes.ResetPassword, _ => FakeHttpHandler.Problem(HttpStatusCode.BadRequest, "invalid",
            new Dictionary<string, string[]> { ["token"] = ["used"] }));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/reset-password#token=inbox_link_used");
        var cut = Render<ResetPasswordPage>();

        cut.Find(".password-new-input input").Change("brand-new-1");
        cut.Find(".password-repeat-input input").Change("brand-new-1");
        cut.Find(".password-submit").Click();

        cut.WaitForAssertion(() => Assert.Contains("used already or has expired", cut.Find(".reset-bad-link").TextContent));
    }

    [Fact]
    public void Accepting_an_invitation_signs_the_agent_in_and_opens_the_inbox()
    {
        Http.OnJson(HttpMethod.Post, Routes.AcceptInvitation, Me);
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/invitation#token=inbox_link_inv");
        var cut = Render<InvitationPage>();

        cut.Find(".password-new-input input").Change("my-own-pass");
        cut.Find(".password-repeat-input input").Change("my-own-pass");
        cut.Find(".password-submit").Click();

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/", nav.Uri));
        Assert.True(Services.GetRequiredService<AuthState>().IsAuthenticated);
        Assert.Contains("\"token\":\"inbox_link_inv\"", Http.Requests.Single(r => r.PathAndQuery == Routes.AcceptInvitation).Body);
    }

    [Fact]
    public void An_invitation_page_without_a_token_says_the_link_is_not_valid()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/invitation");
        var cut = Render<InvitationPage>();

        Assert.NotEmpty(cut.FindAll(".invitation-bad-link"));
        Assert.Empty(cut.FindAll(".password-submit"));
    }
}
