using Dapper;
using System.Net.Http.Headers;
using Inbox.Contracts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Infrastructure;

/// <summary>Intent methods for scenarios with more than one agent: people, teams, their clients, and a look at the database.</summary>
public static class InboxAppIntents
{
    public const string AgentPassword = "agent-password-123";

    /// <summary>An admin creates a console user; the returned agent is signed in with an API token.</summary>
    public static async Task<Agent> CreateAgentAsync(this InboxAppFactory app, HttpClient admin, string email, string role = Roles.Agent)
    {
        var user = await admin.PostJsonAsync<UserDto>(Routes.Users, new CreateUserRequest(email, email.Split('@')[0], role, AgentPassword));
        var token = await app.TokenForAsync(email, AgentPassword);
        return new Agent(user, token, app.BearerClient(token));
    }

    public static async Task<TeamDto> CreateTeamAsync(this HttpClient admin, string name, params long[] memberIds) =>
        await admin.PostJsonAsync<TeamDto>(Routes.Teams, new CreateTeamRequest(name, memberIds));

    public static HttpClient BearerClient(this InboxAppFactory app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The composer's paperclip: an upload of the agent's own, for a reply's AttachmentIds.</summary>
    public static async Task<UploadDto> UploadFileAsync(this HttpClient agent, string name, string type, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        using var form = new MultipartFormDataContent { { content, "file", name } };
        return await (await agent.PostAsync(Routes.Files, form)).ReadJsonOrDumpAsync<UploadDto>();
    }

    public static async Task<ConversationDto> AssignAsync(this HttpClient client, long conversationId, long? assigneeId, long? teamId) =>
        await client.PostJsonAsync<ConversationDto>(Routes.ConversationAssign(conversationId), new AssignRequest(assigneeId, teamId));

    public static async Task<ConversationDto> ChangeStatusAsync(this HttpClient client, long conversationId, ConversationStatus status) =>
        await client.PostJsonAsync<ConversationDto>(Routes.ConversationStatus(conversationId), new ChangeStatusRequest(status));

    /// <summary>Every durable event after <paramref name="lastEventId"/> the connected agent may see, as the console replays them.</summary>
    public static async Task<IReadOnlyList<AgentEvent>> EventsSinceAsync(this AgentLiveClient agent, long lastEventId, int max = 1000) =>
        await Microsoft.AspNetCore.SignalR.Client.HubConnectionExtensions.InvokeAsync<IReadOnlyList<AgentEvent>>(agent.Connection, nameof(IAgentHub.GetEventsSince), lastEventId, max);

    /// <summary>The server's database (SQLite or PostgreSQL), to check what was stored beyond what the API shows.</summary>
    public static System.Data.Common.DbConnection OpenDatabase(this InboxAppFactory app) =>
        app.Services.GetRequiredService<Inbox.Server.Data.IDbConnectionFactory>().OpenAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Makes the database refuse a write: <paramref name="operation"/> ("INSERT", "UPDATE OF status") on
    /// <paramref name="table"/> when <paramref name="condition"/> (over NEW) holds fails with <paramref name="message"/>.
    /// A real failure inside the server's own transaction, on either database.</summary>
    public static async Task RefuseWritesAsync(this InboxAppFactory app, string operation, string table, string condition, string message = "refused by test")
    {
        await using var db = app.OpenDatabase();
        var name = $"test_refuse_{Guid.NewGuid():N}";
        if (db is SqliteConnection)
            await db.ExecuteAsync($"CREATE TRIGGER {name} BEFORE {operation} ON {table} WHEN {condition} BEGIN SELECT RAISE(ABORT, '{message}'); END");
        else
            await db.ExecuteAsync($"""
                CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{message}'; END $$;
                CREATE TRIGGER {name} BEFORE {operation} ON {table} FOR EACH ROW WHEN ({condition}) EXECUTE FUNCTION {name}();
                """);
    }
}

/// <summary>A console user with an API token and a client that uses it.</summary>
public sealed record Agent(UserDto User, string Token, HttpClient Client)
{
    public long Id => User.Id;
}
