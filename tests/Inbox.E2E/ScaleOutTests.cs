using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Collections.Concurrent;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace Inbox.E2E;

/// <summary>
/// Two real server processes over one PostgreSQL and one Redis, as README's "Scale-out" runs them: live events cross
/// nodes, a reply is sent once, and a node killed with -9 mid-traffic loses and doubles nothing while its work moves to
/// the other node and its agents catch up there.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "inbox-e2e", Guid.NewGuid().ToString("N"));
    private TestRedis _redis = null!;
    private WebhookSink _webhook = null!;
    private string _database = null!;
    private ServerProcess _a = null!;
    private ServerProcess _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await TestRedis.StartAsync();
        _webhook = new WebhookSink();
        _database = TestPostgres.DatabaseFor(_data);
        var environment = new Dictionary<string, string>
        {
            ["Inbox__Database__Provider"] = "postgres",
            ["Inbox__Database__ConnectionString"] = _database,
            ["Inbox__Redis__ConnectionString"] = _redis.ConnectionString,
            ["Inbox__Outbox__BaseDelay"] = "00:00:00.200",
            ["Inbox__Outbox__PollInterval"] = "00:00:00.200",
            ["Inbox__Nodes__HeartbeatInterval"] = "00:00:00.500",
            ["Inbox__Nodes__DeadAfter"] = "00:00:02",
        };
        // One after the other: the first migrates the database and creates the admin.
        _a = await ServerProcess.StartAsync(environment: environment, dataDirectory: _data);
        _b = await ServerProcess.StartAsync(environment: environment, dataDirectory: _data);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _webhook.DisposeAsync();
        await _redis.DisposeAsync();
        TestPostgres.Drop(_data);
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Two_nodes_share_live_events_and_survive_losing_one_mid_traffic()
    {
        var admin = await SignInAsync(_a.BaseAddress);
        var channel = (await (await admin.PostAsJsonAsync(Routes.Channels,
            new CreateChannelRequest(ChannelTypes.Api, "Tienda", new() { ["webhookUrl"] = _webhook.Url }, null))).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<ChannelCreatedDto>())!;
        var token = (await (await admin.PostAsJsonAsync(Routes.Tokens, new CreateApiTokenRequest("scale-out"))).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<ApiTokenCreatedDto>())!.Secret;

        // An agent on node A sees a message that arrived on node B, live.
        var onA = new LiveAgent(_a.BaseAddress, token);
        await onA.StartAsync();
        var first = await PushAsync(_b.BaseAddress, channel, "m-0", "+34600000000");
        await onA.WaitForMessageAsync(first.MessageId);

        // A reply queued on A is sent once.
        var reply = await (await new HttpClient { BaseAddress = _a.BaseAddress, DefaultRequestHeaders = { Authorization = new("Bearer", token) } }
            .PostAsJsonAsync(Routes.ConversationMessages(first.ConversationId), new ReplyRequest("Hola, ¿en qué te ayudo?"))).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<MessageDto>();
        await Eventually(() => _webhook.Attempts.Count == 1);

        // Traffic on both nodes; A dies with -9 while a reply it claimed is still being delivered.
        var lastSeen = await onA.Connection.InvokeAsync<long>(nameof(IAgentHub.GetLatestEventId));
        _webhook.Hold = TimeSpan.FromSeconds(30);
        var held = await (await new HttpClient { BaseAddress = _a.BaseAddress, DefaultRequestHeaders = { Authorization = new("Bearer", token) } }
            .PostAsJsonAsync(Routes.ConversationMessages(first.ConversationId), new ReplyRequest("Te lo reservo"))).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<MessageDto>();
        await Eventually(() => _webhook.Attempts.Count == 2);
        var acknowledged = new ConcurrentBag<string>();
        var traffic = Enumerable.Range(1, 200).Select(async i =>
        {
            var node = i % 2 == 0 ? _a.BaseAddress : _b.BaseAddress;
            try
            {
                var ok = await PushAsync(node, channel, $"m-{i}", $"+346000{i:D5}");
                acknowledged.Add($"m-{i}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not acknowledged: the integrator would retry it.
            }
        }).ToList();
        await Eventually(() => acknowledged.Count >= 40);
        await _a.KillAsync();
        await Task.WhenAll(traffic);
        _webhook.Hold = TimeSpan.Zero;

        // Every acknowledged message is stored exactly once.
        await using (var db = new NpgsqlConnection(_database))
        {
            await db.OpenAsync();
            await using var count = new NpgsqlCommand(
                "SELECT provider_message_id, COUNT(*) FROM messages WHERE channel_id = @c AND direction = 'inbound' GROUP BY provider_message_id", db);
            count.Parameters.AddWithValue("c", channel.Channel.Id);
            var stored = new Dictionary<string, long>();
            await using (var reader = await count.ExecuteReaderAsync())
                while (await reader.ReadAsync()) stored[reader.GetString(0)] = reader.GetInt64(1);
            Assert.All(acknowledged, id => Assert.Equal(1, stored.GetValueOrDefault(id)));
            Assert.All(stored.Values, n => Assert.Equal(1, n));
        }

        // The reply A was delivering when it died is delivered by B, with the same idempotency key, and marked sent.
        var onB = new HttpClient { BaseAddress = _b.BaseAddress, DefaultRequestHeaders = { Authorization = new("Bearer", token) } };
        await Eventually(async () => (await onB.GetFromJsonAsync<MessagePage>(Routes.ConversationMessages(first.ConversationId)))!
            .Items.Single(m => m.Id == held!.Id).Status == MessageStatus.Sent, TimeSpan.FromSeconds(40));
        Assert.Equal(2, _webhook.Attempts.Count);
        Assert.Equal(MessageStatus.Sent, (await onB.GetFromJsonAsync<MessagePage>(Routes.ConversationMessages(first.ConversationId)))!
            .Items.Single(m => m.Id == reply!.Id).Status);

        // A's agent reconnects to B and replays what it missed, in order.
        await onA.DisposeAsync();
        var reconnected = new LiveAgent(_b.BaseAddress, token);
        await reconnected.StartAsync();
        var missed = await reconnected.Connection.InvokeAsync<IReadOnlyList<AgentEvent>>(nameof(IAgentHub.GetEventsSince), lastSeen, 1000);
        Assert.Equal(missed.Select(e => e.EventId).Order(), missed.Select(e => e.EventId));
        var received = missed.Count(e => e.Type == AgentEventTypes.MessageReceived);
        Assert.True(received >= acknowledged.Count, $"replayed {received} received messages, {acknowledged.Count} were acknowledged");
        await reconnected.DisposeAsync();
    }

    private static async Task<HttpClient> SignInAsync(Uri node)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = node };
        (await http.PostAsJsonAsync(Routes.Login, new LoginRequest(ServerProcess.AdminEmail, ServerProcess.AdminPassword))).EnsureSuccessStatusCode();
        var antiforgery = (await http.GetFromJsonAsync<AntiforgeryTokenDto>(Routes.Antiforgery))!;
        http.DefaultRequestHeaders.Add(antiforgery.HeaderName, antiforgery.Token);
        return http;
    }

    private static async Task<ApiInboundAccepted> PushAsync(Uri node, ChannelCreatedDto channel, string messageId, string phone)
    {
        using var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Post, Routes.ChannelInbound(channel.Channel.Id))
        {
            Content = JsonContent.Create(new ApiInboundMessage(messageId, new ApiSender(phone, "phone", null), "¿Tenéis el sofá verde?", null)),
        };
        request.Headers.Add(Routes.ChannelTokenHeader, channel.InboundToken);
        var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK) throw new HttpRequestException($"answered {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<ApiInboundAccepted>())!;
    }

    private static Task Eventually(Func<bool> condition, TimeSpan? timeout = null) => Eventually(() => Task.FromResult(condition()), timeout);

    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("Condition not met in time");
            await Task.Delay(100);
        }
    }

    /// <summary>An agent's live connection to one node, recording the messages pushed to it.</summary>
    private sealed class LiveAgent(Uri node, string token) : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<long, bool> _messages = new();

        public HubConnection Connection { get; } = new HubConnectionBuilder()
            .WithUrl(new Uri(node, Routes.AgentHub), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();

        public async Task StartAsync()
        {
            Connection.On<long, MessageDto>(nameof(IAgentClient.MessageReceived), (_, m) => _messages[m.Id] = true);
            await Connection.StartAsync();
            await Connection.InvokeAsync<long>(nameof(IAgentHub.GetLatestEventId));
        }

        public Task WaitForMessageAsync(long messageId) => Eventually(() => _messages.ContainsKey(messageId));

        public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
    }
}
