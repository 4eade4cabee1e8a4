using System.Net;
using System.Text;
using Inbox.Connectors.Abstractions;
using Inbox.Connectors.Twilio;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Twilio;

/// <summary>X-Twilio-Signature: Twilio's published example validates; anything else is refused and nothing is stored.</summary>
public sealed class TwilioSignatureTests(TwilioInbox shared) : IClassFixture<TwilioInbox>
{
    // From Twilio's security docs ("Validating Requests are coming from Twilio").
    private const string DocsUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string DocsAuthToken = "12345";
    private const string DocsSignature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
    private static readonly Dictionary<string, string> DocsParams = new()
    {
        ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+12349013030", ["Digits"] = "1234", ["From"] = "+12349013030", ["To"] = "+18005551212",
    };

    [Fact]
    public void Twilios_published_example_request_and_signature_validate()
    {
        var verdict = Receiver().Verify(DocsChannel(), DocsRequest(DocsParams, DocsSignature));

        Assert.True(verdict.Authentic, verdict.Reason);
        Assert.Equal(DocsSignature, TwilioTestSignature.Sign(DocsAuthToken, DocsUrl, DocsParams)); // the tests' own signer agrees
    }

    [Fact]
    public void The_published_example_fails_with_a_tampered_parameter_another_url_or_no_signature()
    {
        var tampered = new Dictionary<string, string>(DocsParams) { ["Digits"] = "1235" };
        Assert.False(Receiver().Verify(DocsChannel(), DocsRequest(tampered, DocsSignature)).Authentic);
        Assert.False(Receiver().Verify(DocsChannel(), DocsRequest(DocsParams, DocsSignature, "https://mycompany.com/myapp.php?foo=1&bar=3")).Authentic);
        var missing = Receiver().Verify(DocsChannel(), DocsRequest(DocsParams, null));
        Assert.False(missing.Authentic);
        Assert.Equal(403, missing.StatusCode);
        var noToken = DocsChannel() with { Secrets = new Dictionary<string, string>() };
        Assert.False(Receiver().Verify(noToken, DocsRequest(DocsParams, DocsSignature)).Authentic);
    }

    [Fact]
    public async Task A_signed_sms_is_stored_and_answered_with_empty_twiml()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.Sms);

        var response = await shared.PostAsTwilioAsync(channel, TwilioInbox.IncomingSms(channel, TwilioInbox.NewMobile(), "Hola"));

        var body = await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("<Response/>", body);
        Assert.Equal(1, await shared.InboundCountAsync(channel.Id));
    }

    [Fact]
    public async Task Twilio_may_sign_the_url_with_the_default_port()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.Sms);
        var withPort = channel.WebhookUrl.Replace("https://inbox.shop.test/", "https://inbox.shop.test:443/", StringComparison.Ordinal);
        Assert.NotEqual(channel.WebhookUrl, withPort);

        var response = await shared.PostAsTwilioAsync(channel, TwilioInbox.IncomingSms(channel, TwilioInbox.NewMobile(), "Hola"), signedUrl: withPort);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, await shared.InboundCountAsync(channel.Id));
    }

    [Fact]
    public async Task A_tampered_parameter_a_wrong_url_a_wrong_token_or_a_missing_header_is_403_and_stores_nothing()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.Sms);
        var form = TwilioInbox.IncomingSms(channel, TwilioInbox.NewMobile(), "Hola");
        var signature = TwilioTestSignature.Sign(channel.Account.AuthToken, channel.WebhookUrl, form);

        var tampered = await shared.PostAsTwilioAsync(channel, new Dictionary<string, string>(form) { ["Body"] = "Transfer 500 €" }, signature: signature);
        var wrongUrl = await shared.PostAsTwilioAsync(channel, form, signedUrl: "https://attacker.example" + channel.Path);
        var wrongToken = await shared.PostAsTwilioAsync(channel, form, signature: TwilioTestSignature.Sign("another-token", channel.WebhookUrl, form));
        var missing = await shared.PostAsTwilioAsync(channel, form, sign: false);

        foreach (var response in new[] { tampered, wrongUrl, wrongToken, missing }) await response.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await shared.InboundCountAsync(channel.Id));
    }

    [Fact]
    public async Task A_json_body_is_checked_by_its_bodySHA256_and_a_changed_body_is_refused()
    {
        var channel = await shared.CreateChannelAsync(ChannelTypes.Sms);
        var sid = TwilioInbox.NewSid("SM");
        var json = $$"""{"MessageSid":"{{sid}}","From":"{{TwilioInbox.NewMobile()}}","To":"+34910000001","Body":"Hola en JSON","NumMedia":"0"}""";
        var query = "?bodySHA256=" + TwilioTestSignature.BodyHash(json);
        var signature = TwilioTestSignature.Sign(channel.Account.AuthToken, channel.WebhookUrl + query, new Dictionary<string, string>());

        var changed = await PostJsonAsync(channel, json.Replace("Hola en JSON", "Adiós"), query, signature);
        await changed.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await shared.InboundCountAsync(channel.Id));

        var accepted = await PostJsonAsync(channel, json, query, signature);
        await accepted.AssertStatusAsync(HttpStatusCode.OK);
        var thread = await shared.ThreadAsync((await shared.ConversationOfChannelAsync(channel.Id)).Id);
        Assert.Equal("Hola en JSON", Assert.Single(thread).Text);
    }

    private async Task<HttpResponseMessage> PostJsonAsync(TwilioChannel channel, string json, string query, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Path + query) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Twilio-Signature", signature);
        return await shared.App.CreateClient().SendAsync(request);
    }

    private TwilioWebhookReceiver Receiver() => new(new TwilioMedia(new NoHttp(), Microsoft.Extensions.Options.Options.Create(new TwilioOptions())));

    private static ChannelContext DocsChannel() => new(1, "docs", new Dictionary<string, string> { ["accountSid"] = "AC" + new string('0', 32) },
        new Dictionary<string, string> { ["authToken"] = DocsAuthToken });

    private static WebhookRequest DocsRequest(IReadOnlyDictionary<string, string> form, string? signature, string url = DocsUrl)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/x-www-form-urlencoded" };
        if (signature is not null) headers["X-Twilio-Signature"] = signature;
        var body = new FormUrlEncodedContent(form).ReadAsStringAsync().Result;
        return new WebhookRequest(new Uri(url), "POST", headers, Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow);
    }

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("Verifying a signature makes no request.");
    }
}
