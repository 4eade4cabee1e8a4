using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Inbox.Contracts;
using Microsoft.Playwright;

namespace Inbox.Bench;

/// <summary>
/// <c>bench/run.sh long-thread</c>: a 10,000-message thread in the console (Debian's Chromium through Playwright, the
/// Debug server the README's <c>dotnet run</c> builds). Per run, from the signed-in inbox: time from navigating to the
/// thread until its newest message is painted, then the frame times (requestAnimationFrame deltas) while the thread is
/// scrolled up 60 px a frame, which crosses older pages and the window sliding. Ceiling, in the same run: the same
/// steps on a thread of the same customer text with only 50 messages (one page, no window to move).
/// </summary>
public static class LongThreadBench
{
    public const string Usage = "Usage: bench/run.sh long-thread [--messages 10000] [--runs 5] [--server src/Inbox.Server/bin/Debug/net10.0/Inbox.Server.dll]";

    private const string Newest = "El último, de momento";

    public static async Task<int> RunAsync(string[] args, string repoRoot, CancellationToken ct)
    {
        var runs = 5;
        var messages = 10_000;
        var serverDll = Path.Combine(repoRoot, "src", "Inbox.Server", "bin", "Debug", "net10.0", "Inbox.Server.dll");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length: runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--messages" when i + 1 < args.Length: messages = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--server" when i + 1 < args.Length: serverDll = Path.GetFullPath(args[++i]); break;
                default: Console.Error.WriteLine(Usage); return 2;
            }
        }
        var options = BenchOptions.Parse(["--server", serverDll], repoRoot);
        await using var server = await ServerProcess.StartAsync(options, ct);
        var setup = await Admin.PrepareAsync(server.BaseAddress, ct);
        var seeding = Stopwatch.StartNew();
        var longThread = await SeedThreadAsync(server.BaseAddress, setup, "+34 600 100 000", messages, ct);
        var shortThread = await SeedThreadAsync(server.BaseAddress, setup, "+34 600 200 000", 50, ct);
        Console.WriteLine($"Seeded {messages:N0} + 50 messages in {seeding.Elapsed.TotalSeconds:F1} s; threads {longThread} and {shortThread}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 860 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "/login").ToString());
        await page.Locator(".login-email input").FillAsync(ServerProcess.AdminEmail, new() { Timeout = 60_000 });
        await page.Locator(".login-password input").FillAsync(ServerProcess.AdminPassword);
        await page.Locator(".login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login"), new() { Timeout = 60_000 });

        var machineBefore = MachineLoad.BusyCpu();
        var window = Stopwatch.StartNew();
        var big = new List<Sample>();
        var ceiling = new List<Sample>();
        // One discarded round first (the server's JIT, the browser's first compile of the thread's code).
        for (var run = -1; run < runs; run++)
        {
            var a = await OpenAndScrollAsync(page, longThread);
            var b = await OpenAndScrollAsync(page, shortThread);
            if (run < 0) continue;
            big.Add(a);
            ceiling.Add(b);
            Console.WriteLine($"run {run + 1}: {messages:N0} messages: paint {a.PaintMs:F0} ms, frames p50 {a.FrameP50:F1} / p95 {a.FrameP95:F1} / max {a.FrameMax:F1} ms, rows ≤ {a.MaxRows}, {a.ScrolledPast} messages up; 50 messages: paint {b.PaintMs:F0} ms, frames p50 {b.FrameP50:F1} / p95 {b.FrameP95:F1} / max {b.FrameMax:F1} ms");
        }
        var busy = MachineLoad.BusyCpu() - machineBefore;
        var elapsed = window.Elapsed;

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Long thread {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Report.GitCommit(repoRoot)}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; server `{Path.GetRelativePath(repoRoot, serverDll)}` (SQLite); {runs} runs after one discarded; medians of the runs. Machine CPU busy during the runs: {busy.TotalSeconds:F1} s of {elapsed.TotalSeconds * Environment.ProcessorCount:F1} s available (server, bench and browser included).");
        md.AppendLine();
        md.AppendLine("| Thread | open → newest painted ms | scroll frame p50 ms | p95 ms | max ms | message rows in the DOM (max) | messages scrolled up through |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        Row(md, $"{messages:N0} messages", big);
        Row(md, "ceiling: 50 messages", ceiling);
        md.AppendLine();

        Directory.CreateDirectory(options.ResultsDirectory);
        var file = Path.Combine(options.ResultsDirectory, DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-long-thread.md");
        if (!File.Exists(file)) await File.WriteAllTextAsync(file, "# Long thread results\n\nWritten by `bench/run.sh long-thread`; one section per run, newest last. See `bench/README.md`.\n\n", ct);
        await File.AppendAllTextAsync(file, md.ToString(), ct);
        Console.WriteLine();
        Console.WriteLine(md);
        Console.WriteLine($"Appended to {file}");
        return 0;
    }

    private sealed record Sample(double PaintMs, double FrameP50, double FrameP95, double FrameMax, int MaxRows, int ScrolledPast);

    /// <summary>One customer's thread of <paramref name="count"/> messages, 32 in flight; the last one is <see cref="Newest"/>.</summary>
    private static async Task<long> SeedThreadAsync(Uri baseAddress, Admin.Setup setup, string phone, int count, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        async Task<ApiInboundAccepted> SendAsync(string id, string text, CancellationToken token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Routes.ChannelInbound(setup.ChannelId))
            {
                Content = JsonContent.Create(new ApiInboundMessage(id, new ApiSender(phone, "phone", "Cliente Largo"), text, null)),
            };
            request.Headers.Add(Routes.ChannelTokenHeader, setup.InboundToken);
            using var response = await http.SendAsync(request, token);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<ApiInboundAccepted>(token))!;
        }
        var first = await SendAsync($"{phone}-0", "Hola, tengo una pregunta sobre mi pedido", ct);
        await Parallel.ForEachAsync(Enumerable.Range(1, count - 2), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct },
            async (i, token) => await SendAsync($"{phone}-{i}", $"Mensaje número {i}: el pedido sigue sin llegar y quería saber cuándo lo enviarán", token));
        await SendAsync($"{phone}-last", Newest, ct);
        return first.ConversationId;
    }

    /// <summary>From the inbox, opens the thread in the running app (no page load) and times it until the newest message
    /// is painted; then scrolls it up 60 px a frame for 300 frames and takes the frame times.</summary>
    private static async Task<Sample> OpenAndScrollAsync(IPage page, long conversationId)
    {
        await page.EvaluateAsync("() => Blazor.navigateTo('/')");
        await page.Locator(".inbox-empty").WaitForAsync(new() { Timeout = 30_000 });
        var json = await page.EvaluateAsync<JsonElement>("""
            async ([id, newest]) => {
              const frame = () => new Promise(r => requestAnimationFrame(r));
              const t0 = performance.now();
              Blazor.navigateTo('/conversations/' + id);
              for (;;) {
                await frame();
                const rows = document.querySelectorAll('.message-row');
                if (rows.length && rows[rows.length - 1].textContent.includes(newest)) break;
                if (performance.now() - t0 > 60000) throw new Error('the thread did not open');
              }
              await frame(); // the frame with the message in it has been produced
              const paint = performance.now() - t0;
              const shown = document.querySelectorAll('.message-row');
              const newestId = Number(shown[shown.length - 1].dataset.messageId);
              const s = document.querySelector('.message-scroll');
              const deltas = [];
              const firstRow = () => Number(document.querySelector('.message-row').dataset.messageId);
              const top = firstRow();
              let maxRows = 0, oldest = top, last = await frame();
              for (let i = 0; i < 300; i++) {
                s.scrollTop -= 60;
                const now = await frame();
                deltas.push(now - last);
                last = now;
                maxRows = Math.max(maxRows, document.querySelectorAll('.message-row').length);
                oldest = Math.min(oldest, firstRow());
              }
              return { paint, deltas, maxRows, scrolledPast: newestId - oldest };
            }
            """, new object[] { conversationId, Newest });
        var deltas = json.GetProperty("deltas").EnumerateArray().Select(d => d.GetDouble()).Order().ToList();
        return new Sample(json.GetProperty("paint").GetDouble(), deltas[deltas.Count / 2], deltas[(int)(deltas.Count * 0.95)], deltas[^1], json.GetProperty("maxRows").GetInt32(), json.GetProperty("scrolledPast").GetInt32());
    }

    private static void Row(StringBuilder md, string name, List<Sample> samples)
    {
        static double Median(IEnumerable<double> values) { var v = values.Order().ToList(); return v[v.Count / 2]; }
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | **{Median(samples.Select(s => s.PaintMs)):F0}** | {Median(samples.Select(s => s.FrameP50)):F1} | {Median(samples.Select(s => s.FrameP95)):F1} | {Median(samples.Select(s => s.FrameMax)):F1} | {samples.Max(s => s.MaxRows)} | {Median(samples.Select(s => (double)s.ScrolledPast)):F0} |");
    }
}
