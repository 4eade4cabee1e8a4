using System.Net;
using AngleSharp.Dom;
using Inbox.Contracts;
using Inbox.Web.Settings.Teams;
using Inbox.Web.Shared;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Inbox.Web.Tests.Settings;

public sealed class TeamSettingsTests : ConsoleTestContext
{
    private readonly UserDto _admin;
    private static readonly UserDto Bruno = Fixtures.Agent(8, "Bruno Backup");
    private static readonly TeamDto Support = new(3, "Support", [7]);
    private static readonly TeamDto Sales = new(4, "Sales", []);

    public TeamSettingsTests()
    {
        _admin = SignInAsAdmin();
        Http.OnJson(HttpMethod.Get, Routes.Users, new[] { _admin, Me, Bruno });
        Http.OnJson(HttpMethod.Get, Routes.Teams, new[] { Support, Sales });
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Host, IRenderedComponent<TeamSettings> Page)> OpenAsync()
    {
        await SignInAsync();
        var host = RenderDialogHost();
        var page = Render<TeamSettings>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".team-name").Count));
        return (host, page);
    }

    private static IElement Row(IRenderedComponent<TeamSettings> page, string name) =>
        page.FindAll("tbody tr").Single(r => r.QuerySelector(".team-name")?.TextContent.Trim() == name);

    private RecordedRequest Put(long id) => Http.Requests.Single(r => r.Method == HttpMethod.Put && r.PathAndQuery == Routes.Team(id));

    [Fact]
    public async Task Editing_puts_the_new_name_and_members_updates_the_row_and_refreshes_lookups()
    {
        var lookups = Services.GetRequiredService<Lookups>();
        await lookups.EnsureLoadedAsync();
        Http.OnJson(HttpMethod.Put, Routes.Team(Support.Id), new TeamDto(Support.Id, "Customer care", [7, 8]));
        var (host, page) = await OpenAsync();
        Assert.Equal("Ana Agent", Row(page, "Support").QuerySelector(".team-members")!.TextContent.Trim());

        Row(page, "Support").QuerySelector(".team-edit")!.Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".team-save")));
        Assert.Contains("reconnected", host.Find(".team-members-live").TextContent);
        Assert.Equal("Support", host.Find(".team-name-input input").GetAttribute("value"));
        host.Find(".team-name-input input").Change("  Customer care ");
        var select = host.FindComponent<MudSelect<long>>();
        await host.InvokeAsync(() => select.Instance.SelectOption(Bruno.Id));
        host.Find(".team-save").Click();

        page.WaitForAssertion(() => Assert.Contains("Customer care", page.FindAll(".team-name").Select(e => e.TextContent.Trim())));
        Assert.Equal("Ana Agent, Bruno Backup", Row(page, "Customer care").QuerySelector(".team-members")!.TextContent.Trim());
        Assert.DoesNotContain("Support", page.FindAll(".team-name").Select(e => e.TextContent.Trim()));
        Assert.Equal("{\"name\":\"Customer care\",\"memberIds\":[7,8]}", Put(Support.Id).Body);
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".edit-team-dialog")));

        // The assignee pickers read Lookups: the next load asks the server again.
        var teamLoads = Http.Requests.Count(r => r.Method == HttpMethod.Get && r.PathAndQuery == Routes.Teams);
        await lookups.EnsureLoadedAsync();
        Assert.Equal(teamLoads + 1, Http.Requests.Count(r => r.Method == HttpMethod.Get && r.PathAndQuery == Routes.Teams));
    }

    [Fact]
    public async Task Changing_only_members_sends_only_member_ids()
    {
        Http.OnJson(HttpMethod.Put, Routes.Team(Sales.Id), Sales with { MemberIds = [8] });
        var (host, page) = await OpenAsync();

        Row(page, "Sales").QuerySelector(".team-edit")!.Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".team-save")));
        var select = host.FindComponent<MudSelect<long>>();
        await host.InvokeAsync(() => select.Instance.SelectOption(Bruno.Id));
        host.Find(".team-save").Click();

        page.WaitForAssertion(() => Assert.Equal("Bruno Backup", Row(page, "Sales").QuerySelector(".team-members")!.TextContent.Trim()));
        Assert.Equal("{\"memberIds\":[8]}", Put(Sales.Id).Body);
    }

    [Fact]
    public async Task A_taken_name_is_shown_next_to_the_name_in_the_agents_language_and_the_row_is_unchanged()
    {
        Http.On(HttpMethod.Put, Routes.Team(Support.Id), _ => FakeHttpHandler.Problem(HttpStatusCode.Conflict, "A team with this name already exists."));
        Culture.Set("es");
        var (host, page) = await OpenAsync();

        Row(page, "Support").QuerySelector(".team-edit")!.Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".team-save")));
        host.Find(".team-name-input input").Change("Sales");
        host.Find(".team-save").Click();

        host.WaitForAssertion(() => Assert.Equal("Ya existe un equipo con este nombre.",
            host.Find(".team-name-input").QuerySelector(".mud-input-helper-text")?.TextContent.Trim()));
        Assert.Equal("{\"name\":\"Sales\"}", Put(Support.Id).Body);
        Assert.NotEmpty(host.FindAll(".team-save")); // the dialog stays open
        Assert.Equal(["Support", "Sales"], page.FindAll(".team-name").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public async Task A_server_field_error_on_members_shows_next_to_the_members()
    {
        Http.On(HttpMethod.Put, Routes.Team(Sales.Id), _ => FakeHttpHandler.Problem(HttpStatusCode.BadRequest, "invalid",
            new Dictionary<string, string[]> { ["memberIds"] = ["Unknown users: 8."] }));
        var (host, page) = await OpenAsync();

        Row(page, "Sales").QuerySelector(".team-edit")!.Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".team-save")));
        var select = host.FindComponent<MudSelect<long>>();
        await host.InvokeAsync(() => select.Instance.SelectOption(Bruno.Id));
        host.Find(".team-save").Click();

        host.WaitForAssertion(() => Assert.Equal("Unknown users: 8.",
            host.Find(".team-members-select").QuerySelector(".mud-input-helper-text")?.TextContent.Trim()));
        Assert.Empty(host.FindAll(".form-error"));
    }
}
