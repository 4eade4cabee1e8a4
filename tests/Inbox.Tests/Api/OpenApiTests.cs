using System.Text.Json;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Api;

/// <summary>Integrators read the API from its OpenAPI document and the browsable reference.</summary>
public sealed class OpenApiTests
{
    [Fact]
    public async Task The_openapi_document_lists_the_public_endpoints_and_the_reference_page_is_served()
    {
        await using var app = new InboxAppFactory();
        var anonymous = app.CreateClient();

        using var document = JsonDocument.Parse(await (await anonymous.GetAsync("/openapi/v1.json")).EnsureSuccessOrDump().Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/channels/{id}/inbound", paths);
        Assert.Contains("/api/conversations", paths);
        Assert.Contains("/api/conversations/{id}/messages", paths);
        Assert.Contains("/api/contacts/{id}/merge", paths);
        var list = document.RootElement.GetProperty("paths").GetProperty("/api/conversations").GetProperty("get");
        var parameters = list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("status", parameters);
        Assert.DoesNotContain("viewer", parameters);

        (await anonymous.GetAsync("/docs/")).EnsureSuccessOrDump();
    }
}
