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
public sealed class Load(IReadOnlyList<Uri> nodes, Admin.Setup setup, int concurrency) : IDisposable
{
    public Load(Uri baseAddress, Admin.Setup setup, int concurrency) : this([baseAddress], setup, concurrency) { }

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(1, concurrency / Math.Max(1, nodes.Count) + 1),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>With several nodes, worker i sends to node i mod N (a round-robin load balancer).</summary>
    private readonly Uri[] _inbound = nodes.Select(n => new Uri(n, Routes.ChannelInbound(setup.ChannelId))).ToArray();

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
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var inbound = _inbound[w % _inbound.Length];
            int seq;
            while ((seq = Interlocked.Increment(ref next)) < run.Count) await SendAsync(inbound, run, seq, bodies[seq], ct);
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        run.LastOk = run.AnsweredAt.Where((_, i) => run.Status[i] == 200).DefaultIfEmpty(run.FirstSend).Max();
    }

    private async Task SendAsync(Uri inbound, Run run, int seq, byte[] body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, inbound) { Content = new ByteArrayContent(body) };
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
