using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Inbox.Tests.Agents;

/// <summary>People sign in to the console with a cookie; integrations use bearer tokens; roles limit what each may change.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_agent_signs_in_with_a_cookie_and_the_console_learns_who_they_are()
    {
        var browser = NewBrowser();

        var login = await browser.PostAsJsonAsync(Routes.Login, new LoginRequest(InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword));

        var signedIn = await login.ReadJsonOrDumpAsync<UserDto>();
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("inbox.auth=", StringComparison.Ordinal));
        var me = await browser.GetJsonAsync<UserDto>(Routes.Me);
        Assert.Equal(signedIn.Id, me.Id);
        Assert.Equal(InboxAppFactory.AdminEmail, me.Email);
        Assert.Equal(Roles.Admin, me.Role);
    }

    [Fact]
    public async Task A_wrong_password_or_unknown_email_is_a_401_problem_and_signs_nobody_in()
    {
        var browser = NewBrowser();

        var login = await browser.PostAsJsonAsync(Routes.Login, new LoginRequest(InboxAppFactory.AdminEmail, "not-the-password"));

        var body = await login.AssertStatusAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("application/problem+json", login.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Wrong email or password.", problem.RootElement.GetProperty("title").GetString());
        Assert.False(login.Headers.Contains("Set-Cookie"), "A failed sign-in must not set a cookie");
        await (await browser.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
        var unknown = await browser.PostAsJsonAsync(Routes.Login, new LoginRequest("nobody@shop.test", InboxAppFactory.AdminPassword));
        Assert.Contains("Wrong email or password.", await unknown.AssertStatusAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task After_logout_the_cookie_no_longer_opens_the_api()
    {
        var browser = await _app.SignInAsync(InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword);
        (await browser.GetAsync(Routes.Me)).EnsureSuccessOrDump();

        (await browser.PostAsync(Routes.Logout, null)).EnsureSuccessOrDump();

        await (await browser.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await browser.GetAsync(Routes.Conversations)).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_cookie_authorised_change_needs_the_antiforgery_header()
    {
        var browser = NewBrowser();
        (await browser.PostAsJsonAsync(Routes.Login, new LoginRequest(InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword))).EnsureSuccessOrDump();
        var antiforgery = await browser.GetJsonAsync<AntiforgeryTokenDto>(Routes.Antiforgery);

        var forged = await browser.PostAsJsonAsync(Routes.Tokens, new CreateApiTokenRequest("forged"));

        Assert.Contains("antiforgery", await forged.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Empty(await browser.GetJsonAsync<List<ApiTokenDto>>(Routes.Tokens));

        using var genuine = new HttpRequestMessage(HttpMethod.Post, Routes.Tokens) { Content = JsonContent.Create(new CreateApiTokenRequest("genuine")) };
        genuine.Headers.Add(antiforgery.HeaderName, antiforgery.Token);
        await (await browser.SendAsync(genuine)).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(["genuine"], (await browser.GetJsonAsync<List<ApiTokenDto>>(Routes.Tokens)).Select(t => t.Name));
    }

    [Fact]
    public async Task A_bearer_token_changes_state_without_antiforgery()
    {
        var token = await _app.AdminTokenAsync();
        var integration = _app.BearerClient(token);

        var created = await integration.PostAsJsonAsync(Routes.Channels,
            new CreateChannelRequest(ChannelTypes.Api, "CRM", new() { ["webhookUrl"] = "http://127.0.0.1:9/hook" }, null));

        await created.AssertStatusAsync(HttpStatusCode.Created);
        var me = await integration.GetJsonAsync<UserDto>(Routes.Me);
        Assert.Equal(InboxAppFactory.AdminEmail, me.Email);
    }

    [Fact]
    public async Task A_revoked_or_made_up_token_is_refused()
    {
        var browser = await _app.SignInAsync(InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword);
        var created = await browser.PostJsonAsync<ApiTokenCreatedDto>(Routes.Tokens, new CreateApiTokenRequest("CI"));
        var integration = _app.BearerClient(created.Secret);
        (await integration.GetAsync(Routes.Conversations)).EnsureSuccessOrDump();

        (await browser.DeleteAsync(Routes.Token(created.Token.Id))).EnsureSuccessOrDump();

        await (await integration.GetAsync(Routes.Conversations)).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await integration.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(await browser.GetJsonAsync<List<ApiTokenDto>>(Routes.Tokens), t => t.Id == created.Token.Id);
        var madeUp = _app.BearerClient(ApiTokenPrefix + new string('x', 43));
        await (await madeUp.GetAsync(Routes.Conversations)).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_agent_reads_conversations_but_cannot_create_channels_or_users()
    {
        var admin = await _app.AdminClientAsync();
        var agent = await _app.CreateAgentAsync(admin, "maria@shop.test");

        var channel = await agent.Client.PostAsJsonAsync(Routes.Channels,
            new CreateChannelRequest(ChannelTypes.Api, "Sneaky", new() { ["webhookUrl"] = "http://127.0.0.1:9/hook" }, null));
        var user = await agent.Client.PostAsJsonAsync(Routes.Users, new CreateUserRequest("friend@shop.test", "Friend", Roles.Admin, "password-123"));
        var team = await agent.Client.PostAsJsonAsync(Routes.Teams, new CreateTeamRequest("Mine", [agent.Id]));

        await channel.AssertStatusAsync(HttpStatusCode.Forbidden);
        await user.AssertStatusAsync(HttpStatusCode.Forbidden);
        await team.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Empty(await admin.GetJsonAsync<List<ChannelDto>>(Routes.Channels));
        Assert.DoesNotContain(await admin.GetJsonAsync<List<UserDto>>(Routes.Users), u => u.Email == "friend@shop.test");
        var page = await agent.Client.GetJsonAsync<ConversationPage>(Routes.Conversations);
        Assert.Empty(page.Items);
        Assert.Equal(Roles.Agent, (await agent.Client.GetJsonAsync<UserDto>(Routes.Me)).Role);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_from_the_api()
    {
        var anonymous = _app.CreateClient();

        await (await anonymous.GetAsync(Routes.Conversations)).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync(Routes.Tokens, new CreateApiTokenRequest("x"))).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_duplicate_user_email_is_a_409()
    {
        var admin = await _app.AdminClientAsync();
        await _app.CreateAgentAsync(admin, "twice@shop.test");

        var again = await admin.PostAsJsonAsync(Routes.Users, new CreateUserRequest("Twice@Shop.test", "Twice", Roles.Agent, "password-123"));

        await again.AssertStatusAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_first_admin_comes_from_configuration()
    {
        await using var app = new InboxAppFactory(settings: new()
        {
            ["Inbox:Admin:Email"] = "Owner@Tienda.test",
            ["Inbox:Admin:DisplayName"] = "Dueña",
            ["Inbox:Admin:Password"] = "owner-secret-42",
        });

        var owner = await app.SignInAsync("owner@tienda.test", "owner-secret-42");

        var me = await owner.GetJsonAsync<UserDto>(Routes.Me);
        Assert.Equal("owner@tienda.test", me.Email);
        Assert.Equal("Dueña", me.DisplayName);
        Assert.Equal(Roles.Admin, me.Role);
        var users = await owner.GetJsonAsync<List<UserDto>>(Routes.Users);
        Assert.Equal(["owner@tienda.test"], users.Select(u => u.Email));
        var defaultAdmin = await app.CreateClient().PostAsJsonAsync(Routes.Login, new LoginRequest(InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword));
        await defaultAdmin.AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task After_changing_the_password_only_the_new_one_signs_in()
    {
        var browser = await _app.SignInAsync(InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword);

        (await browser.PostAsJsonAsync("/api/auth/password", new ChangePasswordRequest(InboxAppFactory.AdminPassword, "a-brand-new-secret"))).EnsureSuccessOrDump();

        var old = await NewBrowser().PostAsJsonAsync(Routes.Login, new LoginRequest(InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword));
        await old.AssertStatusAsync(HttpStatusCode.Unauthorized);
        var fresh = await NewBrowser().PostAsJsonAsync(Routes.Login, new LoginRequest(InboxAppFactory.AdminEmail, "a-brand-new-secret"));
        fresh.EnsureSuccessOrDump();
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password_and_a_long_enough_new_one()
    {
        var browser = await _app.SignInAsync(InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword);

        var wrongCurrent = await browser.PostAsJsonAsync("/api/auth/password", new ChangePasswordRequest("guess", "a-brand-new-secret"));
        var tooShort = await browser.PostAsJsonAsync("/api/auth/password", new ChangePasswordRequest(InboxAppFactory.AdminPassword, "short"));

        Assert.Contains("currentPassword", await wrongCurrent.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Contains("newPassword", await tooShort.AssertStatusAsync(HttpStatusCode.BadRequest));
        (await NewBrowser().PostAsJsonAsync(Routes.Login, new LoginRequest(InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword))).EnsureSuccessOrDump();
    }

    private const string ApiTokenPrefix = "inbox_pat_";

    private HttpClient NewBrowser() => _app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
}
