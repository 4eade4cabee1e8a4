using System.Net;
using AngleSharp.Dom;
using Inbox.Contracts;
using Inbox.Web.Settings.Agents;
using Inbox.Web.Shared;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Inbox.Web.Tests.Settings;

public sealed class AgentSettingsTests : ConsoleTestContext
{
    private readonly UserDto _admin;
    private static readonly UserDto Bruno = Fixtures.Agent(8, "Bruno Backup");

    public AgentSettingsTests()
    {
        _admin = SignInAsAdmin();
        Http.OnJson(HttpMethod.Get, Routes.Users, new[] { _admin, Me, Bruno });
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Host, IRenderedComponent<AgentSettings> Page)> OpenAsync()
    {
        await SignInAsync();
        var host = RenderDialogHost();
        Render<MudSnackbarProvider>();
        var page = Render<AgentSettings>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".agent-name").Count));
        return (host, page);
    }

    private static IElement Row(IRenderedComponent<AgentSettings> page, string name) =>
        page.FindAll("tbody tr").Single(r => r.QuerySelector(".agent-name")?.TextContent.Trim() == name);

    private static string? ErrorNextTo(IRenderedComponent<MudDialogProvider> host, string inputClass) =>
        host.Find(inputClass).QuerySelector(".mud-input-helper-text")?.TextContent.Trim();

    private RecordedRequest Patch(long id) => Http.Requests.Single(r => r.Method == HttpMethod.Patch && r.PathAndQuery == Routes.User(id));

    [Fact]
    public async Task Disabling_asks_first_then_patches_only_disabled_and_updates_the_row_and_the_assignee_list()
    {
        var lookups = Services.GetRequiredService<Lookups>();
        await lookups.EnsureLoadedAsync();
        Assert.Contains(lookups.Users, u => u.Id == Bruno.Id);
        var disabled = Bruno with { Disabled = true };
        Http.OnJson(HttpMethod.Patch, Routes.User(Bruno.Id), disabled);
        var (host, page) = await OpenAsync();

        Row(page, "Bruno Backup").QuerySelector(".agent-toggle")!.Click();

        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".agent-state-confirm")));
        Assert.Contains("within a minute", host.Find(".agent-state-explain").TextContent);
        Assert.DoesNotContain(Http.Requests, r => r.Method == HttpMethod.Patch); // nothing happens before the confirmation
        Http.OnJson(HttpMethod.Get, Routes.Users, new[] { _admin, Me, disabled });
        host.Find(".agent-state-confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("Disabled", Row(page, "Bruno Backup").QuerySelector(".agent-state")!.TextContent));
        Assert.Equal("Enable", Row(page, "Bruno Backup").QuerySelector(".agent-toggle")!.TextContent.Trim());
        Assert.Equal("{\"disabled\":true}", Patch(Bruno.Id).Body);
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".agent-state-dialog")));

        // The assignee dropdowns read Lookups: the next load asks the server again and leaves the disabled agent out.
        await lookups.EnsureLoadedAsync();
        Assert.DoesNotContain(lookups.Users, u => u.Id == Bruno.Id);
    }

    [Fact]
    public async Task Enabling_a_disabled_agent_patches_disabled_false()
    {
        var disabled = Bruno with { Disabled = true };
        Http.OnJson(HttpMethod.Get, Routes.Users, new[] { _admin, Me, disabled });
        Http.OnJson(HttpMethod.Patch, Routes.User(Bruno.Id), Bruno);
        var (host, page) = await OpenAsync();

        Row(page, "Bruno Backup").QuerySelector(".agent-toggle")!.Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".agent-state-confirm")));
        host.Find(".agent-state-confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("Active", Row(page, "Bruno Backup").QuerySelector(".agent-state")!.TextContent));
        Assert.Equal("{\"disabled\":false}", Patch(Bruno.Id).Body);
    }

    [Fact]
    public async Task The_signed_in_admin_cannot_disable_themselves()
    {
        var (_, page) = await OpenAsync();

        var own = Row(page, "Ada Admin");
        Assert.NotNull(own.QuerySelector(".agent-you"));
        Assert.True(own.QuerySelector(".agent-toggle")!.HasAttribute("disabled"));
        Assert.False(Row(page, "Bruno Backup").QuerySelector(".agent-toggle")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Last_admin_conflict_is_shown_in_the_agents_language_and_the_row_is_unchanged()
    {
        Http.On(HttpMethod.Patch, Routes.User(_admin.Id), _ => FakeHttpHandler.Problem(HttpStatusCode.Conflict,
            "This is the last active admin: make another user admin first."));
        Culture.Set("es");
        var (host, page) = await OpenAsync();

        Row(page, "Ada Admin").QuerySelector(".agent-edit")!.Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".agent-save")));
        Assert.Contains("perderías el acceso", host.Find(".agent-role-select").TextContent); // editing yourself warns first
        var select = host.FindComponent<MudSelect<string>>();
        await host.InvokeAsync(() => select.Instance.SelectOption(Roles.Agent));
        host.Find(".agent-save").Click();

        host.WaitForAssertion(() => Assert.Equal(
            "Es el último administrador activo: haz administrador a otro usuario primero.", host.Find(".form-error").TextContent.Trim()));
        Assert.Equal("{\"role\":\"Agent\"}", Patch(_admin.Id).Body);
        Assert.NotEmpty(host.FindAll(".agent-save")); // the dialog stays open
        Assert.Equal("Administrador", Row(page, "Ada Admin").QuerySelector(".agent-role")!.TextContent.Trim());
    }

    [Fact]
    public async Task Last_admin_conflict_on_disable_is_shown_in_the_confirmation()
    {
        var otherAdmin = Fixtures.Admin(2, "Otto Owner") with { Disabled = false };
        Http.OnJson(HttpMethod.Get, Routes.Users, new[] { _admin, otherAdmin });
        Http.On(HttpMethod.Patch, Routes.User(2), _ => FakeHttpHandler.Problem(HttpStatusCode.Conflict,
            "This is the last active admin: make another user admin first."));
        await SignInAsync();
        var host = RenderDialogHost();
        var page = Render<AgentSettings>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".agent-name").Count));

        Row(page, "Otto Owner").QuerySelector(".agent-toggle")!.Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".agent-state-confirm")));
        host.Find(".agent-state-confirm").Click();

        host.WaitForAssertion(() => Assert.Equal(
            "This is the last active admin: make another user admin first.", host.Find(".form-error").TextContent.Trim()));
        Assert.Contains("Active", Row(page, "Otto Owner").QuerySelector(".agent-state")!.TextContent);
    }

    [Fact]
    public async Task Editing_sends_only_the_changed_name_and_updates_the_row()
    {
        Http.OnJson(HttpMethod.Patch, Routes.User(Bruno.Id), Bruno with { DisplayName = "Bruno B." });
        var (host, page) = await OpenAsync();

        Row(page, "Bruno Backup").QuerySelector(".agent-edit")!.Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".agent-save")));
        host.Find(".agent-name-input input").Change("  Bruno B. ");
        host.Find(".agent-save").Click();

        page.WaitForAssertion(() => Assert.Contains("Bruno B.", page.FindAll(".agent-name").Select(e => e.TextContent.Trim())));
        Assert.Equal("{\"displayName\":\"Bruno B.\"}", Patch(Bruno.Id).Body);
    }

    [Fact]
    public async Task Reset_password_server_validation_error_shows_next_to_the_field()
    {
        Http.On(HttpMethod.Patch, Routes.User(Bruno.Id), _ => FakeHttpHandler.Problem(HttpStatusCode.BadRequest, "invalid",
            new Dictionary<string, string[]> { ["password"] = ["The password needs at least 8 characters."] }));
        Culture.Set("es");
        var (host, page) = await OpenAsync();

        Row(page, "Bruno Backup").QuerySelector(".agent-reset-password")!.Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".agent-reset-save")));
        host.Find(".agent-new-password-input input").Change("longenough");
        host.Find(".agent-reset-save").Click();

        host.WaitForAssertion(() => Assert.Equal("La contraseña necesita al menos 8 caracteres.", ErrorNextTo(host, ".agent-new-password-input")));
        Assert.Contains("mud-input-error", host.Find(".agent-new-password-input").InnerHtml);
        Assert.Empty(host.FindAll(".form-error"));
        Assert.Equal("{\"password\":\"longenough\"}", Patch(Bruno.Id).Body);
    }

    [Fact]
    public async Task Reset_password_too_short_is_caught_before_calling_the_server()
    {
        var (host, page) = await OpenAsync();

        Row(page, "Bruno Backup").QuerySelector(".agent-reset-password")!.Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".agent-reset-save")));
        host.Find(".agent-new-password-input input").Change("short");
        host.Find(".agent-reset-save").Click();

        host.WaitForAssertion(() => Assert.Equal("The password needs at least 8 characters.", ErrorNextTo(host, ".agent-new-password-input")));
        Assert.DoesNotContain(Http.Requests, r => r.Method == HttpMethod.Patch);
    }
}
