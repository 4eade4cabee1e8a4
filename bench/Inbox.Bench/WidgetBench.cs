using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Inbox.Contracts;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Bench;

/// <summary>
/// <c>bench/run.sh widgets</c>: how many website visitors one server holds live. N visitors each start a session over
/// HTTP and open the widget's hub (WebSockets, negotiated like the browser, then <c>Start</c>); the server's resident
/// memory before and after gives the cost per connection; with all N connected, an agent starts the chat with a sample
/// of them (the proactive invitation: stored, then pushed to that visitor's connection) and the time from the agent's
/// POST to the widget's <c>Invitation</c> is the latency. The ceiling, in the same run: N connections to a bare SignalR
/// hub (<see cref="BareServer"/>) and a POST that sends to one of them.
/// </summary>
public static class WidgetBench
{
    public const string Usage = "Usage: bench/run.sh widgets [--connections 10000] [--samples 200] [--keep-data] [--results DIR]";
    private const string Origin = "https://bench.shop.test";
    private const int Parallelism = 64;

    public static async Task<int> RunAsync(string[] args, string repoRoot, CancellationToken ct)
    {
        var connections = 10_000;
        var samples = 200;
        var passed = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--connections" when i + 1 < args.Length: connections = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--samples" when i + 1 < args.Length: samples = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep-data": passed.Add(args[i]); break;
                case "--results" when i + 1 < args.Length: passed.AddRange([args[i], args[++i]]); break;
                default: Console.Error.WriteLine(Usage); return 2;
            }
        }
        samples = Math.Min(samples, connections);
        var options = BenchOptions.Parse([.. passed], repoRoot);
        var machineBefore = MachineLoad.BusyCpu();
        var window = Stopwatch.StartNew();

        Held ceiling;
        await using (var bare = await BareProcess.StartAsync(ct))
            ceiling = await HoldBareAsync(bare, connections, samples, ct);
        Console.WriteLine($"Ceiling: {ceiling.Connected} bare connections, {ceiling.BytesPerConnection / 1024.0:F1} KB each");

        Held widget;
        // The widget's per-address limit (10 requests/s) would refuse one machine playing ten thousand visitors.
        // Each visitor's negotiate request leaves an idle keep-alive socket behind (as a browser's does) until Kestrel
        // closes it, 130 s by default: at 10,000 visitors that doubles the descriptors, and this sandbox allows 20,000.
        var environment = new Dictionary<string, string>
        {
            ["Inbox__Widget__PermitsPerSecond"] = "10000", ["Inbox__Widget__Demo"] = "false", ["Kestrel__Limits__KeepAliveTimeout"] = "00:00:02",
        };
        await using (var server = await ServerProcess.StartAsync(options, ct, environment))
        {
            Console.WriteLine($"Server pid {server.ProcessId} on {server.BaseAddress}");
            widget = await HoldWidgetsAsync(server, connections, samples, ct);
            await server.StopAsync();
        }
        var busy = MachineLoad.BusyCpu() - machineBefore;
        var elapsed = window.Elapsed;

        var checks = new List<(bool Pass, string What)>
        {
            (widget.Connected == connections, $"{widget.Connected} of {connections} visitors connected and started"),
            (widget.ListedLive == connections, $"the agents' live visitors list shows {widget.ListedLive} of {connections}"),
            (widget.Latencies.Count == samples, $"{widget.Latencies.Count} of {samples} invitations reached their visitor"),
            (widget.Misdelivered == 0, $"{widget.Misdelivered} invitations reached a visitor they were not for"),
        };

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Widget connections {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Report.GitCommit(repoRoot)}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; {connections:N0} connections over WebSockets from one client process, {Parallelism} opening at a time; {samples} messages sent one at a time while all are connected. Machine CPU busy during the run: {busy.TotalSeconds:F1} s of {elapsed.TotalSeconds * Environment.ProcessorCount:F1} s available (servers, bench and everything else).");
        md.AppendLine();
        md.AppendLine("| Server | connected | time to connect all | resident memory before → after | per connection | send → received p50 / p99 / max |");
        md.AppendLine("|---|---|---|---|---|---|");
        md.AppendLine(Row("Inbox: widget session + `/hubs/widget` + Start; proactive invitation", widget));
        md.AppendLine(Row("ceiling: bare SignalR hub; POST that sends to one connection", ceiling));
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"**Memory per connection ÷ ceiling: {widget.BytesPerConnection / ceiling.BytesPerConnection:F2}×; latency p99 ÷ ceiling: {Pct(widget.Latencies, 99) / Pct(ceiling.Latencies, 99):F2}×.**");
        md.AppendLine();
        md.AppendLine("Checks:");
        foreach (var (pass, what) in checks) md.AppendLine(CultureInfo.InvariantCulture, $"- {(pass ? "PASS" : "FAIL")} {what}");
        md.AppendLine();

        Directory.CreateDirectory(options.ResultsDirectory);
        var file = Path.Combine(options.ResultsDirectory, DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-widgets.md");
        if (!File.Exists(file)) await File.WriteAllTextAsync(file, "# Widget connection results\n\nWritten by `bench/run.sh widgets`; one section per run, newest last. See `bench/README.md`.\n\n", ct);
        await File.AppendAllTextAsync(file, md.ToString(), ct);
        Console.WriteLine();
        Console.WriteLine(md);
        Console.WriteLine($"Appended to {file}");
        return checks.All(c => c.Pass) ? 0 : 1;
    }

    private sealed record Held(int Connected, TimeSpan ConnectTime, long RssBefore, long RssAfter, List<double> Latencies, int ListedLive, int Misdelivered)
    {
        public double BytesPerConnection => Connected == 0 ? 0 : (RssAfter - RssBefore) / (double)Connected;
    }

    private static async Task<Held> HoldBareAsync(BareProcess bare, int n, int samples, CancellationToken ct)
    {
        var arrivals = new ConcurrentDictionary<string, TaskCompletionSource<long>>();
        var hubs = new ConcurrentBag<HubConnection>();
        await Settle(ct);
        var before = Rss(bare.ProcessId);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (_, token) =>
        {
            var hub = new HubConnectionBuilder().WithUrl(new Uri(bare.BaseAddress, Routes.AgentHub), o => o.Transports = HttpTransportType.WebSockets).Build();
            hub.On<string>(nameof(IWidgetClient.Invitation), text =>
            {
                if (arrivals.TryGetValue(text, out var arrived)) arrived.TrySetResult(Stopwatch.GetTimestamp());
            });
            await hub.StartAsync(token);
            hubs.Add(hub);
        });
        var connectTime = clock.Elapsed;
        await Settle(ct);
        var after = Rss(bare.ProcessId);

        using var http = new HttpClient { BaseAddress = bare.BaseAddress };
        var latencies = new List<double>();
        foreach (var hub in hubs.Take(samples))
        {
            var text = Guid.NewGuid().ToString("N");
            var arrived = arrivals[text] = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var sent = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync($"/api/bare/clients/{hub.ConnectionId}", text, ct);
            response.EnsureSuccessStatusCode();
            latencies.Add(Stopwatch.GetElapsedTime(sent, await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30), ct)).TotalMilliseconds);
        }
        await Parallel.ForEachAsync(hubs, ct, async (hub, _) => await hub.DisposeAsync());
        return new Held(hubs.Count, connectTime, before, after, latencies, hubs.Count, 0);
    }

    private static async Task<Held> HoldWidgetsAsync(ServerProcess server, int n, int samples, CancellationToken ct)
    {
        var setup = await Admin.PrepareAsync(server.BaseAddress, ct);
        using var agent = new HttpClient { BaseAddress = server.BaseAddress };
        agent.DefaultRequestHeaders.Authorization = new("Bearer", setup.BearerToken);
        var created = await Json<ChannelCreatedDto>(await agent.PostAsJsonAsync(Routes.Channels, new CreateChannelRequest(ChannelTypes.WebChat, "Bench shop",
            new() { ["allowedOrigins"] = Origin, ["greeting"] = "Hola" }, null), ct), ct);
        var key = (await agent.GetFromJsonAsync<WidgetSnippetDto>(WidgetRoutes.Snippet(created.Channel.Id), ct))!.Key;

        // Sessions first (a visitor's first HTTP call), so the memory measured below is the live connections' alone.
        using var site = new HttpClient { BaseAddress = server.BaseAddress };
        site.DefaultRequestHeaders.Add("Origin", Origin);
        var sessions = new ConcurrentBag<WidgetSessionDto>();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (_, token) =>
            sessions.Add(await Json<WidgetSessionDto>(await site.PostAsJsonAsync(WidgetRoutes.Sessions(key), new WidgetSessionRequest(null), token), token)));

        var arrivals = new ConcurrentDictionary<string, (string VisitorId, TaskCompletionSource<long> Arrived)>();
        var misdelivered = 0;
        var refused = 0;
        var connectedVisitors = new ConcurrentDictionary<string, bool>();
        var hubs = new ConcurrentBag<HubConnection>();
        await Settle(ct);
        var before = Rss(server.ProcessId);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (session, token) =>
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(server.BaseAddress, $"{WidgetRoutes.Hub}?channel={key}"), o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.Headers["Origin"] = Origin;
                })
                .Build();
            hub.On<WidgetMessageDto>(nameof(IWidgetClient.Invitation), message =>
            {
                if (!arrivals.TryGetValue(message.Text, out var expected)) return;
                if (expected.VisitorId == session.VisitorId) expected.Arrived.TrySetResult(Stopwatch.GetTimestamp());
                else Interlocked.Increment(ref misdelivered);
            });
            try
            {
                await hub.StartAsync(token);
                await hub.InvokeAsync<IReadOnlyList<WidgetMessageDto>>(nameof(IWidgetHub.Start), session.Token, 0L,
                    new PageViewDto($"{Origin}/sofas/{session.VisitorId[..6]}", "Sofás", null), token);
                hubs.Add(hub);
                connectedVisitors[session.VisitorId] = true;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or HubException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
            {
                // What the machine cannot hold is the result, not a crash: counted and the first reason shown.
                if (Interlocked.Increment(ref refused) == 1) Console.Error.WriteLine($"A visitor could not connect ({hubs.Count} connected): {ex.GetBaseException().Message}");
                await hub.DisposeAsync();
            }
        });
        var connectTime = clock.Elapsed;
        await Settle(ct);
        var after = Rss(server.ProcessId);
        var listed = (await agent.GetFromJsonAsync<List<LiveVisitorDto>>(WidgetRoutes.LiveVisitors, ct))!.Count(v => v.ChannelId == created.Channel.Id);

        var latencies = new List<double>();
        foreach (var session in sessions.Where(s => connectedVisitors.ContainsKey(s.VisitorId)).Take(samples))
        {
            var text = $"¿Te ayudo con el sofá? {Guid.NewGuid():N}";
            var arrived = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            arrivals[text] = (session.VisitorId, arrived);
            var sent = Stopwatch.GetTimestamp();
            using var response = await agent.PostAsJsonAsync(WidgetRoutes.Invite(session.VisitorId), new InviteVisitorRequest(text), ct);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"invite: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            try
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent, await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30), ct)).TotalMilliseconds);
            }
            catch (TimeoutException)
            {
                Console.Error.WriteLine($"An invitation did not reach visitor {session.VisitorId[..6]} within 30 s.");
            }
        }
        await Parallel.ForEachAsync(hubs, ct, async (hub, _) => await hub.DisposeAsync());
        return new Held(hubs.Count, connectTime, before, after, latencies, listed, misdelivered);
    }

    private static async Task<T> Json<T>(HttpResponseMessage response, CancellationToken ct)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            return (await response.Content.ReadFromJsonAsync<T>(ct))!;
        }
    }

    // Lets the server's allocations of the phase just ended settle (its GC runs on its own; no way to force it from here).
    private static Task Settle(CancellationToken ct) => Task.Delay(TimeSpan.FromSeconds(5), ct);

    /// <summary>Resident set size of a process, in bytes (/proc/{pid}/status VmRSS).</summary>
    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Row(string name, Held held) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {held.Connected:N0} | {held.ConnectTime.TotalSeconds:F1} s | {held.RssBefore / 1048576.0:F0} → {held.RssAfter / 1048576.0:F0} MB | {held.BytesPerConnection / 1024.0:F1} KB | {Pct(held.Latencies, 50):F1} / {Pct(held.Latencies, 99):F1} / {(held.Latencies.Count == 0 ? double.NaN : held.Latencies.Max()):F1} ms |");

    private static double Pct(List<double> values, int percentile)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
