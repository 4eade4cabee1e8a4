using System.Net;
using Inbox.Contracts;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests.Auth;

public sealed class LoginPageTests : ConsoleTestContext
{
    private IRenderedComponent<LoginPage> RenderAndSubmit(string email, string password)
    {
        var cut = Render<LoginPage>();
        cut.Find(".login-email input").Change(email);
        cut.Find(".login-password input").Change(password);
        cut.Find("form").Submit();
        return cut;
    }

    [Fact]
    public void Wrong_password_shows_an_error_and_stays()
    {
        Http.On(HttpMethod.Post, Routes.Login, _ => new HttpResponseMessage(HttpStatusCode.Unauthorized));

        var cut = RenderAndSubmit("ana@example.com", "wrong");

        cut.WaitForAssertion(() => Assert.Equal("Wrong email or password.", cut.Find(".login-error").TextContent.Trim()));
        Assert.False(Services.GetRequiredService<AuthState>().IsAuthenticated);
    }

    [Fact]
    public void Success_signs_in_fetches_antiforgery_and_goes_to_a_local_return_url()
    {
        Http.OnJson(HttpMethod.Post, Routes.Login, Me);
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/login?returnUrl=%2Fconversations%2F12");

        RenderAndSubmit("ana@example.com", "secret");

        var auth = Services.GetRequiredService<AuthState>();
        Assert.True(auth.IsAuthenticated);
        Assert.Equal("http://localhost/conversations/12", nav.Uri);
        Assert.Contains(Http.Requests, r => r.PathAndQuery == Routes.Antiforgery);
        Assert.Contains("\"email\":\"ana@example.com\"", Http.Requests.First(r => r.PathAndQuery == Routes.Login).Body);
    }

    [Fact]
    public void Foreign_return_url_is_ignored()
    {
        Http.OnJson(HttpMethod.Post, Routes.Login, Me);
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/login?returnUrl=%2F%2Fevil.example%2F");

        RenderAndSubmit("ana@example.com", "secret");

        Assert.Equal("http://localhost/", nav.Uri);
    }

    [Fact]
    public void Empty_fields_are_named_beside_the_box_and_nothing_is_sent()
    {
        var cut = Render<LoginPage>();
        cut.Find("form").Submit();

        var email = cut.Find(".login-email input");
        Assert.Equal("true", email.GetAttribute("aria-invalid"));
        Assert.Equal("Enter your email", cut.Find($"#{email.GetAttribute("aria-describedby")}").TextContent.Trim());
        Assert.Equal("Enter your password", cut.Find(".login-password .signin-field-error").TextContent.Trim());
        Assert.DoesNotContain(Http.Requests, r => r.PathAndQuery == Routes.Login);

        cut.Find(".login-email input").Change("ana@example.com");
        cut.Find("form").Submit();
        Assert.Equal("false", cut.Find(".login-email input").GetAttribute("aria-invalid"));
        Assert.Single(cut.FindAll(".signin-field-error"));
    }

    [Fact]
    public void Each_box_is_labelled_and_says_what_browsers_may_fill_in()
    {
        var cut = Render<LoginPage>();

        foreach (var (field, type, autocomplete, label) in new[] { (".login-email", "email", "username", "Email"), (".login-password", "password", "current-password", "Password") })
        {
            var input = cut.Find($"{field} input");
            Assert.Equal(type, input.GetAttribute("type"));
            Assert.Equal(autocomplete, input.GetAttribute("autocomplete"));
            Assert.Equal(label, cut.Find($"{field} label[for='{input.Id}']").TextContent.Trim());
        }
    }
}
