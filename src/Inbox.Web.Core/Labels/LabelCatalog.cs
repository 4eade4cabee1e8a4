using Inbox.Contracts;
using Inbox.Web.Api;

namespace Inbox.Web.Labels;

/// <summary>The admin-defined labels, loaded once per session and again after the settings page changes them.</summary>
public sealed class LabelCatalog(InboxApiClient api)
{
    private Task? _loading;

    public IReadOnlyList<LabelDto> Labels { get; private set; } = [];

    /// <summary>The labels were (re)loaded.</summary>
    public event Action? Changed;

    public Task EnsureLoadedAsync() => _loading ??= LoadAsync();

    public Task ReloadAsync()
    {
        _loading = null;
        return EnsureLoadedAsync();
    }

    public LabelDto? Label(long id) => Labels.FirstOrDefault(l => l.Id == id);

    private async Task LoadAsync()
    {
        try
        {
            Labels = await api.GetLabelsAsync();
            Changed?.Invoke();
        }
        catch
        {
            _loading = null; // try again next time
            throw;
        }
    }
}
