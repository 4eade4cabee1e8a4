using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Channels;

/// <summary>An admin sets up API channels: the server checks settings against the type's schema and shows what it issues once.</summary>
public sealed class ApiChannelSettingsTests(SharedInbox shared) : IClassFixture<SharedInbox>
{
    private HttpClient Admin => shared.Admin;

    [Theory]
    [InlineData("colour", "blue", "colour")]
    [InlineData("webhookUrl", "ftp://shop.example/hook", "webhookUrl")]
    [InlineData("webhookUrl", "not a url", "webhookUrl")]
    [InlineData("webhookUrl", "/relative/hook", "webhookUrl")]
    [InlineData("webhookSecret", "whsec_in_the_wrong_place", "webhookSecret")]
    public async Task Invalid_settings_answer_400_naming_the_field_and_create_nothing(string key, string value, string field)
    {
        var name = $"Refused {Guid.NewGuid():N}";

        var response = await Admin.PostAsJsonAsync(Routes.Channels, new CreateChannelRequest(ChannelTypes.Api, name, new() { [key] = value }, null));

        var errors = await ErrorsAsync(response);
        Assert.Equal([field], errors.Keys);
        Assert.DoesNotContain(await Admin.GetJsonAsync<List<ChannelDto>>(Routes.Channels), c => c.Name == name);
    }

    [Fact]
    public async Task Every_invalid_field_is_named_in_one_answer()
    {
        var response = await Admin.PostAsJsonAsync(Routes.Channels, new CreateChannelRequest(ChannelTypes.Api, " ",
            new() { ["webhookUrl"] = "https://shop.example/" + new string('a', 2048) }, new() { ["pin"] = "1234" }));

        var errors = await ErrorsAsync(response);
        Assert.Equal(["name", "pin", "webhookUrl"], errors.Keys.Order());
        Assert.Contains("at most 2048 characters", errors["webhookUrl"][0]);
        Assert.Contains("no secret 'pin'", errors["pin"][0]);
    }

    [Fact]
    public async Task An_unknown_type_is_refused_naming_the_types_this_server_runs()
    {
        var errors = await ErrorsAsync(await Admin.PostAsJsonAsync(Routes.Channels, new CreateChannelRequest("fax", "Fax line", null, null)));

        Assert.Equal(["type"], errors.Keys);
        Assert.Contains("'fax'", errors["type"][0]);
        Assert.Contains("api", errors["type"][0]);
    }

    [Fact]
    public async Task A_generated_secret_is_returned_once_and_never_again()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        var response = await Admin.PostAsJsonAsync(Routes.Channels, new CreateChannelRequest(ChannelTypes.Api, $"Once {Guid.NewGuid():N}",
            new() { ["webhookUrl"] = webhook.Url }, null));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<ChannelCreatedDto>())!;

        var secret = Assert.Single(created.GeneratedSecrets);
        Assert.Equal("webhookSecret", secret.Key);
        Assert.StartsWith("whsec_", secret.Value);
        Assert.StartsWith("inbox_ch_", created.InboundToken);
        Assert.Equal(["webhookSecret"], created.Channel.SecretNames);

        // It signs the channel's webhooks...
        webhook.Secret = secret.Value;
        var test = await Admin.PostJsonAsync<JsonElement>(Routes.ChannelTest(created.Channel.Id), new { });
        Assert.True(test.GetProperty("ok").GetBoolean(), test.ToString());

        // ...and no answer shows it again, nor is it stored in clear.
        var edited = await Admin.PatchAsJsonAsync(Routes.Channel(created.Channel.Id), new UpdateChannelRequest("Renamed once", null, null, null));
        var answers = new[]
        {
            await (await Admin.GetAsync(Routes.Channel(created.Channel.Id))).EnsureSuccessOrDump().Content.ReadAsStringAsync(),
            await (await Admin.GetAsync(Routes.Channels)).EnsureSuccessOrDump().Content.ReadAsStringAsync(),
            await edited.EnsureSuccessOrDump().Content.ReadAsStringAsync(),
            await (await Admin.GetAsync(Routes.ChannelTypes)).EnsureSuccessOrDump().Content.ReadAsStringAsync(),
        };
        Assert.All(answers, body => Assert.DoesNotContain(secret.Value, body));
        Assert.All(answers, body => Assert.DoesNotContain(created.InboundToken!, body));
        using var db = shared.App.OpenDatabase();
        var row = await db.QuerySingleAsync<(string? Secrets, string? Hash)>("SELECT secrets, inbound_token_hash FROM channels WHERE id = @Id", new { created.Channel.Id });
        Assert.DoesNotContain(secret.Value, row.Secrets);
        Assert.NotEqual(created.InboundToken, row.Hash);
    }

    [Fact]
    public async Task A_secret_the_admin_chooses_is_used_and_nothing_is_generated()
    {
        await using var webhook = await WebhookReceiver.StartAsync("our-own-shared-secret");

        var created = await Admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels, new CreateChannelRequest(ChannelTypes.Api, $"Own secret {Guid.NewGuid():N}",
            new() { ["webhookUrl"] = webhook.Url }, new() { ["webhookSecret"] = "  our-own-shared-secret " }));

        Assert.Empty(created.GeneratedSecrets);
        var test = await Admin.PostJsonAsync<JsonElement>(Routes.ChannelTest(created.Channel.Id), new { });
        Assert.True(test.GetProperty("ok").GetBoolean(), test.ToString()); // stored trimmed, as pasted values often are not
    }

    [Fact]
    public async Task Edits_are_checked_too_keep_secrets_sent_empty_and_remove_settings_sent_empty()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        var channel = await shared.App.CreateApiChannelAsync(Admin, webhook.Url, $"Edited {Guid.NewGuid():N}");
        webhook.Secret = channel.WebhookSecret;

        var bad = await Admin.PatchAsJsonAsync(Routes.Channel(channel.Id), new UpdateChannelRequest("Renamed", false,
            new() { ["webhookUrl"] = "mailto:shop@example.com" }, null));
        Assert.Equal(["webhookUrl"], (await ErrorsAsync(bad)).Keys);
        var untouched = await Admin.GetJsonAsync<ChannelDto>(Routes.Channel(channel.Id));
        Assert.Equal(webhook.Url, untouched.Settings["webhookUrl"]);
        Assert.True(untouched.Enabled); // nothing of a refused edit is applied

        var kept = await (await Admin.PatchAsJsonAsync(Routes.Channel(channel.Id), new UpdateChannelRequest(null, null, null,
            new() { ["webhookSecret"] = "" }))).ReadJsonOrDumpAsync<ChannelDto>();
        Assert.Equal(["webhookSecret"], kept.SecretNames);
        var test = await Admin.PostJsonAsync<JsonElement>(Routes.ChannelTest(channel.Id), new { });
        Assert.True(test.GetProperty("ok").GetBoolean(), test.ToString());

        var cleared = await (await Admin.PatchAsJsonAsync(Routes.Channel(channel.Id), new UpdateChannelRequest(null, null,
            new() { ["webhookUrl"] = "" }, null))).ReadJsonOrDumpAsync<ChannelDto>();
        Assert.False(cleared.Settings.ContainsKey("webhookUrl"));
        Assert.False((await Admin.PostJsonAsync<JsonElement>(Routes.ChannelTest(channel.Id), new { })).GetProperty("ok").GetBoolean());
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
