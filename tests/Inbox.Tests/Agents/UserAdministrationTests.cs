using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Agents;

/// <summary>An admin manages the team's accounts: an agent who leaves loses access everywhere.</summary>
public sealed class UserAdministrationTests
{
    [Fact]
    public async Task A_disabled_agent_can_no_longer_sign_in_use_tokens_or_keep_a_console_session()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new InboxAppFactory(time: clock);
        var admin = await app.AdminClientAsync();
        var agent = await app.CreateAgentAsync(admin, "leaver@shop.test");
        var console = await app.SignInAsync("leaver@shop.test", InboxAppIntents.AgentPassword);
        (await console.GetAsync(Routes.Me)).EnsureSuccessOrDump();

        var disabled = await (await admin.PatchAsJsonAsync(Routes.User(agent.Id), new UpdateUserRequest(Disabled: true))).ReadJsonOrDumpAsync<UserDto>();
        Assert.True(disabled.Disabled);

        await (await agent.Client.GetAsync(Routes.Conversations)).AssertStatusAsync(HttpStatusCode.Unauthorized);
        var login = await app.CreateClient().PostAsJsonAsync(Routes.Login, new LoginRequest("leaver@shop.test", InboxAppIntents.AgentPassword));
        await login.AssertStatusAsync(HttpStatusCode.Unauthorized);
        clock.Advance(TimeSpan.FromMinutes(2));
        await (await console.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_role_change_reaches_an_open_console_session()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new InboxAppFactory(time: clock);
        var admin = await app.AdminClientAsync();
        var agent = await app.CreateAgentAsync(admin, "promoted@shop.test");
        var console = await app.SignInAsync("promoted@shop.test", InboxAppIntents.AgentPassword);
        await (await console.PostAsJsonAsync(Routes.Teams, new CreateTeamRequest("Tienda centro", null))).AssertStatusAsync(HttpStatusCode.Forbidden);

        (await admin.PatchAsJsonAsync(Routes.User(agent.Id), new UpdateUserRequest(Role: Roles.Admin))).EnsureSuccessOrDump();
        clock.Advance(TimeSpan.FromMinutes(2));

        await (await console.PostAsJsonAsync(Routes.Teams, new CreateTeamRequest("Tienda centro", null))).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_password_reset_ends_the_old_sessions_but_a_users_own_change_keeps_their_session()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new InboxAppFactory(time: clock);
        var admin = await app.AdminClientAsync();
        var agent = await app.CreateAgentAsync(admin, "agent@shop.test");
        var laptop = await app.SignInAsync("agent@shop.test", InboxAppIntents.AgentPassword);
        var phone = await app.SignInAsync("agent@shop.test", InboxAppIntents.AgentPassword);

        (await laptop.PostAsJsonAsync(Routes.ChangePassword, new ChangePasswordRequest(InboxAppIntents.AgentPassword, "my-own-new-pass"))).EnsureSuccessOrDump();
        clock.Advance(TimeSpan.FromMinutes(2));

        (await laptop.GetAsync(Routes.Me)).EnsureSuccessOrDump();
        await (await phone.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);

        (await admin.PatchAsJsonAsync(Routes.User(agent.Id), new UpdateUserRequest(Password: "reset-by-admin"))).EnsureSuccessOrDump();
        clock.Advance(TimeSpan.FromMinutes(2));
        await (await laptop.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_disabled_or_demoted()
    {
        await using var app = new InboxAppFactory();
        var admin = await app.AdminClientAsync();
        var me = await admin.GetJsonAsync<UserDto>(Routes.Me);

        var disable = await admin.PatchAsJsonAsync(Routes.User(me.Id), new UpdateUserRequest(Disabled: true));
        var demote = await admin.PatchAsJsonAsync(Routes.User(me.Id), new UpdateUserRequest(Role: Roles.Agent));

        Assert.Contains("last active admin", await disable.AssertStatusAsync(HttpStatusCode.Conflict));
        await demote.AssertStatusAsync(HttpStatusCode.Conflict);
        var second = await app.CreateAgentAsync(admin, "boss2@shop.test", Roles.Admin);
        (await admin.PatchAsJsonAsync(Routes.User(me.Id), new UpdateUserRequest(Role: Roles.Agent))).EnsureSuccessOrDump();
        Assert.Equal(Roles.Agent, (await second.Client.GetJsonAsync<IReadOnlyList<UserDto>>(Routes.Users)).Single(u => u.Id == me.Id).Role);
    }

    [Fact]
    public async Task An_admin_resets_a_password_and_agents_cannot_edit_users()
    {
        await using var app = new InboxAppFactory();
        var admin = await app.AdminClientAsync();
        var agent = await app.CreateAgentAsync(admin, "forgetful@shop.test");

        (await admin.PatchAsJsonAsync(Routes.User(agent.Id), new UpdateUserRequest(Password: "brand-new-pass"))).EnsureSuccessOrDump();

        var old = await app.CreateClient().PostAsJsonAsync(Routes.Login, new LoginRequest("forgetful@shop.test", InboxAppIntents.AgentPassword));
        await old.AssertStatusAsync(HttpStatusCode.Unauthorized);
        (await app.CreateClient().PostAsJsonAsync(Routes.Login, new LoginRequest("forgetful@shop.test", "brand-new-pass"))).EnsureSuccessOrDump();
        await (await agent.Client.PatchAsJsonAsync(Routes.User(agent.Id), new UpdateUserRequest(Role: Roles.Admin))).AssertStatusAsync(HttpStatusCode.Forbidden);
        await (await admin.PatchAsJsonAsync(Routes.User(agent.Id), new UpdateUserRequest(Password: "short"))).AssertStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Every_answer_forbids_framing_and_sniffing()
    {
        await using var app = new InboxAppFactory();

        var page = await app.CreateClient().GetAsync("/");
        var api = await app.CreateClient().GetAsync(Routes.Conversations);

        foreach (var response in new[] { page, api })
        {
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }
}
