using System.Net;
using Inbox.Contracts;
using Inbox.Web.Settings.Agents;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Settings;

public sealed class CreateAgentDialogTests : ConsoleTestContext
{
    public CreateAgentDialogTests() => SignInAsAdmin();

    private async Task<(IRenderedComponent<MudBlazor.MudDialogProvider> Host, IRenderedComponent<AgentSettings> Page)> OpenAsync()
    {
        await SignInAsync();
        var host = RenderDialogHost();
        var page = Render<AgentSettings>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".agent-name")));
        page.Find(".agent-add").Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".agent-create")));
        host.Find(".agent-email-input input").Change("carla@shop");
        host.Find(".agent-name-input input").Change("Carla");
        host.Find(".agent-password-input input").Change("longenough");
        return (host, page);
    }

    private static string? ErrorNextTo(IRenderedComponent<MudBlazor.MudDialogProvider> host, string inputClass) =>
        host.Find(inputClass).QuerySelector(".mud-input-helper-text")?.TextContent.Trim();

    [Fact]
    public async Task Server_validation_error_shows_next_to_its_field_and_the_dialog_stays_open()
    {
        Http.On(HttpMethod.Post, Routes.Users, _ => FakeHttpHandler.Problem(HttpStatusCode.BadRequest, "The request has invalid fields: email",
            new Dictionary<string, string[]> { ["email"] = ["A valid email is required."] }));
        var (host, _) = await OpenAsync();

        host.Find(".agent-create").Click();

        host.WaitForAssertion(() => Assert.Equal("Enter a valid email address.", ErrorNextTo(host, ".agent-email-input")));
        Assert.Contains("mud-input-error", host.Find(".agent-email-input").InnerHtml);
        Assert.DoesNotContain("Enter a display name", host.Find(".agent-name-input").TextContent);
        Assert.Empty(host.FindAll(".form-error"));
    }

    [Fact]
    public async Task In_Spanish_the_field_error_is_in_Spanish()
    {
        Http.On(HttpMethod.Post, Routes.Users, _ => FakeHttpHandler.Problem(HttpStatusCode.BadRequest, "invalid",
            new Dictionary<string, string[]> { ["password"] = ["The password needs at least 8 characters."] }));
        Culture.Set("es");
        var (host, _) = await OpenAsync();

        host.Find(".agent-create").Click();

        host.WaitForAssertion(() => Assert.Equal("La contraseña necesita al menos 8 caracteres.", ErrorNextTo(host, ".agent-password-input")));
    }

    [Fact]
    public async Task Field_without_an_input_is_shown_above_the_buttons()
    {
        Http.On(HttpMethod.Post, Routes.Users, _ => FakeHttpHandler.Problem(HttpStatusCode.BadRequest, "invalid",
            new Dictionary<string, string[]> { ["tenant"] = ["Tenant is full."] }));
        var (host, _) = await OpenAsync();

        host.Find(".agent-create").Click();

        host.WaitForAssertion(() => Assert.Equal("Tenant is full.", host.Find(".form-error").TextContent.Trim()));
    }

    [Fact]
    public async Task Created_agent_joins_the_table()
    {
        Http.OnJson(HttpMethod.Post, Routes.Users, new UserDto(20, "carla@shop.es", "Carla", Roles.Agent, [], false), HttpStatusCode.Created);
        var (host, page) = await OpenAsync();

        host.Find(".agent-create").Click();

        page.WaitForAssertion(() => Assert.Contains("Carla", page.FindAll(".agent-name").Select(e => e.TextContent.Trim())));
        Assert.Contains("\"role\":\"Agent\"", Http.Requests.Single(r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.Users).Body);
    }

    [Fact]
    public async Task Short_password_is_caught_before_calling_the_server()
    {
        var (host, _) = await OpenAsync();
        host.Find(".agent-password-input input").Change("short");

        host.Find(".agent-create").Click();

        host.WaitForAssertion(() => Assert.Equal("The password needs at least 8 characters.", ErrorNextTo(host, ".agent-password-input")));
        Assert.DoesNotContain(Http.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.Users);
    }

    [Fact]
    public async Task With_system_mail_an_admin_invites_by_email_instead_of_setting_a_password()
    {
        Http.OnJson(HttpMethod.Get, Routes.AuthOptions, new AuthOptionsDto(true, true));
        Http.OnJson(HttpMethod.Post, Routes.Invitations, new UserDto(9, "carla@shop.test", "Carla", Roles.Agent, [], false), HttpStatusCode.Created);
        await SignInAsync();
        var host = RenderDialogHost();
        var page = Render<AgentSettings>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".agent-name")));
        page.Find(".agent-add").Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".agent-invite-switch")));

        Assert.Empty(host.FindAll(".agent-password-input"));
        host.Find(".agent-email-input input").Change("carla@shop.test");
        host.Find(".agent-name-input input").Change("Carla");
        host.Find(".agent-create").Click();

        page.WaitForAssertion(() => Assert.Contains("Carla", page.FindAll(".agent-name").Select(e => e.TextContent)));
        var body = Http.Requests.Single(r => r.PathAndQuery == Routes.Invitations).Body;
        Assert.Contains("\"email\":\"carla@shop.test\"", body);
        Assert.DoesNotContain(Http.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.Users);
    }
}
