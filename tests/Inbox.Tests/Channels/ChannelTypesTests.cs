using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Channels;

/// <summary>GET /api/channel-types: what the console builds its channel forms from.</summary>
public sealed class ChannelTypesTests(SharedInbox shared) : IClassFixture<SharedInbox>
{
    [Fact]
    public async Task The_list_shows_the_api_type_with_its_fields_in_both_languages()
    {
        var types = await shared.Admin.GetJsonAsync<List<ChannelTypeDto>>(Routes.ChannelTypes);

        var api = Assert.Single(types, t => t.Type == ChannelTypes.Api);
        Assert.Equal(new LocalizedTextDto("API (your own systems)", "API (tus propios sistemas)"), api.DisplayName);
        Assert.Contains("text", api.Capabilities);
        Assert.True(api.IssuesInboundToken);
        Assert.Equal([IdentityKind.Phone, IdentityKind.Email, IdentityKind.External], api.Reaches.Order()); // asked of the connector
        Assert.Equal(["webhookUrl", "webhookSecret"], api.Fields.Select(f => f.Key));

        var url = api.Fields[0];
        Assert.Equal(ChannelFieldKind.Url, url.Kind);
        Assert.Equal(new LocalizedTextDto("Webhook URL", "URL del webhook"), url.Label);
        Assert.StartsWith("Agent replies are POSTed here", url.Help!.En);
        Assert.StartsWith("Las respuestas de los agentes", url.Help.Es);
        Assert.False(url.Required);
        Assert.False(url.Secret);
        Assert.Equal(2048, url.MaxLength);

        var secret = api.Fields[1];
        Assert.Equal(ChannelFieldKind.Secret, secret.Kind);
        Assert.Equal("Secreto del webhook", secret.Label.Es);
        Assert.True(secret.Secret);
        Assert.True(secret.Generated);
        Assert.Null(secret.Default);
    }

    [Fact]
    public async Task Only_the_types_a_connector_runs_are_listed_with_kinds_and_capabilities_as_camel_case_names()
    {
        using var json = JsonDocument.Parse(await (await shared.Admin.GetAsync(Routes.ChannelTypes)).EnsureSuccessOrDump().Content.ReadAsStringAsync());

        var registered = shared.App.Services.GetKeyedServices<IChannelConnector>(KeyedService.AnyKey).Select(c => c.ChannelType).Order().ToList();
        Assert.Equal(registered, json.RootElement.EnumerateArray().Select(t => t.GetProperty("type").GetString()!).Order().ToList());
        var api = json.RootElement.EnumerateArray().Single(t => t.GetProperty("type").GetString() == "api");
        Assert.Equal(["url", "secret"], api.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("kind").GetString()));
        Assert.Equal(["text"], api.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("external", api.GetProperty("reaches").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("URL del webhook", api.GetProperty("fields")[0].GetProperty("label").GetProperty("es").GetString());
    }

    [Fact]
    public async Task Agents_read_the_types_but_cannot_create_or_change_channels()
    {
        var agent = await shared.App.CreateAgentAsync(shared.Admin, $"types-{Guid.NewGuid():N}@shop.test");
        var existing = await shared.App.CreateApiChannelAsync(shared.Admin, name: $"Agents may not edit {Guid.NewGuid():N}");

        var types = await agent.Client.GetJsonAsync<List<ChannelTypeDto>>(Routes.ChannelTypes);
        var create = await agent.Client.PostAsJsonAsync(Routes.Channels, new CreateChannelRequest(ChannelTypes.Api, "Sneaky", null, null));
        var edit = await agent.Client.PatchAsJsonAsync(Routes.Channel(existing.Id), new UpdateChannelRequest("Renamed", false, null, null));
        var anonymous = await shared.App.CreateClient().GetAsync(Routes.ChannelTypes);

        Assert.Contains(types, t => t.Type == ChannelTypes.Api);
        await create.AssertStatusAsync(HttpStatusCode.Forbidden);
        await edit.AssertStatusAsync(HttpStatusCode.Forbidden);
        await anonymous.AssertStatusAsync(HttpStatusCode.Unauthorized);
        var unchanged = await shared.Admin.GetJsonAsync<ChannelDto>(Routes.Channel(existing.Id));
        Assert.True(unchanged.Enabled);
        Assert.StartsWith("Agents may not edit", unchanged.Name);
        Assert.DoesNotContain(await shared.Admin.GetJsonAsync<List<ChannelDto>>(Routes.Channels), c => c.Name == "Sneaky");
    }
}
