using System.Globalization;
using Microsoft.JSInterop;

namespace Inbox.Web.Localization;

/// <summary>
/// Holds the console's UI language (es or en), persists the choice in localStorage and tells
/// components to re-render when it changes. The default comes from the browser language.
/// </summary>
public sealed class CultureService(IJSRuntime js)
{
    public const string StorageKey = "inbox.culture";
    public static readonly IReadOnlyList<string> Supported = ["es", "en"];

    public CultureInfo Culture { get; private set; } = ConsoleCulture.English;

    public string Name => Culture.Name;

    /// <summary>When true (in the browser) the process-wide default culture follows the switch.</summary>
    public bool ApplyToProcess { get; init; }

    public event Action? Changed;

    /// <summary>Picks the stored language, else the first of the browser's languages the console speaks.</summary>
    public async Task InitializeAsync()
    {
        string? stored = null;
        string? browser = null;
        try
        {
            stored = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
        }
        catch (JSException)
        {
            // Storage can be blocked (private mode); fall back to the browser language.
        }
        try
        {
            // Without ICU the runtime does not take the browser's culture (ConsoleCulture): ask the page.
            browser = await js.InvokeAsync<string?>("navigator.languages.join", ",");
        }
        catch (JSException)
        {
        }
        var preferred = (browser ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Normalize).FirstOrDefault(n => n is not null);
        Apply(Normalize(stored) ?? preferred ?? Normalize(CultureInfo.CurrentUICulture.Name) ?? "en", notify: false);
        await SetDocumentLanguageAsync();
    }

    public async Task SetAsync(string name)
    {
        var normalized = Normalize(name) ?? "en";
        if (normalized == Name)
        {
            return;
        }
        Apply(normalized, notify: true);
        await SetDocumentLanguageAsync();
        try
        {
            await js.InvokeVoidAsync("localStorage.setItem", StorageKey, normalized);
        }
        catch (JSException)
        {
            // Not persisted; the switch still applies to this session.
        }
    }

    /// <summary>&lt;html lang&gt; follows the UI language, so screen readers pronounce Spanish as Spanish.</summary>
    private async Task SetDocumentLanguageAsync()
    {
        try
        {
            await js.InvokeVoidAsync("document.documentElement.setAttribute", "lang", Name);
        }
        catch (JSException)
        {
            // Not in a browser document (prerendering): nothing to label.
        }
    }

    /// <summary>Sets the language without persisting it (tests, server-side prerendering).</summary>
    public void Set(string name) => Apply(Normalize(name) ?? "en", notify: true);

    public static string? Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var two = name.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(two) ? two : null;
    }

    private void Apply(string name, bool notify)
    {
        Culture = ConsoleCulture.For(name);
        if (ApplyToProcess)
        {
            CultureInfo.DefaultThreadCurrentCulture = Culture;
            CultureInfo.DefaultThreadCurrentUICulture = Culture;
            CultureInfo.CurrentCulture = Culture;
            CultureInfo.CurrentUICulture = Culture;
        }
        if (notify)
        {
            Changed?.Invoke();
        }
    }
}
