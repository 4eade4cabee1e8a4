using MudBlazor;

namespace Inbox.Web.Settings;

/// <summary>Options shared by the settings dialogs: a click outside must not throw away a half-filled form or a secret shown once.</summary>
public static class SettingsDialogs
{
    public static DialogOptions Options { get; } = new()
    {
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
        BackdropClick = false,
        CloseOnEscapeKey = false,
    };
}
