using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inbox.Web.Api;

/// <summary>The server's wire format: web defaults (camelCase) with enums as camelCase strings.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>The same, leaving out null properties: for PATCH bodies where an absent field means "unchanged".</summary>
    public static JsonSerializerOptions OmitNulls { get; } = new(Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
