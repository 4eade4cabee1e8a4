using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components.WebAssembly.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Live;

/// <summary>
/// The agent hub, loaded after sign-in: SignalR's assemblies (~140 KB of brotli) are lazy-loaded
/// (<c>BlazorWebAssemblyLazyLoad</c> in the project), so the sign-in form does not wait for them. Nothing here
/// names a SignalR type; <see cref="AgentHubConnection"/> is only created once they are loaded.
/// </summary>
public sealed class DeferredLiveHub(LazyAssemblyLoader loader, IServiceProvider services) : ILiveHub, IAsyncDisposable
{
    /// <summary>Keep in step with the BlazorWebAssemblyLazyLoad items in Inbox.Web.csproj.</summary>
    public static readonly string[] Assemblies =
    [
        "Microsoft.AspNetCore.SignalR.Client.wasm",
        "Microsoft.AspNetCore.SignalR.Client.Core.wasm",
        "Microsoft.AspNetCore.SignalR.Common.wasm",
        "Microsoft.AspNetCore.SignalR.Protocols.Json.wasm",
        "Microsoft.AspNetCore.Http.Connections.Client.wasm",
        "Microsoft.AspNetCore.Http.Connections.Common.wasm",
        "Microsoft.AspNetCore.Connections.Abstractions.wasm",
        "Microsoft.Extensions.Features.wasm",
        "System.Net.ServerSentEvents.wasm",
        "System.Net.WebSockets.Client.wasm",
        "System.Net.WebSockets.wasm",
        "System.Threading.Channels.wasm",
    ];

    private Task<ILiveHub>? _loading;
    private ILiveHub? _hub;

    public async Task StartAsync() => await (await HubAsync()).StartAsync();

    public Task StopAsync() => _hub?.StopAsync() ?? Task.CompletedTask;

    public async Task JoinConversationAsync(long conversationId) => await (await HubAsync()).JoinConversationAsync(conversationId);

    public async Task LeaveConversationAsync(long conversationId) => await (await HubAsync()).LeaveConversationAsync(conversationId);

    public async Task SendTypingAsync(long conversationId, bool isTyping) => await (await HubAsync()).SendTypingAsync(conversationId, isTyping);

    public async Task SendReplyingAsync(long conversationId, bool replying) => await (await HubAsync()).SendReplyingAsync(conversationId, replying);

    public Task<long?> GetLatestEventIdAsync() => _hub?.GetLatestEventIdAsync() ?? Task.FromResult<long?>(null);

    public async Task ReplaySinceAsync(long eventId) => await (await HubAsync()).ReplaySinceAsync(eventId);

    public async ValueTask DisposeAsync()
    {
        if (_hub is IAsyncDisposable hub) await hub.DisposeAsync();
    }

    private Task<ILiveHub> HubAsync() => _loading ??= LoadAsync();

    private async Task<ILiveHub> LoadAsync()
    {
        try
        {
            await loader.LoadAssembliesAsync(Assemblies);
        }
        catch
        {
            _loading = null; // a failed download is tried again on the next call
            throw;
        }
        return _hub = Create(services);
    }

    // Its own method: the runtime resolves AgentHubConnection (and with it SignalR) only when this first runs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ILiveHub Create(IServiceProvider services) => ActivatorUtilities.CreateInstance<AgentHubConnection>(services);
}
