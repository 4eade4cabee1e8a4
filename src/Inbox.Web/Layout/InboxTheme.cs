using MudBlazor;

namespace Inbox.Web.Layout;

public static class InboxTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3559e0",
            Secondary = "#00a38c",
            AppbarBackground = "#1f2a44",
            Background = "#f4f6fb",
            DrawerBackground = "#ffffff",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
