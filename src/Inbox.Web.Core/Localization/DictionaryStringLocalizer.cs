using Microsoft.Extensions.Localization;

namespace Inbox.Web.Localization;

/// <summary>
/// A small dictionary-backed <see cref="IStringLocalizer{T}"/>: the language follows <see cref="CultureService"/>
/// at once (no satellite assembly reload), and a missing key shows the key itself so gaps are visible.
/// </summary>
public sealed class DictionaryStringLocalizer<T>(CultureService culture) : IStringLocalizer<T>
{
    public LocalizedString this[string name]
    {
        get
        {
            var found = Strings.TryGet(culture.Name, name, out var value);
            return new LocalizedString(name, found ? value : name, resourceNotFound: !found);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var template = this[name];
            return new LocalizedString(name, string.Format(culture.Culture, template.Value, arguments), template.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        Strings.All(culture.Name).Select(kv => new LocalizedString(kv.Key, kv.Value));
}
