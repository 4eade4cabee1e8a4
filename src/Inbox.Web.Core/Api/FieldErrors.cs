using Microsoft.Extensions.Localization;

namespace Inbox.Web.Api;

/// <summary>
/// Errors of a form, by field (case-insensitive, so "displayName" and "DisplayName" match), to show next to the
/// inputs they belong to. Filled by client-side checks and from a 400 problem body's <c>errors</c>.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _fromServer = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _byField.Count > 0;

    public IEnumerable<string> Fields => _byField.Keys;

    public bool Has(string field) => _byField.ContainsKey(field);

    /// <summary>The message for a field, or null.</summary>
    public string? this[string field] => _byField.GetValueOrDefault(field);

    public void Clear()
    {
        _byField.Clear();
        _fromServer.Clear();
    }

    /// <summary>A message the console wrote itself (already in the agent's language).</summary>
    public void Set(string field, string message)
    {
        _byField[field] = message;
        _fromServer.Remove(field);
    }

    /// <summary>Takes the server's field errors; returns false when the problem had none (show its message instead).</summary>
    public bool Load(ApiException ex)
    {
        foreach (var (field, messages) in ex.Problem?.Errors ?? [])
        {
            if (messages.Length > 0)
            {
                _byField[field] = string.Join(" ", messages);
                _fromServer.Add(field);
            }
        }
        return ex.Problem?.Errors is { Count: > 0 };
    }

    /// <summary>Messages of fields the form has no input for (shown above the buttons instead), or null.</summary>
    public string? OthersThan(params string[] shown)
    {
        var others = _byField.Where(e => !shown.Contains(e.Key, StringComparer.OrdinalIgnoreCase)).Select(e => e.Value).ToList();
        return others.Count == 0 ? null : string.Join(" ", others);
    }

    /// <summary>
    /// The message to show next to a field. The server writes English; for its messages the console's own wording of
    /// that field's rule (<paramref name="key"/>) is shown in the agent's language when the table has it.
    /// </summary>
    public string? Localized(string field, IStringLocalizer localizer, string key)
    {
        if (!_byField.TryGetValue(field, out var message))
        {
            return null;
        }
        if (!_fromServer.Contains(field))
        {
            return message;
        }
        var local = localizer[key];
        return local.ResourceNotFound ? message : local.Value;
    }
}
