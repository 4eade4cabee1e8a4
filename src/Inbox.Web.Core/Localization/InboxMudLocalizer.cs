using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Inbox.Web.Localization;

/// <summary>MudBlazor's built-in labels (the dialog's and snackbar's close buttons…) in the console's language; keys
/// without a translation here keep MudBlazor's English.</summary>
public sealed class InboxMudLocalizer(CultureService culture) : MudLocalizer
{
    public const string Prefix = "Mud.";

    public override LocalizedString this[string key] =>
        Strings.TryGet(culture.Name, Prefix + key, out var value)
            ? new LocalizedString(key, value)
            : new LocalizedString(key, key, resourceNotFound: true);
}
