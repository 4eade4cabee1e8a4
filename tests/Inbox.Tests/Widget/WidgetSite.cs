using System.Collections.Concurrent;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Tests.Widget;

/// <summary>A shop's website chat channel, set up by the admin, and the script tag's key.</summary>
public sealed record WebChatChannel(long Id, string Key, string IdentitySecret, string Origin);

/// <summary>Intent methods for widget scenarios: a site, its visitors (a browser on the site's origin), their live widget.</summary>
public static class WidgetSite
{
    public const string ShopOrigin = "https://shop.test";

    public static async Task<WebChatChannel> CreateWebChatAsync(this InboxAppFactory app, HttpClient admin, string origin = ShopOrigin, bool sneakPeek = false,
        bool preChat = false)
    {
        var created = await admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels, new CreateChannelRequest(ChannelTypes.WebChat, $"Web {Guid.NewGuid():N}", new()
        {
            ["allowedOrigins"] = origin,
            ["greeting"] = "Hello!",
            ["sneakPeek"] = sneakPeek ? "true" : "false",
            ["preChatForm"] = preChat ? "true" : "false",
        }, null));
        var snippet = await admin.GetJsonAsync<WidgetSnippetDto>(WidgetRoutes.Snippet(created.Channel.Id));
        return new WebChatChannel(created.Channel.Id, snippet.Key, created.GeneratedSecrets["identitySecret"], origin);
    }

    /// <summary>A browser on <paramref name="origin"/> that opens the widget (a fresh visitor unless it brings a token).</summary>
    public static async Task<WidgetVisitor> OpenWidgetAsync(this InboxAppFactory app, WebChatChannel channel, string? token = null, string? origin = null)
    {
        var visitor = new WidgetVisitor(app, channel, origin ?? channel.Origin);
        await visitor.StartSessionAsync(token);
        return visitor;
    }
}

public sealed class WidgetVisitor(InboxAppFactory app, WebChatChannel channel, string origin) : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Method, object Payload)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public HttpClient Http { get; } = CreateHttp(app, origin);
    public WidgetSessionDto Session { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public HubConnection? Hub { get; private set; }
    public IReadOnlyList<(string Method, object Payload)> Received => _received.ToList();

    private static HttpClient CreateHttp(InboxAppFactory app, string origin)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("Origin", origin);
        return http;
    }

    public async Task StartSessionAsync(string? token)
    {
        Session = await Http.PostJsonAsync<WidgetSessionDto>(WidgetRoutes.Sessions(channel.Key), new WidgetSessionRequest(token));
        Token = Session.Token ?? token!;
        Http.DefaultRequestHeaders.Remove(WidgetRoutes.VisitorHeader);
        Http.DefaultRequestHeaders.Add(WidgetRoutes.VisitorHeader, Token);
    }

    public async Task<HttpResponseMessage> SendAsync(string text, string? clientId = null) =>
        await Http.PostAsJsonAsync(WidgetRoutes.Messages(channel.Key), new WidgetSendRequest(text, clientId ?? Guid.NewGuid().ToString("N")));

    public async Task<WidgetMessageDto> WriteAsync(string text) => await (await SendAsync(text)).ReadJsonOrDumpAsync<WidgetMessageDto>();

    /// <summary>The paperclip: the file goes up as the widget sends it (multipart, field "file", the browser's claimed type).</summary>
    public async Task<HttpResponseMessage> UploadAsync(string name, string claimedType, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(claimedType);
        using var form = new MultipartFormDataContent { { content, "file", name } };
        return await Http.PostAsync(WidgetRoutes.Files(channel.Key), form);
    }

    public async Task<WidgetUploadDto> UploadOkAsync(string name, string claimedType, byte[] bytes) =>
        await (await UploadAsync(name, claimedType, bytes)).ReadJsonOrDumpAsync<WidgetUploadDto>();

    public async Task<HttpResponseMessage> SendFilesAsync(string? text, params string[] files) =>
        await Http.PostAsJsonAsync(WidgetRoutes.Messages(channel.Key), new WidgetSendRequest(text, Guid.NewGuid().ToString("N"), files));

    public async Task<HttpResponseMessage> DownloadAsync(long attachmentId) => await Http.GetAsync(WidgetRoutes.Attachment(channel.Key, attachmentId));

    public async Task<IReadOnlyList<WidgetMessageDto>> HistoryAsync(long after = 0) =>
        (await Http.GetJsonAsync<WidgetHistoryDto>(WidgetRoutes.Messages(channel.Key) + $"?after={after}")).Messages;

    public async Task<HttpResponseMessage> IdentifyAsync(string? id, string? email, string? name, string? hash) =>
        await Http.PostAsJsonAsync(WidgetRoutes.Identify(channel.Key), new WidgetIdentifyRequest(id, email, name, hash));

    /// <summary>The widget's live connection: Start binds it to this visitor and returns what it missed.</summary>
    public async Task<IReadOnlyList<WidgetMessageDto>> ConnectAsync(long afterMessageId = 0, string url = "https://shop.test/", string? title = "Shop", string? referrer = null)
    {
        Hub = BuildHub(app, channel.Key, origin);
        Hub.On<WidgetMessageDto>(nameof(IWidgetClient.Message), m => Record(nameof(IWidgetClient.Message), m));
        Hub.On<WidgetMessageDto>(nameof(IWidgetClient.Invitation), m => Record(nameof(IWidgetClient.Invitation), m));
        Hub.On<string?, bool>(nameof(IWidgetClient.AgentTyping), (name, typing) => Record(nameof(IWidgetClient.AgentTyping), (name, typing)));
        await Hub.StartAsync();
        return await Hub.InvokeAsync<IReadOnlyList<WidgetMessageDto>>(nameof(IWidgetHub.Start), Token, afterMessageId, new PageViewDto(url, title, referrer));
    }

    public static HubConnection BuildHub(InboxAppFactory app, string key, string origin) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, $"{WidgetRoutes.Hub}?channel={key}"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Origin"] = origin;
            })
            .Build();

    public async Task<T> WaitForAsync<T>(string method, Func<T, bool> match)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var hit = _received.FirstOrDefault(r => r.Method == method && r.Payload is T t && match(t));
            if (hit.Payload is T found) return found;
            try { await _arrived.WaitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"No {method} matching arrived at the widget. Received: {string.Join(", ", _received.Select(r => r.Method))}");
            }
        }
    }

    private void Record(string method, object payload)
    {
        _received.Enqueue((method, payload));
        _arrived.Release();
    }

    public async ValueTask DisposeAsync()
    {
        if (Hub is not null) await Hub.DisposeAsync();
        Http.Dispose();
    }
}
