using System.Net;
using System.Text;
using System.Text.Json;
using Inbox.Web.Api;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>A hand-written stand-in for the server: routes by method + path (query ignored unless given), records requests.</summary>
public sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string Path, Func<HttpRequestMessage, Task<HttpResponseMessage>> Respond)> _routes = [];

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Shared with the fake hub so a test can check the order of hub and HTTP calls.</summary>
    public List<string>? Timeline { get; set; }

    public FakeHttpHandler On(HttpMethod method, string path, Func<HttpRequestMessage, HttpResponseMessage> respond) =>
        OnAsync(method, path, request => Task.FromResult(respond(request)));

    /// <summary>A route that answers later (e.g. when the test releases it), to stage what happens while a load is in flight.</summary>
    public FakeHttpHandler OnAsync(HttpMethod method, string path, Func<HttpRequestMessage, Task<HttpResponseMessage>> respond)
    {
        _routes.Insert(0, (method, path, respond)); // later registrations win
        return this;
    }

    public FakeHttpHandler OnJson(HttpMethod method, string path, object body, HttpStatusCode status = HttpStatusCode.OK) =>
        On(method, path, _ => Json(body, status));

    public static HttpResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(body, ApiJson.Options), Encoding.UTF8, "application/json"),
    };

    public static HttpResponseMessage Problem(HttpStatusCode status, string title, object? errors = null) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(new { title, status = (int)status, errors }, ApiJson.Options), Encoding.UTF8, "application/problem+json"),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!.PathAndQuery, body, headers));
        Timeline?.Add($"http:{request.Method} {request.RequestUri!.AbsolutePath}");

        var path = request.RequestUri!.AbsolutePath;
        var pathAndQuery = request.RequestUri.PathAndQuery;
        foreach (var (method, routePath, respond) in _routes)
        {
            if (method == request.Method && (routePath == path || routePath == pathAndQuery))
            {
                return await respond(request);
            }
        }
        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}

public sealed record RecordedRequest(HttpMethod Method, string PathAndQuery, string? Body, IReadOnlyDictionary<string, string> Headers);
