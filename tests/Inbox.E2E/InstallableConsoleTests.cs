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
    public async Task The_pages_before_sign_in_run_without_the_live_connection_or_the_consoles_assemblies_which_load_after_sign_in()
    {
        var page = await NewPageAsync("en-US");
        var requested = new List<string>();
        var errors = new List<string>();
        page.Request += (_, request) => { lock (requested) requested.Add(request.Url); };
        // A refused sign-in or link is a 4xx the browser reports too; anything else is the app failing.
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) lock (errors) errors.Add(message.Text); };
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        // The assembly itself (an untrimmed build also fetches every .pdb up front for the browser's debugger).
        bool Requested(string assembly)
        {
            lock (requested)
                return requested.Any(u => u.Contains($"/_framework/{assembly}.", StringComparison.Ordinal) && new Uri(u).AbsolutePath.EndsWith(".wasm", StringComparison.Ordinal));
        }

        // Every page and state an agent can reach before signing in: empty fields, a wrong password, the reset pages.
        await GoToAsync(page, "/login");
        await page.Locator(".login-email input").WaitForAsync(new() { Timeout = 30_000 });
        await page.Locator(".login-submit").ClickAsync();
        await Assertions.Expect(page.Locator(".login-email .signin-field-error")).ToHaveTextAsync("Enter your email");
        await page.Locator(".login-email input").FillAsync(ServerProcess.AdminEmail);
        await page.Locator(".login-password input").FillAsync("not-the-password");
        await page.Locator(".login-remember input").CheckAsync();
        await page.Locator(".login-submit").ClickAsync();
        await Assertions.Expect(page.Locator(".login-error")).ToHaveTextAsync("Wrong email or password.");
        await GoToAsync(page, "/forgot-password");
        await page.Locator(".forgot-submit").ClickAsync();
        await Assertions.Expect(page.Locator(".forgot-email .signin-field-error")).ToBeVisibleAsync();
        await GoToAsync(page, "/reset-password#token=inbox_link_made_up");
        await page.Locator(".password-new-input input").FillAsync("brand-new-1");
        await page.Locator(".password-repeat-input input").FillAsync("brand-new-2");
        await page.Locator(".password-submit").ClickAsync();
        await Assertions.Expect(page.Locator(".password-repeat-input .signin-field-error")).ToBeVisibleAsync();
        await page.Locator(".password-repeat-input input").FillAsync("brand-new-1");
        await page.Locator(".password-submit").ClickAsync();
        await Assertions.Expect(page.Locator(".reset-bad-link")).ToBeVisibleAsync();
        await GoToAsync(page, "/invitation");
        await Assertions.Expect(page.Locator(".invitation-bad-link")).ToBeVisibleAsync();
        await page.Locator(".language-switch button").ClickAsync();
        await page.Locator(".lang-es").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");

        Assert.False(Requested("Microsoft.AspNetCore.SignalR.Client.Core"), "a page before sign-in waited for SignalR");
        Assert.False(Requested("Inbox.Web.Console"), "a page before sign-in waited for the console's pages");
        Assert.False(Requested("System.Linq.Expressions"), "a page before sign-in waited for the console's assemblies");
        lock (errors) Assert.Empty(errors);

        await SignInAsync(page);
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        await Assertions.Expect(page.Locator(".conversation-list")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var written = await api.CustomerWritesAsync(channelId, token, "lazy-1", "+34 600 555 010", "Lola Ruiz", "¿Abrís el sábado?");
        // Live: the new conversation appears without a reload, over the hub loaded after sign-in.
        await Assertions.Expect(page.Locator($"[data-conversation-id='{written.ConversationId}']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.True(Requested("Microsoft.AspNetCore.SignalR.Client.Core"));
        Assert.True(Requested("Inbox.Web.Console"));
        Assert.True(Requested("System.Linq.Expressions"));
        await page.Locator(".nav-contacts").ClickAsync();
        await Assertions.Expect(page.Locator(".contacts-page")).ToBeVisibleAsync();
        lock (errors) Assert.Empty(errors);
    }
}
