using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inbox.Contracts;

/// <summary>Enums travel as camelCase strings ("open", "webVisitor") in every serializer: HTTP, SignalR, stored events.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
