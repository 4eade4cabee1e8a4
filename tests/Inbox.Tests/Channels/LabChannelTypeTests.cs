using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Channels;

/// <summary>A server that also runs the test-only "lab" type, whose schema has a field of every kind.</summary>
public sealed class LabInbox : IAsyncLifetime
{
    public InboxAppFactory App { get; } = new(services: s => s.AddKeyedSingleton<IChannelConnector, LabChannelConnector>(LabChannelConnector.Type));

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync() => Admin = await App.AdminClientAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The server validates any registered type's settings with that type's own schema: required, kinds, options, defaults.</summary>
public sealed class LabChannelTypeTests(LabInbox lab) : IClassFixture<LabInbox>
{
    private HttpClient Admin => lab.Admin;

    [Fact]
    public async Task A_registered_type_is_listed_with_every_kind_of_field_and_its_capabilities()
    {
        using var json = JsonDocument.Parse(await (await Admin.GetAsync(Routes.ChannelTypes)).EnsureSuccessOrDump().Content.ReadAsStringAsync());

        var type = json.RootElement.EnumerateArray().Single(t => t.GetProperty("type").GetString() == LabChannelConnector.Type);
        Assert.Contains(json.RootElement.EnumerateArray(), t => t.GetProperty("type").GetString() == ChannelTypes.Api);
        Assert.Equal("Laboratorio", type.GetProperty("displayName").GetProperty("es").GetString());
        Assert.Equal(["text", "attachments", "typingIndicator"], type.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.False(type.GetProperty("issuesInboundToken").GetBoolean());
        Assert.Equal(["phone"], type.GetProperty("reaches").EnumerateArray().Select(c => c.GetString()));
        var fields = type.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(["text", "secret", "url", "number", "select", "bool"], fields.Select(f => f.GetProperty("kind").GetString()));
        Assert.Equal([true, true, false, false, false, false], fields.Select(f => f.GetProperty("required").GetBoolean()));
        var region = fields[4];
        Assert.Equal("us", region.GetProperty("default").GetString());
        Assert.Equal(["us", "eu"], region.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString()));
        Assert.Equal("Europa", region.GetProperty("options")[1].GetProperty("label").GetProperty("es").GetString());
        Assert.Equal("Dónde guarda los datos el laboratorio.", region.GetProperty("help").GetProperty("es").GetString());
    }

    [Fact]
    public async Task Missing_required_fields_and_values_of_the_wrong_kind_answer_400_naming_each_field()
    {
        var name = $"Lab {Guid.NewGuid():N}";
        var response = await Admin.PostAsJsonAsync(Routes.Channels, new CreateChannelRequest(LabChannelConnector.Type, name, new()
        {
            ["port"] = "nine-nine-three",
            ["region"] = "mars",
            ["sandbox"] = "yes",
            ["callbackUrl"] = "javascript:alert(1)",
        }, new() { ["apiKey"] = "   " }));

        var body = await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        using var json = JsonDocument.Parse(body);
        var errors = json.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        Assert.Equal(["account", "apiKey", "callbackUrl", "port", "region", "sandbox"], errors.Keys.Order());
        Assert.Equal("Account is required for a lab channel.", errors["account"].Single());
        Assert.Contains("must be a number", errors["port"].Single());
        Assert.Contains("one of: us, eu", errors["region"].Single());
        Assert.Contains("true or false", errors["sandbox"].Single());
        Assert.DoesNotContain(await Admin.GetJsonAsync<List<ChannelDto>>(Routes.Channels), c => c.Name == name);
    }

    [Fact]
    public async Task Valid_values_are_stored_normalised_with_defaults_for_what_was_left_out()
    {
        var full = await Admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels, new CreateChannelRequest(LabChannelConnector.Type, "Lab full", new()
        {
            ["account"] = "  acme ",
            ["port"] = " 8080 ",
            ["region"] = "eu",
            ["sandbox"] = "True",
            ["callbackUrl"] = "https://lab.example/cb",
        }, new() { ["apiKey"] = "k-123" }));
        var minimal = await Admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels, new CreateChannelRequest(LabChannelConnector.Type, "Lab minimal",
            new() { ["account"] = "acme" }, new() { ["apiKey"] = "k-123" }));

        Assert.Equal(new Dictionary<string, string> { ["account"] = "acme", ["port"] = "8080", ["region"] = "eu", ["sandbox"] = "true", ["callbackUrl"] = "https://lab.example/cb" },
            full.Channel.Settings);
        Assert.Equal(new Dictionary<string, string> { ["account"] = "acme", ["port"] = "993", ["region"] = "us" }, minimal.Channel.Settings);
        Assert.Null(full.InboundToken); // the lab type has no receiver that asks for one
        Assert.Empty(full.GeneratedSecrets);
        Assert.Equal(["apiKey"], full.Channel.SecretNames);
    }

    [Fact]
    public async Task An_edit_cannot_remove_a_required_field_and_a_removed_field_falls_back_to_its_default()
    {
        var created = await Admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels, new CreateChannelRequest(LabChannelConnector.Type, "Lab edited",
            new() { ["account"] = "acme", ["port"] = "2525" }, new() { ["apiKey"] = "k-1" }));
        var id = created.Channel.Id;

        var refused = await Admin.PatchAsJsonAsync(Routes.Channel(id), new UpdateChannelRequest(null, null, new() { ["account"] = "" }, null));
        var body = await refused.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("\"account\"", body);

        var edited = await (await Admin.PatchAsJsonAsync(Routes.Channel(id), new UpdateChannelRequest(null, null,
            new() { ["port"] = "" }, new() { ["apiKey"] = "" }))).ReadJsonOrDumpAsync<ChannelDto>();
        Assert.Equal("acme", edited.Settings["account"]);
        Assert.Equal("993", edited.Settings["port"]);
        var test = await Admin.PostJsonAsync<JsonElement>(Routes.ChannelTest(id), new { });
        Assert.Equal("key 3 chars", test.GetProperty("message").GetString()); // the secret sent empty was kept
    }
}
