using MudBlazor;

namespace Inbox.Web.Keyboard;

/// <summary>Opens the keyboard shortcuts help.</summary>
public static class ShortcutsHelp
{
    public static DialogOptions Options { get; } = new() { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseButton = true };

    public static Task ShowAsync(IDialogService dialogs, string title) => dialogs.ShowAsync<ShortcutsDialog>(title, Options);
}
