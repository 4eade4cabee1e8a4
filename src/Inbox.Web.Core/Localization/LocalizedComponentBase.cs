using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Inbox.Web.Localization;

/// <summary>
/// Base of every console component: gives it <see cref="L"/> and re-renders it when the language changes.
/// Subclasses release their own resources in <see cref="Dispose(bool)"/> (not IAsyncDisposable, which would
/// make the renderer skip this Dispose).
/// </summary>
public abstract class LocalizedComponentBase : ComponentBase, IDisposable
{
    [Inject] protected IStringLocalizer<AppStrings> L { get; set; } = default!;

    [Inject] protected CultureService CultureService { get; set; } = default!;

    protected System.Globalization.CultureInfo UiCulture => CultureService.Culture;

    private bool _subscribed;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        if (!_subscribed)
        {
            CultureService.Changed += OnCultureChanged;
            _subscribed = true;
        }
        return base.SetParametersAsync(parameters);
    }

    private void OnCultureChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        CultureService.Changed -= OnCultureChanged;
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
