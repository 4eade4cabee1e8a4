using System.Collections.Concurrent;
using Inbox.Contracts;
using Inbox.Web.Contacts;
using Inbox.Web.Tests.Infrastructure;
using MudBlazor;

namespace Inbox.Web.Tests.Contacts;

/// <summary>The contacts list while a filter is being answered: the old rows stay (a click in between still lands), and
/// only the newest filter's answer is shown, whatever order the answers arrive in.</summary>
public sealed class ContactsPageTests : ConsoleTestContext
{
    /// <summary>Each filter's answer waits until the test releases it.</summary>
    private readonly ConcurrentDictionary<string, TaskCompletionSource<SearchResultsDto>> _answers = new();

    private static ContactHitDto Contact(long id, string name) =>
        new(id, new SearchSnippetDto(name, []), null, null, null, [IdentityKind.Email], DateTimeOffset.UtcNow);

    private static SearchResultsDto Page(params ContactHitDto[] contacts) => new(SearchKind.Contacts, [], contacts, null);

    private TaskCompletionSource<SearchResultsDto> Answer(string filter) =>
        _answers.GetOrAdd(filter, _ => new TaskCompletionSource<SearchResultsDto>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task<IRenderedComponent<ContactsPage>> RenderWithAllContactsAsync()
    {
        await SignInAsync();
        Http.OnAsync(HttpMethod.Get, Routes.Search, async request =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["q"] ?? "";
            return FakeHttpHandler.Json(await Answer(query).Task);
        });
        Answer("").SetResult(Page(Contact(1, "Ana"), Contact(2, "Bruno")));
        var page = Render<ContactsPage>();
        page.WaitForAssertion(() => Assert.Equal(["1", "2"], Rows(page)));
        return page;
    }

    private static IEnumerable<string?> Rows(IRenderedComponent<ContactsPage> page) =>
        page.FindAll(".contact-hit").Select(r => r.GetAttribute("data-contact-id"));

    private static Task TypeAsync(IRenderedComponent<ContactsPage> page, string filter) =>
        page.InvokeAsync(() => page.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync(filter));

    [Fact]
    public async Task The_old_rows_stay_until_the_filtered_answer_arrives()
    {
        var page = await RenderWithAllContactsAsync();

        var typing = TypeAsync(page, "bru");

        // Asked, not answered: the rows are still there (and clickable), with the page saying it is busy.
        page.WaitForAssertion(() => Assert.Single(Http.Requests, r => r.PathAndQuery.Contains("q=bru", StringComparison.Ordinal)));
        Assert.Equal(["1", "2"], Rows(page));
        Assert.NotEmpty(page.FindAll(".contacts-loading"));
        Assert.Equal("true", page.Find(".contacts-rows").GetAttribute("aria-busy"));

        Answer("bru").SetResult(Page(Contact(2, "Bruno")));
        await typing;

        page.WaitForAssertion(() => Assert.Equal(["2"], Rows(page)));
        Assert.Empty(page.FindAll(".contacts-loading"));
        Assert.Equal("false", page.Find(".contacts-rows").GetAttribute("aria-busy"));
    }

    [Fact]
    public async Task An_older_filters_late_answer_does_not_overwrite_the_newer_one()
    {
        var page = await RenderWithAllContactsAsync();

        var first = TypeAsync(page, "a");
        var second = TypeAsync(page, "ana");
        page.WaitForAssertion(() => Assert.Single(Http.Requests, r => r.PathAndQuery.Contains("q=ana", StringComparison.Ordinal)));

        // The newer filter is answered first; the older one's answer comes after it and must be dropped.
        Answer("ana").SetResult(Page(Contact(1, "Ana")));
        await second;
        page.WaitForAssertion(() => Assert.Equal(["1"], Rows(page)));
        Answer("a").SetResult(Page(Contact(1, "Ana"), Contact(3, "Marta"), Contact(4, "Sara")));
        await first;

        Assert.Equal(["1"], Rows(page));
        Assert.Empty(page.FindAll(".contacts-loading"));
    }
}
