using System.Net;
using Inbox.Contracts;
using Inbox.Web.Settings.Tokens;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Settings;

public sealed class TokensPageTests : ConsoleTestContext
{
    public TokensPageTests()
    {
        Http.OnJson(HttpMethod.Get, Routes.Tokens, new[]
        {
            new ApiTokenDto(1, "Order sync", Fixtures.T0, null),
            new ApiTokenDto(2, "Zapier", Fixtures.T0, Fixtures.T0.AddDays(1)),
        });
    }

    private static string[] Names(IRenderedComponent<TokensPage> cut) =>
        cut.FindAll(".token-name").Select(e => e.TextContent.Trim()).ToArray();

    [Fact]
    public async Task Revoke_asks_first_then_deletes_and_removes_the_row()
    {
        Http.On(HttpMethod.Delete, Routes.Token(1), _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        await SignInAsync();
        var cut = Render<TokensPage>();
        cut.WaitForAssertion(() => Assert.Equal(["Order sync", "Zapier"], Names(cut)));

        cut.FindAll(".token-revoke")[0].Click();
        Assert.DoesNotContain(Http.Requests, r => r.Method == HttpMethod.Delete); // only asked so far
        cut.Find(".token-revoke-confirm").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Zapier"], Names(cut)));
        var delete = Http.Requests.Single(r => r.Method == HttpMethod.Delete);
        Assert.Equal(Routes.Token(1), delete.PathAndQuery);
        Assert.Equal("xsrf-1", delete.Headers[Routes.AntiforgeryHeader]);
    }

    [Fact]
    public async Task Failed_revoke_keeps_the_row()
    {
        Http.On(HttpMethod.Delete, Routes.Token(1), _ => FakeHttpHandler.Problem(HttpStatusCode.InternalServerError, "boom"));
        await SignInAsync();
        var cut = Render<TokensPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, Names(cut).Length));

        cut.FindAll(".token-revoke")[0].Click();
        cut.Find(".token-revoke-confirm").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".token-revoke")));
        Assert.Equal(["Order sync", "Zapier"], Names(cut));
    }

    [Fact]
    public async Task New_token_secret_is_shown_once_and_the_row_is_added()
    {
        Http.OnJson(HttpMethod.Post, Routes.Tokens, new ApiTokenCreatedDto(new ApiTokenDto(3, "CLI", Fixtures.T0, null), "inbox_pat_xyz"),
            HttpStatusCode.Created);
        await SignInAsync();
        var host = RenderDialogHost();
        var cut = Render<TokensPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, Names(cut).Length));

        cut.Find(".token-add").Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".token-name-input input")));
        host.Find(".token-name-input input").Change("CLI");
        host.Find(".token-create").Click();
        host.WaitForAssertion(() => Assert.Equal("inbox_pat_xyz", host.Find(".token-secret input").GetAttribute("value")));
        host.Find(".token-done").Click();

        cut.WaitForAssertion(() => Assert.Equal(["CLI", "Order sync", "Zapier"], Names(cut)));
        host.WaitForAssertion(() => Assert.DoesNotContain("inbox_pat_xyz", host.Markup));
    }
}
