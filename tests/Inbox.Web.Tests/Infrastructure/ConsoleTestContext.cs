using Inbox.Contracts;
using Inbox.Web.Auth;
using Inbox.Web.Live;
using Inbox.Web.Localization;
using Inbox.Web.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>A bUnit context wired like the real console, with a fake server and a fake hub.</summary>
public abstract class ConsoleTestContext : BunitContext, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor registers async-only disposables: dispose the container asynchronously (xunit calls this first).</summary>
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected FakeHttpHandler Http { get; } = new();

    protected FakeLiveHub Hub { get; } = new();

    protected FakeBrowserInterop Browser { get; } = new();

    protected UserDto Me { get; } = Fixtures.Agent();

    protected ConsoleTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddInboxConsole(new Uri("http://localhost/"), Http, applyCultureToProcess: false);
        Services.RemoveAll<ILiveHub>();
        Services.AddSingleton<ILiveHub>(Hub);
        Services.RemoveAll<IBrowserInterop>();
        Services.AddSingleton<IBrowserInterop>(Browser);
        Http.OnJson(HttpMethod.Get, Routes.Me, Me);
        Http.OnJson(HttpMethod.Get, Routes.Antiforgery, new AntiforgeryTokenDto(Routes.AntiforgeryHeader, "xsrf-1"));
        Http.OnJson(HttpMethod.Get, Routes.Users, new[] { Me, Fixtures.Agent(8, "Bruno Backup") });
        Http.OnJson(HttpMethod.Get, Routes.Teams, Array.Empty<TeamDto>());
        Http.OnJson(HttpMethod.Get, Routes.Channels, Array.Empty<ChannelDto>());
        Http.OnJson(HttpMethod.Get, Routes.AgentStatuses, Array.Empty<AgentStatusDto>());
        Http.OnJson(HttpMethod.Get, Routes.ConversationViewers, Array.Empty<ConversationViewersDto>());
    }

    protected LiveEvents Live => Services.GetRequiredService<LiveEvents>();

    protected CultureService Culture => Services.GetRequiredService<CultureService>();

    /// <summary>Makes the signed-in user an admin (call before <see cref="SignInAsync"/>).</summary>
    protected UserDto SignInAsAdmin()
    {
        var admin = Fixtures.Admin();
        Http.OnJson(HttpMethod.Get, Routes.Me, admin);
        return admin;
    }

    /// <summary>Renders the providers MudBlazor dialogs and selects need; dialogs show up in the returned markup.</summary>
    protected IRenderedComponent<MudBlazor.MudDialogProvider> RenderDialogHost()
    {
        Render<MudBlazor.MudPopoverProvider>();
        return Render<MudBlazor.MudDialogProvider>();
    }

    /// <summary>Loads the signed-in user the way the layout does.</summary>
    protected async Task SignInAsync() => await Services.GetRequiredService<AuthState>().EnsureLoadedAsync();
}
