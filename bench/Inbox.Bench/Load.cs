using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Inbox.Contracts;

namespace Inbox.Bench;

/// <summary>
/// Customers pushing messages through the API channel: a fixed number of in-flight requests over HTTP/1.1 keep-alive
/// connections (one per worker), bodies prepared before the clock starts so the client spends its CPU on sending.
/// </summary>
public sealed class Load(Uri baseAddress, Admin.Setup setup, int concurrency) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(60),
    };

    private readonly Uri _inbound = new(baseAddress, Routes.ChannelInbound(setup.ChannelId));

    public static byte[][] Bodies(string tag, int count, int senders, int textLength)
    {
        var bodies = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var customer = i % senders;
            var head = $"{tag}:{i} ";
            var text = head + new string('x', Math.Max(1, textLength - head.Length));
            bodies[i] = JsonSerializer.SerializeToUtf8Bytes(
                new ApiInboundMessage($"{tag}-{i}", new ApiSender($"customer-{customer}", "external", $"Customer {customer}"), text, null),
                JsonSerializerOptions.Web);
        }
        return bodies;
    }

    public async Task RunAsync(Run run, byte[][] bodies, CancellationToken ct)
    {
        var next = -1;
        run.FirstSend = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int seq;
            while ((seq = Interlocked.Increment(ref next)) < run.Count) await SendAsync(run, seq, bodies[seq], ct);
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        run.LastOk = run.AnsweredAt.Where((_, i) => run.Status[i] == 200).DefaultIfEmpty(run.FirstSend).Max();
    }

    private async Task SendAsync(Run run, int seq, byte[] body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _inbound) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation(Routes.ChannelTokenHeader, setup.InboundToken);
        run.SentAt[seq] = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            run.AnsweredAt[seq] = Stopwatch.GetTimestamp();
            run.Status[seq] = (int)response.StatusCode;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                run.Error(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), text.Length > 300 ? text[..300] : text);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            run.AnsweredAt[seq] = Stopwatch.GetTimestamp();
            run.Error(ex.GetType().Name, ex.Message);
        }
    }

    public void Dispose() => _http.Dispose();
}
