namespace Inbox.Web.Localization;

/// <summary>Marker type for the console's string table: inject <c>IStringLocalizer&lt;AppStrings&gt;</c>.</summary>
public sealed class AppStrings;
