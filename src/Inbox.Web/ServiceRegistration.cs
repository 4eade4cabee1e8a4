using Microsoft.Extensions.DependencyInjection.Extensions;
using Inbox.Web.Api;
using Inbox.Web.Attention;
using Inbox.Web.Auth;
using Inbox.Web.Live;
using Inbox.Web.Localization;
using Inbox.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.WebAssembly.Services;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace Inbox.Web;

public static class ServiceRegistration
{
    /// <summary>Everything the console needs; tests call this too and then swap the HTTP handler and hub.</summary>
    public static IServiceCollection AddInboxConsole(this IServiceCollection services, Uri baseAddress, HttpMessageHandler? handler = null, bool applyCultureToProcess = true)
    {
        services.AddMudServices();
        services.AddSingleton<IComponentActivator, Layout.ComponentActivator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped(_ => handler is null
            ? new HttpClient { BaseAddress = baseAddress }
            : new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress });
        services.AddScoped<InboxApiClient>();
        services.AddScoped<AuthState>();
        services.AddScoped<Lookups>();
        services.AddScoped(sp => new CultureService(sp.GetRequiredService<IJSRuntime>()) { ApplyToProcess = applyCultureToProcess });
        services.AddScoped(typeof(IStringLocalizer<>), typeof(DictionaryStringLocalizer<>));
        services.AddTransient<MudBlazor.MudLocalizer, InboxMudLocalizer>();
        services.AddScoped<LiveEvents>();
        services.AddScoped<ILiveHub, DeferredLiveHub>();
        services.AddScoped<LiveStartup>();
        services.TryAddSingleton<LazyAssemblyLoader>(); // the WebAssembly host adds it; tests do not
        services.AddScoped<Layout.ConsoleAssemblies>();
        services.AddScoped<IBrowserInterop, BrowserInterop>();
        services.AddScoped<UnreadTracker>();
        services.AddScoped<AttentionService>();
        services.AddScoped<Labels.LabelCatalog>();
        services.AddScoped<Notifications.NotificationInbox>();
        services.AddScoped<Presence.PresenceBoard>();
        services.AddScoped<Inbox.Web.Conversations.ComposerDraft>();
        return services;
    }
}
