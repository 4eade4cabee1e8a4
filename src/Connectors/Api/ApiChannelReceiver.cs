using System.Text.Json;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;

namespace Inbox.Connectors.Api;

/// <summary>
/// The API channel's way in: an integration posts one customer message as JSON with the channel's inbound token in
/// <c>X-Inbox-Channel-Token</c>. A repeated messageId answers 200 with duplicate=true and stores nothing.
/// </summary>
public sealed class ApiChannelReceiver : IWebhookReceiver
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The one answer to a missing or wrong token, and to an unknown channel id.</summary>
    public const string Refused = $"Missing or wrong {Routes.ChannelTokenHeader} for this channel.";

    public bool IssuesInboundToken => true;

    public WebhookVerdict Verify(ChannelContext channel, WebhookRequest request)
    {
        var presented = request.Header(Routes.ChannelTokenHeader);
        return channel.InboundTokenHashesAt(request.ReceivedAt).Any(hash => IssuedSecrets.Matches(presented, hash))
            ? WebhookVerdict.Accept
            : WebhookVerdict.Refuse(401, Refused);
    }

    public WebhookParse Parse(ChannelContext channel, WebhookRequest request)
    {
        if (request.ContentType?.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase) != true)
            return WebhookParse.Malformed("Content-Type", "Send the message as application/json.");
        ApiInboundMessage? body;
        try
        {
            body = JsonSerializer.Deserialize<ApiInboundMessage>(request.Body.Span, Json);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : "";
            return WebhookParse.Malformed(ex.Path is { Length: > 1 } path ? path : "body", $"The body is not valid JSON{where}.");
        }

        var errors = Validate(channel, body, out var from);
        if (errors.Count > 0) return WebhookParse.Malformed(errors);
        var message = new InboundMessage(channel.ChannelId, body!.MessageId!.Trim(), from!, body.Sender!.Name, body.Text!, body.Timestamp ?? request.ReceivedAt);
        return WebhookParse.Of(new ChannelInput { Messages = [message] });
    }

    public WebhookResponse Acknowledge(ChannelContext channel, ChannelInput input, IReadOnlyList<InboundReceipt> receipts)
    {
        var r = receipts[0];
        var body = JsonSerializer.Serialize(new ApiInboundAccepted(r.MessageId, r.ConversationId, r.ContactId, r.Duplicate), Json);
        return new WebhookResponse(200, "application/json; charset=utf-8", body);
    }

    private static Dictionary<string, string[]> Validate(ChannelContext channel, ApiInboundMessage? body, out ChannelAddress? from)
    {
        from = null;
        var errors = new Dictionary<string, string[]>();
        if (body is null)
        {
            errors["body"] = ["A JSON body is required."];
            return errors;
        }
        if (string.IsNullOrWhiteSpace(body.MessageId)) errors["messageId"] = ["messageId is required: it is how retries are recognised."];
        else if (body.MessageId.Length > 200) errors["messageId"] = ["messageId is longer than 200 characters."];
        if (string.IsNullOrWhiteSpace(body.Text)) errors["text"] = ["text is required."];
        else if (body.Text.Length > channel.MaxTextLength) errors["text"] = [$"text is longer than {channel.MaxTextLength} characters."];
        if (body.Sender is null || string.IsNullOrWhiteSpace(body.Sender.Address)) errors["sender.address"] = ["sender.address is required."];
        else
        {
            var ok = (body.Sender.Kind ?? "external").ToLowerInvariant() switch
            {
                "phone" => ChannelAddress.TryPhone(body.Sender.Address, channel.DefaultPhoneRegion, out from),
                "email" => ChannelAddress.TryEmail(body.Sender.Address, out from),
                "external" => ChannelAddress.TryExternal(channel.ChannelId, body.Sender.Address, out from),
                _ => false,
            };
            if (!ok) errors["sender"] = [$"sender is not a valid {body.Sender.Kind ?? "external"} address (kind is phone, email or external)."];
            if (body.Sender.Name is { Length: > 200 }) errors["sender.name"] = ["sender.name is longer than 200 characters."];
        }
        return errors;
    }
}
