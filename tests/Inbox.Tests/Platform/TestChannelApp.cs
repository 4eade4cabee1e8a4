using System.Text;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Platform;

/// <summary>Intent methods for tests of the channel platform through the test channel type.</summary>
public static class TestChannelApp
{
    public const string Secret = "test-signing-secret";

    /// <summary>Short leases so takeovers happen within a test.</summary>
    public static Dictionary<string, string?> FastWorkers => new()
    {
        ["Inbox:ChannelWorkers:Lease"] = "00:00:01.500",
        ["Inbox:ChannelWorkers:RenewEvery"] = "00:00:00.200",
        ["Inbox:ChannelWorkers:FirstBackoff"] = "00:00:00.050",
        ["Inbox:ChannelWorkers:MaxBackoff"] = "00:00:00.500",
    };

    public static InboxAppFactory Node(TestSource source, string? dataDirectory = null) =>
        new(dataDirectory, FastWorkers, services: s => TestChannel.Register(s, source));

    public static async Task<long> CreateTestChannelAsync(this HttpClient admin, string name = "Test channel") =>
        (await admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels,
            new CreateChannelRequest(TestChannel.Type, name, null, new() { [TestChannel.SigningSecret] = Secret }))).Channel.Id;

    public static async Task<HttpResponseMessage> PostWebhookAsync(this InboxAppFactory app, string path, string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add(TestChannel.SignatureHeader, signature);
        return await app.CreateClient().SendAsync(request);
    }

    /// <summary>(all rows, distinct provider ids) of inbound messages stored for the channel.</summary>
    public static async Task<(int Rows, int Distinct)> StoredAsync(this InboxAppFactory app, long channelId)
    {
        await using var c = await app.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        var (rows, distinct) = await c.QuerySingleAsync<(long, long)>(
            "SELECT COUNT(*), COUNT(DISTINCT provider_message_id) FROM messages WHERE channel_id = @Id AND direction = 'inbound'", new { Id = channelId });
        return ((int)rows, (int)distinct);
    }
}
