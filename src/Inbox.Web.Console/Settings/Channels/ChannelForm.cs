using System.Globalization;
using Inbox.Contracts;
using Inbox.Web.Api;
using Inbox.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Inbox.Web.Settings.Channels;

/// <summary>
/// The values of a channel's settings form, one per field of its type (GET /api/channel-types), and the requests they
/// make. A new channel starts from the fields' defaults; an edited one from its settings, with secrets empty (kept).
/// The checks here are the server's in the agent's language, so most mistakes show before a round trip.
/// </summary>
public sealed class ChannelForm
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly ChannelDto? _existing;

    public ChannelForm(ChannelTypeDto type, ChannelDto? existing = null)
    {
        Type = type;
        _existing = existing;
        foreach (var field in type.Fields)
        {
            _values[field.Key] = field.Secret ? null
                : existing is null ? field.Default
                : existing.Settings.GetValueOrDefault(field.Key);
        }
    }

    public ChannelTypeDto Type { get; }

    public bool Editing => _existing is not null;

    public string? this[string key]
    {
        get => _values.GetValueOrDefault(key);
        set => _values[key] = value;
    }

    /// <summary>An edited channel already has this secret: leaving it empty keeps it.</summary>
    public bool HasSecret(string key) => _existing?.SecretNames.Contains(key) == true;

    /// <summary>Required in this form: a generated secret is made by the server, a stored one is kept.</summary>
    public bool IsRequired(ChannelFieldDto field) => field.Required && !(field.Secret && (field.Generated || HasSecret(field.Key)));

    /// <summary>Writes a message for each field the server would refuse.</summary>
    public void Check(FieldErrors errors, IStringLocalizer<AppStrings> l)
    {
        foreach (var field in Type.Fields)
        {
            var value = _values.GetValueOrDefault(field.Key)?.Trim() ?? "";
            if (value.Length == 0)
            {
                if (IsRequired(field))
                {
                    errors.Set(field.Key, l["Channels.Error.Required"]);
                }
                continue;
            }
            if (value.Length > field.MaxLength)
            {
                errors.Set(field.Key, l["Channels.Error.TooLong", field.MaxLength]);
            }
            else if (field.Kind == ChannelFieldKind.Url && !IsHttpUrl(value))
            {
                errors.Set(field.Key, l["Channels.Error.Url"]);
            }
            else if (field.Kind == ChannelFieldKind.Number && !decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            {
                errors.Set(field.Key, l["Channels.Error.Number"]);
            }
        }
    }

    /// <summary>Settings and secrets with a value, for a new channel (null when there are none).</summary>
    public (Dictionary<string, string>? Settings, Dictionary<string, string>? Secrets) ForCreate() =>
        (Collect(f => !f.Secret && Filled(f)), Collect(f => f.Secret && Filled(f)));

    /// <summary>Only what changed: a setting emptied is sent empty (removed), a secret is sent only when typed.</summary>
    public (Dictionary<string, string>? Settings, Dictionary<string, string>? Secrets) ForUpdate() =>
        (Collect(f => !f.Secret && (Value(f) ?? "") != (_existing?.Settings.GetValueOrDefault(f.Key) ?? "")), Collect(f => f.Secret && Filled(f)));

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private bool Filled(ChannelFieldDto field) => !string.IsNullOrEmpty(Value(field));

    private string? Value(ChannelFieldDto field) => _values.GetValueOrDefault(field.Key)?.Trim() is { Length: > 0 } v ? v : null;

    private Dictionary<string, string>? Collect(Func<ChannelFieldDto, bool> include)
    {
        var picked = Type.Fields.Where(include).ToDictionary(f => f.Key, f => Value(f) ?? "", StringComparer.Ordinal);
        return picked.Count == 0 ? null : picked;
    }
}
