using System.Net;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Tests.Security;

/// <summary>With the framework's request logging on (Information), no token reaches the log, and a refused hub call
/// is one warning line rather than an error with a stack trace.</summary>
public sealed class LogTests : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private readonly InboxAppFactory _app;

    public LogTests() => _app = new(
        settings: new() { ["Logging:LogLevel:Default"] = "Information", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information" },
        services: s => s.AddSingleton<ILoggerProvider>(_logs));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_hub_access_token_in_the_query_string_authorises_but_never_reaches_the_log()
    {
        var token = await _app.AdminTokenAsync();

        var negotiate = await _app.CreateClient().PostAsync($"{Routes.AgentHub}/negotiate?negotiateVersion=1&access_token={token}", null);

        negotiate.EnsureSuccessOrDump();
        Assert.Contains(_logs.Lines, l => l.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal) && l.Message.Contains("/hubs/agent/negotiate"));
        Assert.DoesNotContain(_logs.Lines, l => l.Message.Contains(token) || l.Message.Contains(token[..20]));
        Assert.DoesNotContain(_logs.Lines, l => l.Message.Contains("access_token"));
    }

    [Fact]
    public async Task A_refused_hub_call_logs_one_warning_line_without_a_stack_trace()
    {
        await using var live = await _app.ConnectAgentAsync(await _app.AdminTokenAsync());

        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), 987_654L));

        var refused = _logs.Lines.Where(l => l.Message.Contains(nameof(IAgentHub.JoinConversation))).ToList();
        Assert.Equal(3, refused.Count);
        Assert.All(refused, l => Assert.Equal((LogLevel.Warning, (Exception?)null), (l.Level, l.Exception)));
        Assert.All(refused, l => Assert.DoesNotContain('\n', l.Message));
        Assert.DoesNotContain(_logs.Lines, l => l.Level >= LogLevel.Error);
    }
}
