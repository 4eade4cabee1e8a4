using System.Net;
using System.Text.Json;
using Inbox.Contracts;
using Inbox.Web.Settings.Channels;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Settings;

public sealed class ChannelSettingsTests : ConsoleTestContext
{
    private const string Token = "inbox_ch_s3cr3t";
    private const string WebhookSecret = "whsec_abc123";

    public ChannelSettingsTests()
    {
        SignInAsAdmin();
        Http.OnJson(HttpMethod.Get, Routes.Channels, new[] { Fixtures.ApiChannel(3, "Old shop", enabled: false) });
        Http.OnJson(HttpMethod.Get, Routes.ChannelTypes, new[] { Fixtures.ApiChannelType() });
    }

    [Fact]
    public async Task Lists_channels_with_type_name_and_state()
    {
        await SignInAsync();
        var cut = Render<ChannelSettings>();

        cut.WaitForAssertion(() => Assert.Equal("Old shop", cut.Find(".channel-name").TextContent.Trim()));
        Assert.Equal("API", cut.Find(".channel-type").TextContent.Trim());
        Assert.Contains("Disabled", cut.Find(".channel-enabled").TextContent);
    }

    [Fact]
    public async Task Creating_an_api_channel_shows_token_secret_and_curl_once()
    {
        var created = Fixtures.ApiChannel(12, "Web shop", webhookUrl: "https://shop.example.com/hook");
        Http.OnJson(HttpMethod.Post, Routes.Channels,
            new ChannelCreatedDto(created, Token, new Dictionary<string, string> { ["webhookSecret"] = WebhookSecret }), HttpStatusCode.Created);
        await SignInAsync();
        var host = RenderDialogHost();
        var cut = Render<ChannelSettings>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".channel-name")));

        cut.WaitForAssertion(() => Assert.False(cut.Find(".channel-add").HasAttribute("disabled")));
        cut.Find(".channel-add").Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".channel-name-input input")));
        host.Find(".channel-name-input input").Change("Web shop");
        host.Find(".channel-field-webhookUrl input").Change("https://shop.example.com/hook");
        host.Find(".channel-create").Click();

        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".secrets-once-warning")));
        Assert.Contains("only once", host.Find(".secrets-once-warning").TextContent);
        Assert.Equal(Token, host.Find(".secret-inbound-token input").GetAttribute("value"));
        Assert.Equal(WebhookSecret, host.Find(".secret-webhookSecret input").GetAttribute("value"));
        Assert.Contains("Webhook secret", host.Find(".secret-webhookSecret").TextContent); // labelled from the type's field
        Assert.Equal("http://localhost/api/channels/12/inbound", host.Find(".secret-inbound-url input").GetAttribute("value"));
        var curl = host.Find(".secret-curl pre").TextContent;
        Assert.Contains("http://localhost/api/channels/12/inbound", curl);
        Assert.Contains($"{Routes.ChannelTokenHeader}: {Token}", curl);

        var post = Http.Requests.Single(r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.Channels);
        using var body = JsonDocument.Parse(post.Body!);
        Assert.Equal("api", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("https://shop.example.com/hook", body.RootElement.GetProperty("settings").GetProperty("webhookUrl").GetString());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("secrets").ValueKind); // left empty: the server generates it

        host.Find(".channel-done").Click();

        // Once closed, the secrets are gone for good; the new channel is in the table.
        host.WaitForAssertion(() => Assert.DoesNotContain(Token, host.Markup));
        cut.WaitForAssertion(() => Assert.Contains("Web shop", cut.FindAll(".channel-name").Select(e => e.TextContent.Trim())));
        Assert.DoesNotContain(Token, cut.Markup);
        Assert.DoesNotContain(WebhookSecret, host.Markup + cut.Markup);
    }

    [Fact]
    public async Task Editing_disables_the_channel_with_a_patch()
    {
        Http.OnJson(HttpMethod.Patch, Routes.Channel(3), Fixtures.ApiChannel(3, "New shop", enabled: true));
        await SignInAsync();
        var host = RenderDialogHost();
        var cut = Render<ChannelSettings>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".channel-edit")));

        cut.Find(".channel-edit").Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".channel-save")));
        host.Find(".channel-name-input input").Change("New shop");
        host.Find(".channel-enabled-switch input").Change(true);
        host.Find(".channel-save").Click();

        cut.WaitForAssertion(() => Assert.Equal("New shop", cut.Find(".channel-name").TextContent.Trim()));
        var patch = Http.Requests.Single(r => r.Method == HttpMethod.Patch);
        Assert.Contains("\"name\":\"New shop\"", patch.Body);
        Assert.Contains("\"enabled\":true", patch.Body);
        Assert.Contains("\"settings\":null", patch.Body); // nothing else changed
        Assert.Contains("\"secrets\":null", patch.Body);
    }

    [Fact]
    public async Task Test_connection_reports_the_servers_answer()
    {
        Http.OnJson(HttpMethod.Post, "/api/channels/3/test", new { ok = false, message = "Webhook answered 500" });
        await SignInAsync();
        var host = Render<MudBlazor.MudSnackbarProvider>();
        var cut = Render<ChannelSettings>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".channel-test")));

        cut.Find(".channel-test").Click();

        host.WaitForAssertion(() => Assert.Contains("Webhook answered 500", host.Markup));
    }

    [Fact]
    public async Task Rotating_sends_the_chosen_grace_and_shows_the_new_token_once_with_the_old_ones_end()
    {
        var until = new DateTimeOffset(2026, 12, 10, 9, 30, 0, TimeSpan.Zero);
        Http.OnJson(HttpMethod.Post, Routes.ChannelRotate(3), new ChannelRotatedDto(Fixtures.ApiChannel(3, "Old shop", enabled: false) with { RetiredUntil = until },
            "inbox_ch_new", new Dictionary<string, string> { ["webhookSecret"] = "whsec_new" }, until));
        await SignInAsync();
        var host = RenderDialogHost();
        var cut = Render<ChannelSettings>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".channel-rotate")));

        cut.Find(".channel-rotate").Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".rotate-confirm")));
        host.Find(".rotate-confirm").Click();

        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".secret-inbound-token")));
        Assert.Equal("inbox_ch_new", host.Find(".secret-inbound-token input").GetAttribute("value"));
        Assert.Equal("whsec_new", host.Find(".secret-webhookSecret input").GetAttribute("value"));
        Assert.Contains(until.ToLocalTime().ToString("g", System.Globalization.CultureInfo.GetCultureInfo("en")), host.Find(".rotate-old-until").TextContent);
        var post = Http.Requests.Single(r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.ChannelRotate(3));
        Assert.Contains("\"graceHours\":24", post.Body); // a day unless the admin picks otherwise
    }

    [Fact]
    public async Task An_archived_channel_shows_as_archived_with_no_actions_left()
    {
        Http.OnJson(HttpMethod.Delete, Routes.Channel(3), Fixtures.ApiChannel(3, "Old shop", enabled: false) with { ArchivedAt = DateTimeOffset.UtcNow });
        await SignInAsync();
        var host = RenderDialogHost();
        var cut = Render<ChannelSettings>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".channel-archive")));

        cut.Find(".channel-archive").Click();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".archive-confirm")));
        Assert.Contains("410", host.Find(".archive-channel-dialog").TextContent);
        host.Find(".archive-confirm").Click();

        cut.WaitForAssertion(() => Assert.Contains("Archived", cut.Find(".channel-enabled").TextContent));
        Assert.Empty(cut.FindAll(".channel-edit"));
        Assert.Empty(cut.FindAll(".channel-archive"));
        Assert.Single(Http.Requests, r => r.Method == HttpMethod.Delete && r.PathAndQuery == Routes.Channel(3));
    }

    [Fact]
    public async Task Admins_are_told_plainly_when_the_keys_that_encrypt_credentials_are_unprotected()
    {
        Http.OnJson(HttpMethod.Get, Routes.KeyProtection, new KeyProtectionDto(false));
        await SignInAsync();
        var cut = Render<ChannelSettings>();

        cut.WaitForAssertion(() => Assert.Contains("Inbox:Keys:CertificatePath", cut.Find(".keys-unprotected").TextContent));
    }

    [Fact]
    public async Task With_encrypted_keys_there_is_no_warning()
    {
        Http.OnJson(HttpMethod.Get, Routes.KeyProtection, new KeyProtectionDto(true));
        await SignInAsync();
        var cut = Render<ChannelSettings>();

        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.PathAndQuery == Routes.KeyProtection));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".channel-name")));
        Assert.Empty(cut.FindAll(".keys-unprotected"));
    }
}
