using System.Net;
using Inbox.Connectors.WebChat;
using Inbox.Contracts;
using Inbox.Server.Channels;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Widget;

/// <summary>
/// <c>/widget-demo</c> (on by default, <c>Inbox:Widget:Demo</c>): a page of this server showing the widget, on a
/// "Website chat (demo)" channel made on the first visit for this server's own origin. Right after <c>dotnet run</c>
/// an admin sees what visitors will see, and the chats land in the inbox.
/// </summary>
public static class WidgetDemo
{
    public const string ChannelName = "Website chat (demo)";
    private static readonly SemaphoreSlim Creating = new(1, 1);

    public static IEndpointRouteBuilder MapWidgetDemo(this IEndpointRouteBuilder app)
    {
        app.MapGet(WidgetRoutes.Demo, async (HttpContext http, IOptions<WidgetOptions> options, ChannelStore channels, ChannelCommands commands, CancellationToken ct) =>
            {
                if (!options.Value.Demo) return Results.NotFound();
                var origin = $"{http.Request.Scheme}://{http.Request.Host.Value}";
                var channel = await DemoChannelAsync(channels, commands, origin, ct);
                if (channel is null) return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The demo channel could not be made.");
                return Results.Content(Page(channel.WebhookKey), "text/html; charset=utf-8");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Channel?> DemoChannelAsync(ChannelStore channels, ChannelCommands commands, string origin, CancellationToken ct)
    {
        await Creating.WaitAsync(ct);
        try
        {
            var existing = (await channels.ListAsync(ct)).FirstOrDefault(c => c.Type == ChannelTypes.WebChat && c.Name == ChannelName);
            if (existing is not null) return existing;
            var created = await commands.CreateAsync(new CreateChannelRequest(ChannelTypes.WebChat, ChannelName, new()
            {
                [WebChatConnector.AllowedOriginsSetting] = origin,
                [WebChatConnector.GreetingSetting] = "Hi! Ask us anything: an agent answers here.",
            }, null), ct);
            return created.Value is { } dto ? await channels.GetAsync(dto.Channel.Id, ct) : null;
        }
        finally
        {
            Creating.Release();
        }
    }

    private static string Page(string key) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Inbox widget demo</title>
          <style>
            body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
            code { background: #f3f3f3; padding: .1rem .3rem; border-radius: 4px; }
          </style>
        </head>
        <body>
          <h1>A shop's page</h1>
          <p>The chat button in the corner is the Inbox widget on the channel <strong>{{WebUtility.HtmlEncode(ChannelName)}}</strong>.
             Write something, then answer it from the inbox (sign in at <a href="/">/</a>).</p>
          <p>On your own site, paste this tag (and list your site's origin in the channel's allowed origins):</p>
          <pre><code>&lt;script src="{server}/widget.js" data-channel="{{key}}" async&gt;&lt;/script&gt;</code></pre>
          <script src="/widget.js" data-channel="{{key}}" async></script>
        </body>
        </html>
        """;
}
