using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Security;

/// <summary>
/// A console cookie is a pointer to a server-side session read on every request: a rights change, a logout or
/// "sign out everywhere" takes effect on the very next request, for every copy of the cookie, on every node.
/// </summary>
public sealed class SessionTests(SharedInbox shared) : SharedInboxTest(shared)
{
    [Fact]
    public async Task A_demoted_admin_is_refused_admin_work_on_the_very_next_request()
    {
        var second = await App.CreateAgentAsync(Admin, "segunda-admin@shop.test", Roles.Admin);
        var session = await CookieSession.SignInAsync(App, second.User.Email, InboxAppIntents.AgentPassword);
        var browser = session.Client(App);
        (await browser.GetAsync(Routes.Users)).EnsureSuccessOrDump();

        (await Admin.PatchAsJsonAsync(Routes.User(second.Id), new UpdateUserRequest(Role: Roles.Agent))).EnsureSuccessOrDump();

        var promote = await browser.PatchAsJsonAsync(Routes.User(second.Id), new UpdateUserRequest(Role: Roles.Admin));
        var create = await browser.PostAsJsonAsync(Routes.Users, new CreateUserRequest("amigo@shop.test", "Amigo", Roles.Admin, "password-123"));
        await promote.AssertStatusAsync(HttpStatusCode.Forbidden);
        await create.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(Roles.Agent, (await browser.GetJsonAsync<UserDto>(Routes.Me)).Role);
        Assert.DoesNotContain(await Admin.GetJsonAsync<List<UserDto>>(Routes.Users), u => u.Email == "amigo@shop.test");
    }

    [Fact]
    public async Task A_disabled_admin_cannot_reenable_itself_on_the_next_request_nor_after_being_reenabled()
    {
        var second = await App.CreateAgentAsync(Admin, "admin-saliente@shop.test", Roles.Admin);
        var browser = (await CookieSession.SignInAsync(App, second.User.Email, InboxAppIntents.AgentPassword)).Client(App);

        (await Admin.PatchAsJsonAsync(Routes.User(second.Id), new UpdateUserRequest(Disabled: true))).EnsureSuccessOrDump();

        var reenable = await browser.PatchAsJsonAsync(Routes.User(second.Id), new UpdateUserRequest(Disabled: false));
        await reenable.AssertStatusAsync(HttpStatusCode.Unauthorized);
        Assert.True((await Admin.GetJsonAsync<List<UserDto>>(Routes.Users)).Single(u => u.Id == second.Id).Disabled);
        // Disabling ended the session: an admin re-enabling the user does not revive the old cookie.
        (await Admin.PatchAsJsonAsync(Routes.User(second.Id), new UpdateUserRequest(Disabled: false))).EnsureSuccessOrDump();
        await (await browser.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task After_logout_a_copied_cookie_is_dead_too()
    {
        var agent = await App.CreateAgentAsync(Admin, "copiada@shop.test");
        var session = await CookieSession.SignInAsync(App, agent.User.Email, InboxAppIntents.AgentPassword);
        var mine = session.Client(App);
        var stolen = session.Client(App);
        (await stolen.GetAsync(Routes.Me)).EnsureSuccessOrDump();

        (await mine.PostAsync(Routes.Logout, null)).EnsureSuccessOrDump();

        await (await stolen.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await stolen.GetAsync(Routes.Conversations)).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await mine.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_of_the_user_and_only_theirs()
    {
        var agent = await App.CreateAgentAsync(Admin, "portatil-perdido@shop.test");
        var other = await App.CreateAgentAsync(Admin, "companera@shop.test");
        var laptop = (await CookieSession.SignInAsync(App, agent.User.Email, InboxAppIntents.AgentPassword)).Client(App);
        var phone = (await CookieSession.SignInAsync(App, agent.User.Email, InboxAppIntents.AgentPassword)).Client(App);
        var colleague = (await CookieSession.SignInAsync(App, other.User.Email, InboxAppIntents.AgentPassword)).Client(App);

        (await phone.PostAsync(Routes.LogoutEverywhere, null)).EnsureSuccessOrDump();

        await (await laptop.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await phone.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
        (await colleague.GetAsync(Routes.Me)).EnsureSuccessOrDump();
        // API tokens are separate credentials, revoked on their own.
        (await agent.Client.GetAsync(Routes.Me)).EnsureSuccessOrDump();
    }

    [Fact]
    public async Task A_new_password_ends_the_other_sessions_at_once_and_keeps_the_one_that_changed_it()
    {
        var agent = await App.CreateAgentAsync(Admin, "nueva-clave@shop.test");
        var here = (await CookieSession.SignInAsync(App, agent.User.Email, InboxAppIntents.AgentPassword)).Client(App);
        var elsewhere = (await CookieSession.SignInAsync(App, agent.User.Email, InboxAppIntents.AgentPassword)).Client(App);

        (await here.PostAsJsonAsync(Routes.ChangePassword, new ChangePasswordRequest(InboxAppIntents.AgentPassword, "otra-clave-larga"))).EnsureSuccessOrDump();

        await (await elsewhere.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
        (await here.GetAsync(Routes.Me)).EnsureSuccessOrDump();
    }

    [Fact]
    public async Task A_password_reset_by_an_admin_ends_every_session_of_the_user()
    {
        var agent = await App.CreateAgentAsync(Admin, "reseteada@shop.test");
        var browser = (await CookieSession.SignInAsync(App, agent.User.Email, InboxAppIntents.AgentPassword)).Client(App);

        (await Admin.PatchAsJsonAsync(Routes.User(agent.Id), new UpdateUserRequest(Password: "clave-del-admin"))).EnsureSuccessOrDump();

        await (await browser.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_cookie_ended_on_one_node_is_refused_by_another_node_on_its_next_request()
    {
        // A second server on the same database and keys: another node behind the same load balancer.
        await using var node2 = new InboxAppFactory(App.DataDirectory);
        var agent = await App.CreateAgentAsync(Admin, "dos-nodos@shop.test");
        var session = await CookieSession.SignInAsync(App, agent.User.Email, InboxAppIntents.AgentPassword);
        var onNode1 = session.Client(App);
        var onNode2 = session.Client(node2);
        (await onNode2.GetAsync(Routes.Me)).EnsureSuccessOrDump();

        (await onNode1.PostAsync(Routes.Logout, null)).EnsureSuccessOrDump();

        await (await onNode2.GetAsync(Routes.Me)).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }
}
