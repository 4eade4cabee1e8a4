using System.Net;
using Inbox.Contracts;
using Inbox.Web.Api;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Api;

public sealed class InboxApiClientTests
{
    private readonly FakeHttpHandler _http = new();
    private readonly InboxApiClient _api;
    private int _tokenVersion;

    public InboxApiClientTests()
    {
        _api = new InboxApiClient(new HttpClient(_http) { BaseAddress = new Uri("http://localhost/") });
        _http.On(HttpMethod.Get, Routes.Antiforgery, _ =>
            FakeHttpHandler.Json(new AntiforgeryTokenDto(Routes.AntiforgeryHeader, $"token-{++_tokenVersion}")));
    }

    [Fact]
    public async Task State_changing_calls_carry_the_antiforgery_header_and_gets_do_not()
    {
        _http.OnJson(HttpMethod.Post, Routes.ConversationRead(5), Fixtures.Conversation(5, "A"));
        _http.OnJson(HttpMethod.Get, Routes.Conversation(5), Fixtures.Conversation(5, "A"));

        await _api.GetConversationAsync(5);
        await _api.MarkReadAsync(5);

        Assert.False(_http.Requests.Single(r => r.PathAndQuery == Routes.Conversation(5)).Headers.ContainsKey(Routes.AntiforgeryHeader));
        Assert.Equal("token-1", _http.Requests.Single(r => r.PathAndQuery == Routes.ConversationRead(5)).Headers[Routes.AntiforgeryHeader]);
    }

    [Fact]
    public async Task Stale_antiforgery_token_is_refetched_once_and_the_call_retried()
    {
        var attempts = 0;
        _http.On(HttpMethod.Post, Routes.ConversationMessages(5), request =>
        {
            attempts++;
            return request.Headers.GetValues(Routes.AntiforgeryHeader).Single() == "token-2"
                ? FakeHttpHandler.Json(Fixtures.Outbound(77, 5, "hi", MessageStatus.Queued), HttpStatusCode.Created)
                : FakeHttpHandler.Problem(HttpStatusCode.BadRequest, "Bad Request");
        });

        var message = await _api.ReplyAsync(5, new ReplyRequest("hi", 501));

        Assert.Equal(77, message.Id);
        Assert.Equal(MessageStatus.Queued, message.Status);
        Assert.Equal(2, attempts);
        Assert.Contains("\"identityId\":501", _http.Requests.Last().Body);
    }

    [Fact]
    public async Task Validation_problem_is_not_retried_and_surfaces_its_message()
    {
        var attempts = 0;
        _http.On(HttpMethod.Post, Routes.ConversationNotes(5), _ =>
        {
            attempts++;
            return FakeHttpHandler.Problem(HttpStatusCode.BadRequest, "Validation failed", new { text = new[] { "Text is required." } });
        });

        var ex = await Assert.ThrowsAsync<ApiException>(() => _api.AddNoteAsync(5, new NoteRequest("")));

        Assert.Equal(1, attempts);
        Assert.Equal("Text is required.", ex.UserMessage);
    }

    [Fact]
    public async Task Unauthorized_answer_raises_the_event()
    {
        var raised = false;
        _api.Unauthorized += () => raised = true;
        _http.On(HttpMethod.Get, Routes.Users, _ => new HttpResponseMessage(HttpStatusCode.Unauthorized));

        await Assert.ThrowsAsync<ApiException>(() => _api.GetUsersAsync());

        Assert.True(raised);
    }

    [Fact]
    public async Task Enums_travel_as_camel_case_strings()
    {
        _http.OnJson(HttpMethod.Post, Routes.ConversationStatus(5), Fixtures.Conversation(5, "A", status: ConversationStatus.Resolved));

        var result = await _api.ChangeStatusAsync(5, ConversationStatus.Resolved);

        Assert.Equal("{\"status\":\"resolved\"}", _http.Requests.Last().Body);
        Assert.Equal(ConversationStatus.Resolved, result.Status);
    }

    [Fact]
    public void Conversation_query_builds_the_documented_url()
    {
        var url = new ConversationQuery(ConversationStatus.Snoozed, "unassigned", TeamId: 3, UnreadOnly: true, Cursor: "a b", Limit: 20).ToUrl();

        Assert.Equal("/api/conversations?status=snoozed&assignee=unassigned&teamId=3&unread=true&cursor=a%20b&limit=20", url);
    }

    [Fact]
    public async Task Wrong_password_returns_null()
    {
        _http.On(HttpMethod.Post, Routes.Login, _ => new HttpResponseMessage(HttpStatusCode.Unauthorized));

        Assert.Null(await _api.LoginAsync("a@b.c", "nope"));
    }
}
