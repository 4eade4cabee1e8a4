using System.Net;
using System.Text;
using System.Text.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Api;

/// <summary>A request the API cannot read is answered with what is wrong and where, with the right status.</summary>
public sealed class ErrorResponseTests(SharedInbox shared) : SharedInboxTest(shared)
{
    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_json_path_and_position()
    {
        var contact = (await App.PushAcceptedAsync(Channel, "e-1", "+34622000001", "Hola")).ContactId;

        var wrongType = await SendAsync(HttpMethod.Patch, Routes.Contact(contact), """{"name": 12}""");
        var truncated = await SendAsync(HttpMethod.Patch, Routes.Contact(contact), """{"name": "Ana", """);

        using var type = JsonDocument.Parse(await wrongType.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Equal("$.name", type.RootElement.GetProperty("path").GetString());
        Assert.Contains("$.name", type.RootElement.GetProperty("detail").GetString());
        using var cut = JsonDocument.Parse(await truncated.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Equal(0, cut.RootElement.GetProperty("line").GetInt32());
        Assert.True(cut.RootElement.GetProperty("bytePosition").GetInt32() > 0);
        Assert.Contains("not valid JSON", cut.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_saying_what_the_endpoint_takes()
    {
        var conversation = (await App.PushAcceptedAsync(Channel, "e-2", "+34622000002", "Hola")).ConversationId;

        var response = await SendAsync(HttpMethod.Post, Routes.ConversationAssign(conversation), "assigneeId=1", "application/x-www-form-urlencoded");

        Assert.Contains("application/json", await response.AssertStatusAsync(HttpStatusCode.UnsupportedMediaType));
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_and_an_unknown_path_still_a_404()
    {
        var wrongMethod = await SendAsync(HttpMethod.Delete, Routes.Contacts, null);
        var unknown = await SendAsync(HttpMethod.Post, "/api/nothing-here", "{}");

        Assert.Contains("GET", await wrongMethod.AssertStatusAsync(HttpStatusCode.MethodNotAllowed));
        Assert.Contains("Endpoint not found", await unknown.AssertStatusAsync(HttpStatusCode.NotFound));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        return await Admin.SendAsync(request);
    }
}
