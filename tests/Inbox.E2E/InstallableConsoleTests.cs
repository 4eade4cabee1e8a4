using Microsoft.Playwright;
using System.Buffers.Binary;
using System.Net;
using System.Text.Json;

namespace Inbox.E2E;

/// <summary>The console can be installed on a phone: a valid web app manifest with its icons, and a service worker.</summary>
public sealed class InstallableConsoleTests : BrowserTest
{
    [Fact]
    public async Task The_console_links_a_valid_manifest_whose_icons_are_served_and_registers_its_service_worker()
    {
        var page = await NewPageAsync("en-US");
        await GoToAsync(page, "/");
        await page.Locator(".login-email input").WaitForAsync(new() { Timeout = 30_000 });

        var manifestHref = await page.EvaluateAsync<string>("() => document.querySelector('link[rel=manifest]').href");
        using var http = new HttpClient();
        using var response = await http.GetAsync(manifestHref);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        Assert.Equal("Inbox", root.GetProperty("name").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Equal("#3559e0", root.GetProperty("theme_color").GetString());
        Assert.Equal(Server.BaseAddress, new Uri(new Uri(manifestHref), root.GetProperty("start_url").GetString()));
        Assert.Equal("#3559e0", await page.EvaluateAsync<string>("() => document.querySelector('meta[name=theme-color]').content"));

        var icons = root.GetProperty("icons").EnumerateArray().ToList();
        foreach (var icon in icons)
        {
            var src = new Uri(new Uri(manifestHref), icon.GetProperty("src").GetString());
            var png = await http.GetByteArrayAsync(src);
            var declared = icon.GetProperty("sizes").GetString()!.Split('x').Select(int.Parse).ToArray();
            Assert.Equal("image/png", icon.GetProperty("type").GetString());
            // The PNG header's width and height are the sizes the manifest declares.
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            Assert.Equal(declared, new[] { BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)) });
        }
        // What Chrome requires to offer installation: 192 and 512 px icons, and one that may be masked.
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "192x192");
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "512x512" && i.GetProperty("purpose").GetString() == "any");
        Assert.Contains(icons, i => i.GetProperty("purpose").GetString() == "maskable");

        var worker = await page.EvaluateAsync<string>("""
            async () => { const r = await navigator.serviceWorker.ready; return r.active.scriptURL + ' ' + r.scope; }
            """);
        Assert.Equal($"{new Uri(Server.BaseAddress, "service-worker.js")} {Server.BaseAddress}", worker);
    }

    [Fact]
    public async Task The_sign_in_form_loads_without_the_live_connection_which_loads_after_sign_in()
    {
        var page = await NewPageAsync("en-US");
        var requested = new List<string>();
        page.Request += (_, request) => { lock (requested) requested.Add(request.Url); };
        await GoToAsync(page, "/login");
        await page.Locator(".login-email input").WaitForAsync(new() { Timeout = 30_000 });
        bool SignalRRequested() { lock (requested) return requested.Any(u => u.Contains("/_framework/Microsoft.AspNetCore.SignalR.Client.Core", StringComparison.Ordinal)); }
        Assert.False(SignalRRequested(), "the sign-in form waited for SignalR");

        await SignInAsync(page);
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        await Assertions.Expect(page.Locator(".conversation-list")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var written = await api.CustomerWritesAsync(channelId, token, "lazy-1", "+34 600 555 010", "Lola Ruiz", "¿Abrís el sábado?");
        // Live: the new conversation appears without a reload, over the hub loaded after sign-in.
        await Assertions.Expect(page.Locator($"[data-conversation-id='{written.ConversationId}']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.True(SignalRRequested());
    }
}
