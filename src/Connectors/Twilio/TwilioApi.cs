using Twilio.Clients;
using Twilio.Http;
using TwilioHttpClient = Twilio.Http.HttpClient;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// The SDK's <see cref="TwilioRestClient"/> for one account over the connector's <c>HttpClient</c> (named
/// <see cref="TwilioOptions.HttpClientName"/>, where <see cref="TwilioApiRedirect"/> sits). One per call: it is two small
/// objects, and <see cref="TwilioHttpClient.LastResponse"/> (where a 429's Retry-After is read) then belongs to
/// that call alone.
/// </summary>
public sealed class TwilioApi(IHttpClientFactory httpClients)
{
    public (ITwilioRestClient Client, TwilioHttpClient Http) Client(TwilioAccount account, string? idempotencyToken = null)
    {
        var http = new SystemNetHttpClient(httpClients.CreateClient(TwilioOptions.HttpClientName));
        ITwilioRestClient client = new TwilioRestClient(account.Username, account.Password, accountSid: account.Sid, httpClient: http);
        if (idempotencyToken is not null) client = new IdempotentClient(client, idempotencyToken);
        return (client, http);
    }

    /// <summary>Adds <c>I-Twilio-Idempotency-Token</c> to every request: Twilio drops a repeat of a request it already
    /// accepted with the same token, so an outbox retry after a lost answer never sends twice.</summary>
    private sealed class IdempotentClient(ITwilioRestClient inner, string token) : ITwilioRestClient
    {
        public const string Header = "I-Twilio-Idempotency-Token";

        public string AccountSid => inner.AccountSid;
        public string Region => inner.Region;
        public TwilioHttpClient HttpClient => inner.HttpClient;

        public Response Request(Request request)
        {
            request.AddHeaderParam(Header, token);
            return inner.Request(request);
        }

        public Task<Response> RequestAsync(Request request)
        {
            request.AddHeaderParam(Header, token);
            return inner.RequestAsync(request);
        }
    }
}
