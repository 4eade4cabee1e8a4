using MudBlazor;

namespace Inbox.Web.Layout;

/// <summary>Colours chosen for WCAG AA: every palette colour carries white text at 4.5:1 or more and reads as text on
/// the white and #f4f6fb backgrounds at 4.5:1 or more (MudBlazor's defaults for success, info, warning and error do not).</summary>
public static class InboxTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3559e0",
            Secondary = "#00766a",
            Tertiary = "#6a3fb5",
            Info = "#1565c0",
            Success = "#1b7a3d",
            Warning = "#a14d00",
            Error = "#c62828",
            TextSecondary = "#555e6e",
            ActionDefault = "#555e6e",
            AppbarBackground = "#1f2a44",
            Background = "#f4f6fb",
            DrawerBackground = "#ffffff",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
