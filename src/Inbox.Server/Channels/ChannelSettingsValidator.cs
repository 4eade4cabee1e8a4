using System.Globalization;
using Inbox.Connectors.Abstractions;

namespace Inbox.Server.Channels;

/// <summary>What a create or edit would store, or why not (errors by field key); fields left to the server to generate.</summary>
public sealed record SettingsChange(
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, string> Secrets,
    IReadOnlyList<ChannelSettingField> ToGenerate,
    IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks a channel's settings and secrets against its type's schema, the same one the console builds its forms from:
/// no unknown keys, each value of its kind and length, required fields present. Pure; the commands generate and store.
/// </summary>
public static class ChannelSettingsValidator
{
    /// <summary>Longest value accepted per kind: enough for any real URL or token, small enough to keep rows small.</summary>
    public static int MaxLength(SettingKind kind) => kind switch
    {
        SettingKind.Url => 2048,
        SettingKind.Secret => 4096,
        SettingKind.Number => 32,
        SettingKind.Bool => 5,
        _ => 1000,
    };

    /// <summary>
    /// Applies <paramref name="settings"/> and <paramref name="secrets"/> (either may be null: unchanged) over the
    /// current values. A setting sent empty is removed (its default, if any, comes back); a secret sent empty is kept.
    /// On creation, generated secrets left empty are listed in <see cref="SettingsChange.ToGenerate"/>.
    /// </summary>
    public static SettingsChange Apply(
        ChannelSettingsSchema schema,
        string type,
        IReadOnlyDictionary<string, string> currentSettings,
        IReadOnlyDictionary<string, string> currentSecrets,
        IReadOnlyDictionary<string, string>? settings,
        IReadOnlyDictionary<string, string>? secrets,
        bool creating)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var newSettings = currentSettings.ToDictionary(StringComparer.Ordinal);
        var newSecrets = currentSecrets.ToDictionary(StringComparer.Ordinal);

        foreach (var (key, raw) in settings ?? new Dictionary<string, string>())
        {
            if (Known(schema, type, key, secret: false, errors) is not { } field) continue;
            if (string.IsNullOrWhiteSpace(raw))
            {
                newSettings.Remove(key);
                continue;
            }
            if (Check(field, raw.Trim()) is { } value) newSettings[key] = value;
            else errors[key] = [Problem(field)];
        }
        foreach (var (key, raw) in secrets ?? new Dictionary<string, string>())
        {
            if (Known(schema, type, key, secret: true, errors) is not { } field) continue;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            if (Check(field, raw.Trim()) is { } value) newSecrets[key] = value;
            else errors[key] = [Problem(field)];
        }

        var toGenerate = new List<ChannelSettingField>();
        foreach (var field in schema.Fields)
        {
            var values = field.IsSecret ? newSecrets : newSettings;
            if (values.ContainsKey(field.Key) || errors.ContainsKey(field.Key)) continue;
            if (!field.IsSecret && field.Default is { Length: > 0 } fallback) values[field.Key] = fallback;
            else if (field.Generated && creating) toGenerate.Add(field);
            else if (field.Required && !field.Generated) errors[field.Key] = [$"{field.Label.En} is required for a {type} channel."];
        }
        return new SettingsChange(newSettings, newSecrets, toGenerate, errors);
    }

    private static ChannelSettingField? Known(ChannelSettingsSchema schema, string type, string key, bool secret, Dictionary<string, string[]> errors)
    {
        var field = schema.Field(key);
        if (field is null)
        {
            var shown = key.Length > 100 ? key[..100] : key;
            errors[shown] = [$"A {type} channel has no {(secret ? "secret" : "setting")} '{shown}'."];
            return null;
        }
        if (field.IsSecret != secret)
        {
            errors[key] = [secret ? $"{field.Label.En} is a setting: send it in settings, not secrets." : $"{field.Label.En} is a secret: send it in secrets, not settings."];
            return null;
        }
        return field;
    }

    /// <summary>The value as stored (bools lower-case, numbers in invariant digits), or null when it is not of the field's kind.</summary>
    private static string? Check(ChannelSettingField field, string value)
    {
        if (value.Length > MaxLength(field.Kind)) return null;
        return field.Kind switch
        {
            SettingKind.Url => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? value : null,
            SettingKind.Number => decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                ? number.ToString(CultureInfo.InvariantCulture) : null,
            SettingKind.Bool => bool.TryParse(value, out var flag) ? (flag ? "true" : "false") : null,
            SettingKind.Select => field.Options.Any(o => o.Value == value) ? value : null,
            _ => value,
        };
    }

    private static string Problem(ChannelSettingField field) => field.Kind switch
    {
        SettingKind.Url => $"{field.Label.En} must be an absolute http or https address of at most {MaxLength(field.Kind)} characters.",
        SettingKind.Number => $"{field.Label.En} must be a number such as 42 or 2.5.",
        SettingKind.Bool => $"{field.Label.En} must be true or false.",
        SettingKind.Select => $"{field.Label.En} must be one of: {string.Join(", ", field.Options.Select(o => o.Value))}.",
        _ => $"{field.Label.En} is longer than {MaxLength(field.Kind)} characters.",
    };
}
