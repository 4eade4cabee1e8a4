using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.E2E;

/// <summary>
/// Two real server processes over one PostgreSQL and one Redis: agents on different nodes see each other in a thread
/// and each other's status, and when a node dies (-9) its viewers and agents expire from the other node's lists.
/// </summary>
public sealed class ClusterPresenceTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "inbox-e2e", Guid.NewGuid().ToString("N"));
    private TestRedis _redis = null!;
    private ServerProcess _a = null!;
    private ServerProcess _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await TestRedis.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["Inbox__Database__Provider"] = "postgres",
            ["Inbox__Database__ConnectionString"] = TestPostgres.DatabaseFor(_data),
            ["Inbox__Redis__ConnectionString"] = _redis.ConnectionString,
            ["Inbox__Live__PresenceInterval"] = "00:00:00.300",
        };
        // One after the other: the first migrates the database and creates the admin.
        _a = await ServerProcess.StartAsync(environment: environment, dataDirectory: _data);
        _b = await ServerProcess.StartAsync(environment: environment, dataDirectory: _data);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _redis.DisposeAsync();
        TestPostgres.Drop(_data);
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Agents_on_two_nodes_see_each_other_and_a_dead_nodes_viewers_and_agents_expire()
    {
        var api = new InboxApi(_a.BaseAddress);
        var (channelId, inboundToken) = await api.CreateApiChannelAsync();
        var bruno = await api.AdminPostAsync<UserDto>(Routes.Users, new CreateUserRequest("bruno@shop.test", "Bruno Backup", Roles.Agent, "bruno-password-123"));
        var conversation = (await api.CustomerWritesAsync(channelId, inboundToken, "m-1", "+34600000001", "Marta", "¿Tenéis el sofá verde?")).ConversationId;
        var admin = await SignInAsync(_a.BaseAddress, ServerProcess.AdminEmail, ServerProcess.AdminPassword);
        var adminId = (await admin.GetFromJsonAsync<UserDto>(Routes.Me))!.Id;
        var adminToken = await TokenAsync(admin);
        var brunoHttp = await SignInAsync(_b.BaseAddress, "bruno@shop.test", "bruno-password-123");
        var brunoToken = await TokenAsync(brunoHttp);

        await using var onA = await ConnectAsync(_a.BaseAddress, adminToken);
        await using var onB = await ConnectAsync(_b.BaseAddress, brunoToken);
        await onA.WaitForAsync<AgentStatusDto>(nameof(IAgentClient.AgentStatusChanged), s => s.UserId == bruno.Id && s.Status == AgentStatus.Online);
        await onA.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        await onB.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);

        // Each sees both, whichever node they are on.
        static bool Both(ConversationViewersDto v, long a, long b) => v.Viewers.Select(x => x.UserId).Order().SequenceEqual(new[] { a, b }.Order());
        await onA.WaitForAsync<ConversationViewersDto>(nameof(IAgentClient.ViewersChanged), v => v.ConversationId == conversation && Both(v, adminId, bruno.Id));
        await onB.WaitForAsync<ConversationViewersDto>(nameof(IAgentClient.ViewersChanged), v => v.ConversationId == conversation && Both(v, adminId, bruno.Id));
        Assert.Contains(await admin.GetFromJsonAsync<List<ConversationViewersDto>>(Routes.ConversationViewers) ?? [],
            v => v.ConversationId == conversation && Both(v, adminId, bruno.Id));

        // Bruno replying on B shows on A; Bruno going away on B shows on A.
        await onB.Connection.InvokeAsync(nameof(IAgentHub.Replying), conversation, true);
        await onA.WaitForAsync<ConversationViewersDto>(nameof(IAgentClient.ViewersChanged), v => v.ConversationId == conversation && v.Viewers.Any(x => x.UserId == bruno.Id && x.Replying));
        (await brunoHttp.PutAsJsonAsync(Routes.MyAvailability, new SetAvailabilityRequest(AgentAvailability.Away))).EnsureSuccessStatusCode();
        await onA.WaitForAsync<AgentStatusDto>(nameof(IAgentClient.AgentStatusChanged), s => s.UserId == bruno.Id && s.Status == AgentStatus.Away);
        Assert.Contains(new AgentStatusDto(bruno.Id, AgentStatus.Away), await admin.GetFromJsonAsync<List<AgentStatusDto>>(Routes.AgentStatuses) ?? []);

        // B dies without a word: after a few missed reports A forgets its viewers and agents.
        var before = onA.Received.Count;
        await _b.KillAsync();
        await onA.WaitForAsync<ConversationViewersDto>(nameof(IAgentClient.ViewersChanged),
            v => v.ConversationId == conversation && v.Viewers.Select(x => x.UserId).SequenceEqual([adminId]), after: before);
        await onA.WaitForAsync<AgentStatusDto>(nameof(IAgentClient.AgentStatusChanged), s => s.UserId == bruno.Id && s.Status == AgentStatus.Offline, after: before);
        Assert.DoesNotContain(await admin.GetFromJsonAsync<List<AgentStatusDto>>(Routes.AgentStatuses) ?? [], s => s.UserId == bruno.Id);
    }

    private static async Task<HttpClient> SignInAsync(Uri node, string email, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = node };
        (await http.PostAsJsonAsync(Routes.Login, new LoginRequest(email, password))).EnsureSuccessStatusCode();
        var antiforgery = (await http.GetFromJsonAsync<AntiforgeryTokenDto>(Routes.Antiforgery))!;
        http.DefaultRequestHeaders.Add(antiforgery.HeaderName, antiforgery.Token);
        return http;
    }

    private static async Task<string> TokenAsync(HttpClient http) =>
        (await (await http.PostAsJsonAsync(Routes.Tokens, new CreateApiTokenRequest("presence"))).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<ApiTokenCreatedDto>())!.Secret;

    private static async Task<AgentLiveClient> ConnectAsync(Uri node, string token)
    {
        var live = new AgentLiveClient(new HubConnectionBuilder()
            .WithUrl(new Uri(node, Routes.AgentHub), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build());
        await live.Connection.StartAsync();
        await live.Connection.InvokeAsync<long>(nameof(IAgentHub.GetLatestEventId));
        return live;
    }
}
