using Inbox.Contracts;
using Inbox.Web.Contacts;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Inbox.Web.Tests.Contacts;

public sealed class MergeContactDialogTests : ConsoleTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly ContactDto _target = Fixtures.Contact(105, "María");

    private async Task<(IRenderedComponent<MudDialogProvider> Host, IDialogReference Dialog)> OpenAsync(TimeSpan? debounce = null)
    {
        await SignInAsync();
        var host = RenderDialogHost();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<MergeContactDialog> { { d => d.Contact, _target } };
        if (debounce is { } d)
        {
            parameters.Add(x => x.Debounce, d);
        }
        IDialogReference? reference = null;
        await host.InvokeAsync(async () => reference = await dialogs.ShowAsync<MergeContactDialog>("Merge contacts", parameters));
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".merge-search input")));
        return (host, reference!);
    }

    /// <summary>Finds and types in one go: the dialog re-renders while a search is pending, which replaces the input's handler.</summary>
    private static Task TypeAsync(IRenderedComponent<MudDialogProvider> host, string text) =>
        host.InvokeAsync(() => host.Find(".merge-search input").Input(text));

    private List<RecordedRequest> Searches() =>
        Http.Requests.Where(r => r.Method == HttpMethod.Get && r.PathAndQuery.StartsWith(Routes.Contacts + "?", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Search_sends_the_typed_text_and_leaves_out_the_current_contact()
    {
        Http.OnJson(HttpMethod.Get, Routes.Contacts, new[]
        {
            new ContactSummaryDto(301, "María Dos", null, "+34600000002"),
            new ContactSummaryDto(105, "María", "maria@example.com", "+34600000001"),
            new ContactSummaryDto(300, "Maria Duplicate", "maria.d@example.com", null),
        });
        var (host, _) = await OpenAsync();

        await TypeAsync(host, "Maria D");

        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll(".merge-result").Count), Wait);
        Assert.Equal("/api/contacts?q=Maria%20D&limit=20", Assert.Single(Searches()).PathAndQuery);
        var ids = host.FindAll(".merge-result-id").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["#301", "#300"], ids);
        Assert.Contains("maria.d@example.com", host.FindAll(".merge-result")[1].TextContent);
        Assert.Contains("+34600000002", host.FindAll(".merge-result")[0].TextContent);
    }

    [Fact]
    public async Task Typing_fast_searches_once_for_the_last_text_after_a_pause()
    {
        Http.OnJson(HttpMethod.Get, Routes.Contacts, new[] { new ContactSummaryDto(300, "Maria Duplicate", null, null) });
        var (host, _) = await OpenAsync();

        await TypeAsync(host, "Ma");
        await TypeAsync(host, "Mar");
        await TypeAsync(host, "Mari");
        Assert.Empty(Searches()); // nothing before the pause

        host.WaitForAssertion(() => Assert.Single(host.FindAll(".merge-result")), Wait);
        Assert.Equal("/api/contacts?q=Mari&limit=20", Assert.Single(Searches()).PathAndQuery);
    }

    [Fact]
    public async Task One_character_does_not_search()
    {
        var (host, _) = await OpenAsync(TimeSpan.Zero);

        await TypeAsync(host, "M");

        host.WaitForAssertion(() => Assert.Equal("Type at least 2 characters.", host.Find(".merge-status").TextContent.Trim()));
        await Task.Delay(50);
        Assert.Empty(Searches());
    }

    [Fact]
    public async Task Only_the_current_contact_matching_says_no_other_contact_matches()
    {
        Http.OnJson(HttpMethod.Get, Routes.Contacts, new[] { new ContactSummaryDto(105, "María", null, null) });
        var (host, _) = await OpenAsync(TimeSpan.Zero);

        await TypeAsync(host, "María");

        host.WaitForAssertion(() => Assert.Equal("No other contact matches.", host.Find(".merge-status").TextContent.Trim()), Wait);
        Assert.Empty(host.FindAll(".merge-result"));
    }

    [Fact]
    public async Task Picking_a_result_then_confirming_merges_that_contact()
    {
        Http.OnJson(HttpMethod.Get, Routes.Contacts, new[]
        {
            new ContactSummaryDto(301, "María Dos", null, null),
            new ContactSummaryDto(300, "Maria Duplicate", "maria.d@example.com", null),
        });
        Http.OnJson(HttpMethod.Post, Routes.ContactMerge(105), _target);
        var (host, dialog) = await OpenAsync(TimeSpan.Zero);
        await TypeAsync(host, "Maria");
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll(".merge-result").Count), Wait);

        host.FindAll(".merge-result").Single(e => e.TextContent.Contains("#300")).Click();

        host.WaitForAssertion(() => Assert.Contains("Maria Duplicate (#300)", host.Find(".merge-summary").TextContent));
        Assert.Equal("This cannot be undone.", host.Find(".merge-warning").TextContent.Trim());
        Assert.DoesNotContain(Http.Requests, r => r.Method == HttpMethod.Post); // picking alone merges nothing
        host.Find(".merge-confirm").Click();

        var result = await dialog.Result.WaitAsync(Wait);
        Assert.False(result!.Canceled);
        var merge = Http.Requests.Single(r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.ContactMerge(105));
        Assert.Equal("{\"sourceContactId\":300}", merge.Body);
    }

    [Fact]
    public async Task Back_returns_to_the_results()
    {
        Http.OnJson(HttpMethod.Get, Routes.Contacts, new[] { new ContactSummaryDto(300, "Maria Duplicate", null, null) });
        var (host, _) = await OpenAsync(TimeSpan.Zero);
        await TypeAsync(host, "Maria");
        host.WaitForAssertion(() => Assert.Single(host.FindAll(".merge-result")), Wait);
        host.Find(".merge-result").Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".merge-back")));

        host.Find(".merge-back").Click();

        host.WaitForAssertion(() => Assert.Single(host.FindAll(".merge-result")));
        Assert.Equal("Maria", host.Find(".merge-search input").GetAttribute("value"));
    }

    [Fact]
    public async Task Hash_and_id_looks_the_contact_up_by_id()
    {
        Http.OnJson(HttpMethod.Get, Routes.Contact(300), Fixtures.Contact(300, "Maria Duplicate"));
        var (host, _) = await OpenAsync(TimeSpan.Zero);

        await TypeAsync(host, "#300");

        host.WaitForAssertion(() => Assert.Contains("Maria Duplicate", host.Find(".merge-result").TextContent), Wait);
        Assert.Empty(Searches());
    }

    [Fact]
    public async Task Hash_and_own_id_is_refused()
    {
        var (host, _) = await OpenAsync(TimeSpan.Zero);

        await TypeAsync(host, "#105");

        host.WaitForAssertion(() => Assert.Equal("That is this contact's own id.", host.Find(".merge-status").TextContent.Trim()), Wait);
        Assert.DoesNotContain(Http.Requests, r => r.PathAndQuery.StartsWith(Routes.Contacts, StringComparison.Ordinal));
    }
}
