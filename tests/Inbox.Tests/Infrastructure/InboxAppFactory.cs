using System.Net.Http.Headers;
using System.Net.Http.Json;
using Inbox.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Infrastructure;

/// <summary>
/// The real server over a real SQLite file in its own temp folder. Intent methods read as the scenario:
/// sign in, set up an API channel, push a customer message, connect an agent's live hub.
/// Pass an existing data folder to "restart" the server on the same database.
/// </summary>
public sealed class InboxAppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@shop.test";
    public const string AdminPassword = "correct-horse-battery";

    private readonly bool _ownsDirectory;
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="time">A clock the test moves (FakeTimeProvider) in place of the system clock.</param>
    /// <param name="services">Test-only services (a test channel type, a log capture), added after the server's own.</param>
    public InboxAppFactory(string? dataDirectory = null, Dictionary<string, string?>? settings = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        _time = time;
        _services = services;
        _ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "inbox-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string?>
        {
            ["Inbox:DataDirectory"] = DataDirectory,
            ["Inbox:Admin:Email"] = AdminEmail,
            ["Inbox:Admin:Password"] = AdminPassword,
            ["Inbox:Outbox:BaseDelay"] = "00:00:00.050",
            ["Inbox:Outbox:MaxDelay"] = "00:00:00.300",
            ["Inbox:Outbox:PollInterval"] = "00:00:00.100",
            ["Inbox:Outbox:MaxAttempts"] = "50",
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("INBOX_TEST_LOGLEVEL") ?? "Warning",
        };
        if (TestPostgres.Enabled)
        {
            _settings["Inbox:Database:Provider"] = "postgres";
            _settings["Inbox:Database:ConnectionString"] = TestPostgres.DatabaseFor(DataDirectory);
        }
        foreach (var (k, v) in settings ?? []) _settings[k] = v;
    }

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        // A password hash costs ~0.1 s by design; tests sign in hundreds of times. Its cost is measured in bench/.
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
        if (_time is not null) builder.ConfigureTestServices(services => services.AddSingleton(_time));
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    /// <summary>An HTTP client authorised with a fresh API token of the first admin.</summary>
    public async Task<HttpClient> AdminClientAsync()
    {
        var token = await AdminTokenAsync();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> AdminTokenAsync() => await TokenForAsync(AdminEmail, AdminPassword);

    /// <summary>Signs in with the cookie (as the console does), then mints an API token for the user.</summary>
    public async Task<string> TokenForAsync(string email, string password)
    {
        var browser = await SignInAsync(email, password);
        var created = await browser.PostJsonAsync<ApiTokenCreatedDto>(Routes.Tokens, new CreateApiTokenRequest("tests"));
        return created.Secret;
    }

    /// <summary>A cookie-authenticated client carrying the antiforgery header, like the console.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var browser = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        (await browser.PostAsJsonAsync(Routes.Login, new LoginRequest(email, password))).EnsureSuccessOrDump();
        var antiforgery = await browser.GetFromJsonAsync<AntiforgeryTokenDto>(Routes.Antiforgery);
        browser.DefaultRequestHeaders.Add(antiforgery!.HeaderName, antiforgery.Token);
        return browser;
    }

    public async Task<ApiChannel> CreateApiChannelAsync(HttpClient admin, string webhookUrl = "http://127.0.0.1:9/unused", string name = "Shop integration")
    {
        var created = await admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels,
            new CreateChannelRequest(ChannelTypes.Api, name, new() { ["webhookUrl"] = webhookUrl }, null));
        return new ApiChannel(created.Channel.Id, created.InboundToken!, created.GeneratedSecrets["webhookSecret"]);
    }

    public async Task<HttpResponseMessage> PushApiMessageAsync(ApiChannel channel, string messageId, string sender, string text, string kind = "phone", string? name = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Routes.ChannelInbound(channel.Id))
        {
            Content = JsonContent.Create(new ApiInboundMessage(messageId, new ApiSender(sender, kind, name), text, null)),
        };
        request.Headers.Add(Routes.ChannelTokenHeader, channel.InboundToken);
        return await CreateClient().SendAsync(request);
    }

    public async Task<ApiInboundAccepted> PushAcceptedAsync(ApiChannel channel, string messageId, string sender, string text, string kind = "phone", string? name = null)
    {
        var response = await PushApiMessageAsync(channel, messageId, sender, text, kind, name);
        return await response.ReadJsonOrDumpAsync<ApiInboundAccepted>();
    }

    /// <summary>A live AgentHub connection over the in-memory server (long polling), authenticated by API token.</summary>
    public async Task<AgentLiveClient> ConnectAgentAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, Routes.AgentHub), o =>
            {
                o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        var live = new AgentLiveClient(connection);
        await connection.StartAsync();
        // The server joins a connection to its groups in OnConnectedAsync, after the handshake; its first invocation
        // is served only after that. The console does the same (it takes the latest event id, then replays).
        await connection.InvokeAsync<long>(nameof(IAgentHub.GetLatestEventId));
        return live;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsDirectory)
        {
            if (TestPostgres.Enabled) TestPostgres.Drop(DataDirectory);
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}

public sealed record ApiChannel(long Id, string InboundToken, string WebhookSecret);
