namespace Inbox.Web.Live;

/// <summary>
/// Closes the gap at page load: connect the hub, take the server's latest event id, let the lists load over HTTP,
/// then replay everything after that id (deduped by <see cref="LiveEvents"/>), so nothing that happened between the
/// HTTP load and the hub connect is missed.
/// </summary>
public sealed class LiveStartup(ILiveHub hub, LiveEvents live)
{
    /// <summary>How long the layout holds the pages back for the hub before showing them anyway.</summary>
    public static readonly TimeSpan ConnectWait = TimeSpan.FromSeconds(10);

    private Task? _connecting;
    private long? _catchUpFrom;
    private bool _shownEarly;

    /// <summary>Connects and takes the baseline once per session; the layout awaits this before showing pages.</summary>
    public Task ConnectAsync() => _connecting ??= ConnectCoreAsync();

    /// <summary>
    /// Like <see cref="ConnectAsync"/> but gives up waiting after <paramref name="wait"/> so a slow hub never blocks
    /// the console; lists loaded before the baseline was taken are then reloaded once it is.
    /// </summary>
    public async Task ConnectOrTimeoutAsync(TimeSpan wait)
    {
        var connecting = ConnectAsync();
        if (await Task.WhenAny(connecting, Task.Delay(wait)) != connecting)
        {
            _shownEarly = true;
        }
    }

    /// <summary>Called by the conversation list after its first HTTP load: replays from the baseline (once).</summary>
    public async Task ListsLoadedAsync()
    {
        if (_connecting is { } connecting)
        {
            var early = _shownEarly && !connecting.IsCompleted;
            await connecting;
            if (early)
            {
                _catchUpFrom = null;
                live.RequestResync(); // the list was read before the baseline: read it again after it
                return;
            }
        }
        if (_catchUpFrom is not { } from)
        {
            return;
        }
        _catchUpFrom = null;
        await hub.ReplaySinceAsync(from);
    }

    /// <summary>Forgets the session (on sign-out).</summary>
    public void Reset()
    {
        _connecting = null;
        _catchUpFrom = null;
        _shownEarly = false;
    }

    private async Task ConnectCoreAsync()
    {
        await hub.StartAsync();
        if (await hub.GetLatestEventIdAsync() is { } latest)
        {
            live.AdvanceTo(latest);
            _catchUpFrom = latest;
        }
    }
}
