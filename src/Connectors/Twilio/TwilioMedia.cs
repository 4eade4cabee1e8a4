using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// Customer media named in Twilio's webhooks (<c>MediaUrl{N}</c>), fetched with the account's credentials from Twilio's
/// media hosts only: api.twilio.com (where the URLs point) and *.twiliocdn.com (where Twilio redirects), plus the test
/// host of <see cref="TwilioOptions.ApiBaseOverride"/>. Any other address, including a redirect to one, is never asked.
/// Credentials go to api.twilio.com alone.
/// </summary>
public sealed class TwilioMedia(IHttpClientFactory httpClients, IOptions<TwilioOptions> options)
{
    private const int MaxRedirects = 5;

    public bool IsTwilioHost(Uri url)
    {
        if (IsApiHost(url)) return true;
        return url.Scheme == Uri.UriSchemeHttps && url.Host.EndsWith(".twiliocdn.com", StringComparison.OrdinalIgnoreCase);
    }

    private bool IsApiHost(Uri url)
    {
        if (options.Value.ApiBaseOverride is { } test && url.Scheme == test.Scheme && url.Host.Equals(test.Host, StringComparison.OrdinalIgnoreCase) && url.Port == test.Port)
            return true;
        return url.Scheme == Uri.UriSchemeHttps && url.Host.Equals(TwilioOptions.ApiHost, StringComparison.OrdinalIgnoreCase) && url.IsDefaultPort;
    }

    public async Task<Stream> OpenAsync(TwilioAccount account, Uri url, CancellationToken ct)
    {
        var client = httpClients.CreateClient(TwilioOptions.HttpClientName);
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            if (!IsTwilioHost(url)) throw new HttpRequestException($"Refused to fetch media from {url.Host}: not a Twilio media host.");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (IsApiHost(url))
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.Username}:{account.Password}")));
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } next)
            {
                response.Dispose();
                url = next.IsAbsoluteUri ? next : new Uri(url, next);
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw new HttpRequestException($"Twilio answered {status} for a media file.", null, (HttpStatusCode)status);
            }
            return new ResponseStream(response, await response.Content.ReadAsStreamAsync(ct));
        }
        throw new HttpRequestException("Too many redirects fetching a Twilio media file.");
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    /// <summary>The body, disposing its response with it.</summary>
    private sealed class ResponseStream(HttpResponseMessage response, Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
