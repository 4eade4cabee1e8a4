using System.Text.Json;

namespace Inbox.Server.Data;

/// <summary>Enums are stored as their camelCase names ("open", "webVisitor"), the same words the API uses.</summary>
public static class DbEnum
{
    public static string ToDb<T>(this T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static T Parse<T>(string value) where T : struct, Enum => Enum.Parse<T>(value, ignoreCase: true);
}
