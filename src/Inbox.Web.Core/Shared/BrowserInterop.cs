using Microsoft.JSInterop;

namespace Inbox.Web.Shared;

/// <summary>
/// <see cref="IBrowserInterop"/> over the ES module wwwroot/js/browser.js, imported on first use. Every call is
/// best-effort: a browser without the feature (or a failed import) just does nothing.
/// </summary>
public sealed class BrowserInterop(IJSRuntime js) : IBrowserInterop, IAsyncDisposable
{
    public const string ModulePath = "./js/browser.js";

    private Task<IJSObjectReference?>? _module;
    private DotNetObjectReference<BrowserInterop>? _self;

    public event Action<long>? NotificationClicked;

    public event Action<ShortcutAction>? ShortcutPressed;

    public async Task StartAsync()
    {
        if (_self is not null)
        {
            return;
        }
        _self = DotNetObjectReference.Create(this);
        await CallAsync("start", _self);
    }

    public async Task StopAsync()
    {
        await CallAsync("stop");
        _self?.Dispose();
        _self = null;
    }

    public async Task<bool> IsPageVisibleAsync() => await GetAsync("isVisible", true);

    public Task PlaySoundAsync() => CallAsync("chime");

    public async Task<NotificationPermission> GetNotificationPermissionAsync() =>
        ParsePermission(await GetAsync<string?>("permission", null));

    public async Task<NotificationPermission> RequestNotificationPermissionAsync() =>
        ParsePermission(await GetAsync<string?>("requestPermission", null));

    public Task ShowNotificationAsync(DesktopNotice notice) =>
        CallAsync("notify", notice.Title, notice.Body, notice.ConversationId, $"inbox-conversation-{notice.ConversationId}");

    public Task<string?> LoadPreferenceAsync(string key) => GetAsync<string?>("load", null, key);

    public Task SavePreferenceAsync(string key, string value) => CallAsync("save", key, value);

    public Task RevealConversationAsync(long conversationId) => CallAsync("reveal", conversationId);

    [JSInvokable]
    public void OnNotificationClicked(long conversationId) => NotificationClicked?.Invoke(conversationId);

    [JSInvokable]
    public void OnShortcut(string action)
    {
        ShortcutAction? parsed = action switch
        {
            "next" => ShortcutAction.Next,
            "previous" => ShortcutAction.Previous,
            "help" => ShortcutAction.Help,
            _ => null,
        };
        if (parsed is { } a)
        {
            ShortcutPressed?.Invoke(a);
        }
    }

    public static NotificationPermission ParsePermission(string? value) => value switch
    {
        "granted" => NotificationPermission.Granted,
        "denied" => NotificationPermission.Denied,
        "default" => NotificationPermission.Default,
        _ => NotificationPermission.Unsupported,
    };

    public async ValueTask DisposeAsync()
    {
        _self?.Dispose();
        if (_module is not null && await _module is { } module)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }

    private Task<IJSObjectReference?> ModuleAsync() => _module ??= ImportAsync();

    private async Task<IJSObjectReference?> ImportAsync()
    {
        try
        {
            return await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
        }
        catch (JSException)
        {
            return null;
        }
    }

    private async Task CallAsync(string name, params object?[] args)
    {
        if (await ModuleAsync() is not { } module)
        {
            return;
        }
        try
        {
            await module.InvokeVoidAsync(name, args);
        }
        catch (JSException)
        {
            // Feature missing or blocked: ignore.
        }
    }

    private async Task<T> GetAsync<T>(string name, T fallback, params object?[] args)
    {
        if (await ModuleAsync() is not { } module)
        {
            return fallback;
        }
        try
        {
            return await module.InvokeAsync<T>(name, args);
        }
        catch (JSException)
        {
            return fallback;
        }
    }
}
