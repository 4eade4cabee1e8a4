using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Inbox.Contracts;
using Inbox.Tests.Email;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Agents;

/// <summary>
/// Invitations and password resets travel as real mail (aiosmtpd into dovecot, read back over IMAP); each link works
/// once, before it expires, and a reset ends every session of the user.
/// </summary>
public sealed partial class AccountLinksTests(MailServers servers) : IClassFixture<MailServers>, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private InboxAppFactory _app = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _app = new InboxAppFactory(time: _clock, settings: new()
        {
            ["Inbox:Mail:Host"] = "127.0.0.1",
            ["Inbox:Mail:Port"] = servers.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Inbox:Mail:Security"] = "None",
            ["Inbox:Mail:From"] = "no-reply@shop.test",
            ["Inbox:Mail:PasswordResetValidFor"] = "00:10:00",
            ["Inbox:Webhooks:PublicBaseUrl"] = "https://inbox.shop.test",
        });
        _admin = await _app.AdminClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string NewMailbox(string name) => servers.AddUser($"{name}-{Guid.NewGuid().ToString("N")[..6]}@shop.test");

    /// <summary>The newest mail's link and its token, once it has arrived.</summary>
    private async Task<(string Link, string Token, string Subject)> MailedLinkAsync(string mailbox, int expected = 1)
    {
        var inbox = await Eventually.GetAsync(() => servers.ReadInboxAsync(mailbox), mails => mails.Count >= expected);
        var mail = inbox[^1].Message;
        var match = LinkPattern().Match(mail.TextBody ?? "");
        Assert.True(match.Success, mail.TextBody);
        return (match.Value, match.Groups["token"].Value, mail.Subject ?? "");
    }

    private async Task<HttpStatusCode> SignInStatusAsync(string email, string password) =>
        (await _app.CreateClient().PostAsJsonAsync(Routes.Login, new LoginRequest(email, password))).StatusCode;

    [Fact]
    public async Task An_invited_agent_chooses_a_password_from_the_mailed_link_once_and_is_signed_in()
    {
        var email = NewMailbox("lucia");

        var invite = await _admin.PostAsJsonAsync(Routes.Invitations, new InviteUserRequest(email, "Lucía", Roles.Agent, "es"));

        var invited = await invite.ReadJsonOrDumpAsync<UserDto>();
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        var (link, token, subject) = await MailedLinkAsync(email);
        Assert.StartsWith("https://inbox.shop.test/invitation#token=", link); // the token rides in the fragment, never in a request line
        Assert.Contains("invitado", subject);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(email, "any-password-at-all"));

        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var accepted = await (await browser.PostAsJsonAsync(Routes.AcceptInvitation, new AcceptInvitationRequest(token, "lucia-elige-1"))).ReadJsonOrDumpAsync<UserDto>();
        Assert.Equal(invited.Id, accepted.Id);
        Assert.Equal(email, (await browser.GetJsonAsync<UserDto>("/api/auth/me")).Email);
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(email, "lucia-elige-1"));

        var again = await _app.CreateClient().PostAsJsonAsync(Routes.AcceptInvitation, new AcceptInvitationRequest(token, "otra-clave-22"));
        Assert.Contains("\"token\"", await again.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(email, "otra-clave-22"));
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_signs_out_every_session()
    {
        var email = NewMailbox("mateo");
        (await _admin.PostAsJsonAsync(Routes.Users, new CreateUserRequest(email, "Mateo", Roles.Agent, "old-password-1"))).EnsureSuccessOrDump();
        var laptop = await _app.SignInAsync(email, "old-password-1");

        var forgot = await _app.CreateClient().PostAsJsonAsync(Routes.ForgotPassword, new ForgotPasswordRequest(email.ToUpperInvariant(), "en"));

        Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        var (link, token, subject) = await MailedLinkAsync(email);
        Assert.StartsWith("https://inbox.shop.test/reset-password#token=", link);
        Assert.Equal("Reset your Inbox password", subject);
        var reset = await _app.CreateClient().PostAsJsonAsync(Routes.ResetPassword, new ResetPasswordRequest(token, "new-password-2"));
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(email, "old-password-1"));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(email, "new-password-2"));
        var reused = await _app.CreateClient().PostAsJsonAsync(Routes.ResetPassword, new ResetPasswordRequest(token, "third-password-3"));
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
    }

    [Fact]
    public async Task A_reset_link_expires_only_the_newest_works_and_an_unknown_address_gets_the_same_answer()
    {
        var email = NewMailbox("irene");
        (await _admin.PostAsJsonAsync(Routes.Users, new CreateUserRequest(email, "Irene", Roles.Agent, "irene-pass-1"))).EnsureSuccessOrDump();
        var anonymous = _app.CreateClient();

        var unknown = await anonymous.PostAsJsonAsync(Routes.ForgotPassword, new ForgotPasswordRequest("nobody@shop.test"));
        (await anonymous.PostAsJsonAsync(Routes.ForgotPassword, new ForgotPasswordRequest(email))).EnsureSuccessOrDump();
        var (_, first, _) = await MailedLinkAsync(email);
        (await anonymous.PostAsJsonAsync(Routes.ForgotPassword, new ForgotPasswordRequest(email))).EnsureSuccessOrDump();
        var (_, second, _) = await MailedLinkAsync(email, expected: 2);

        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync(Routes.ResetPassword, new ResetPasswordRequest(first, "irene-pass-2"))).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync(Routes.ResetPassword, new ResetPasswordRequest(second, "irene-pass-2"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(email, "irene-pass-1"));
    }

    [Fact]
    public async Task Keep_me_signed_in_makes_the_cookie_outlive_the_browser()
    {
        var session = await _app.CreateClient().PostAsJsonAsync(Routes.Login, new LoginRequest(InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword));
        var kept = await _app.CreateClient().PostAsJsonAsync(Routes.Login, new LoginRequest(InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword, RememberMe: true));

        Assert.DoesNotContain("expires=", AuthCookie(session), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", AuthCookie(kept), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new AuthOptionsDto(true, true), await _app.CreateClient().GetJsonAsync<AuthOptionsDto>(Routes.AuthOptions));
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        response.EnsureSuccessOrDump().Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("inbox.auth=", StringComparison.Ordinal));

    [GeneratedRegex(@"https://inbox\.shop\.test/[a-z-]+#token=(?<token>inbox_link_[A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();
}

/// <summary>Without system mail nothing pretends to mail: invitations are refused with the reason, and no reset is offered.</summary>
public sealed class AccountLinksWithoutMailTests(SharedInbox shared) : SharedInboxTest(shared)
{
    [Fact]
    public async Task An_invitation_is_refused_with_the_reason_and_the_sign_in_page_offers_no_reset()
    {
        var invite = await Admin.PostAsJsonAsync(Routes.Invitations, new InviteUserRequest("x@shop.test", "X", Roles.Agent));

        Assert.Contains("Inbox:Mail", await invite.AssertStatusAsync(HttpStatusCode.Conflict));
        Assert.Equal(new AuthOptionsDto(false, false), await App.CreateClient().GetJsonAsync<AuthOptionsDto>(Routes.AuthOptions));
        var users = await Admin.GetJsonAsync<List<UserDto>>(Routes.Users);
        Assert.DoesNotContain(users, u => u.Email == "x@shop.test");
    }
}
