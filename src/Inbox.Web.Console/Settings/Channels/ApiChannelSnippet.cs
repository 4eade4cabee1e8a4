using Inbox.Contracts;

namespace Inbox.Web.Settings.Channels;

/// <summary>What an integrator needs to push messages into an API channel: its inbound URL and a curl example.</summary>
public static class ApiChannelSnippet
{
    /// <summary>The origin of the console's address ("https://inbox.example.com"): the API lives at the same origin.</summary>
    public static string Origin(string baseUri) => new Uri(baseUri).GetLeftPart(UriPartial.Authority);

    public static string InboundUrl(string origin, long channelId) => origin.TrimEnd('/') + Routes.ChannelInbound(channelId);

    public static string Curl(string origin, long channelId, string token) =>
        $$"""
        curl -X POST '{{InboundUrl(origin, channelId)}}' \
          -H 'Content-Type: application/json' \
          -H '{{Routes.ChannelTokenHeader}}: {{token}}' \
          -d '{"messageId":"order-1001-msg-1","sender":{"address":"+34600000001","kind":"phone","name":"María"},"text":"Hola"}'
        """;
}
