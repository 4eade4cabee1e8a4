using Inbox.Contracts;
using Inbox.Web.Search;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests.Search;

/// <summary>The results page: the server's snippets shown as text with their matches marked, links into the thread at
/// the message, and more results by the cursor the server gave.</summary>
public sealed class SearchPageTests : ConsoleTestContext
{
    private static MessageHitDto Hit(long id, string text, params SearchRangeDto[] ranges) =>
        new(id, 40 + id, 7, "Lucía Pérez", MessageDirection.Inbound, false, 3, DateTimeOffset.UtcNow, new SearchSnippetDto(text, ranges));

    [Fact]
    public async Task Snippets_are_text_with_marked_matches_and_open_the_thread_at_the_message()
    {
        await SignInAsync();
        Http.OnJson(HttpMethod.Get, Routes.Search, new SearchResultsDto(SearchKind.Messages,
            [Hit(12, "Busco la Canción <b>del</b> anuncio", new SearchRangeDto(9, 7))], [], null));
        Services.GetRequiredService<NavigationManager>().NavigateTo("search?q=cancion");

        var page = Render<SearchPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".search-hit")));
        var snippet = page.Find(".search-snippet");
        Assert.Equal(["Canción"], snippet.QuerySelectorAll("mark").Select(m => m.TextContent));
        // Customer markup stays characters: no <b> element, the text shows the tag.
        Assert.Empty(snippet.QuerySelectorAll("b"));
        Assert.Equal("Busco la Canción <b>del</b> anuncio", snippet.TextContent);
        Assert.EndsWith("conversations/52?message=12", page.Find("a.search-hit").GetAttribute("href"));
        var sent = Assert.Single(Http.Requests, r => r.PathAndQuery.StartsWith(Routes.Search, StringComparison.Ordinal));
        Assert.Contains("kind=messages", sent.PathAndQuery);
        Assert.Contains("q=cancion", sent.PathAndQuery);
    }

    [Fact]
    public async Task More_results_come_by_the_servers_cursor_and_add_to_the_list()
    {
        await SignInAsync();
        Http.On(HttpMethod.Get, Routes.Search, request => FakeHttpHandler.Json(request.RequestUri!.Query.Contains("cursor=next-1", StringComparison.Ordinal)
            ? new SearchResultsDto(SearchKind.Messages, [Hit(3, "pedido antiguo", new SearchRangeDto(0, 6))], [], null)
            : new SearchResultsDto(SearchKind.Messages, [Hit(9, "pedido nuevo", new SearchRangeDto(0, 6))], [], "next-1")));
        Services.GetRequiredService<NavigationManager>().NavigateTo("search?q=pedido");

        var page = Render<SearchPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".search-hit")));
        await page.InvokeAsync(() => page.Find(".search-more").Click());

        page.WaitForAssertion(() => Assert.Equal(["9", "3"], page.FindAll(".search-hit").Select(h => h.GetAttribute("data-message-id"))));
        Assert.Empty(page.FindAll(".search-more"));
    }

    [Fact]
    public async Task An_older_questions_late_answer_is_dropped_for_the_newer_one()
    {
        await SignInAsync();
        var older = new TaskCompletionSource<HttpResponseMessage>();
        Http.OnAsync(HttpMethod.Get, Routes.Search, request => request.RequestUri!.Query.Contains("q=pedido", StringComparison.Ordinal)
            ? older.Task
            : Task.FromResult(FakeHttpHandler.Json(new SearchResultsDto(SearchKind.Messages, [Hit(5, "factura", new SearchRangeDto(0, 7))], [], null))));
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("search?q=pedido");
        var page = Render<SearchPage>();

        nav.NavigateTo("search?q=factura");
        page.WaitForAssertion(() => Assert.Equal(["5"], page.FindAll(".search-hit").Select(h => h.GetAttribute("data-message-id"))));
        older.SetResult(FakeHttpHandler.Json(new SearchResultsDto(SearchKind.Messages, [Hit(9, "pedido", new SearchRangeDto(0, 6))], [], "next")));

        await page.InvokeAsync(() => { });
        Assert.Equal(["5"], page.FindAll(".search-hit").Select(h => h.GetAttribute("data-message-id")));
        Assert.Empty(page.FindAll(".search-more"));
    }

    [Theory]
    [InlineData(-5, 3)]
    [InlineData(4, 100)]
    [InlineData(2, -1)]
    public void Ranges_outside_the_text_are_clipped_never_thrown_on(int start, int length)
    {
        var text = Render<HighlightedText>(p => p.Add(x => x.Snippet, new SearchSnippetDto("sofá rojo", [new SearchRangeDto(start, length), new SearchRangeDto(0, 4)])));
        Assert.Equal("sofá rojo", text.Find(".search-snippet").TextContent);
    }
}
