using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Inbox.Bench;

/// <summary>
/// <c>bench/run.sh console-load</c>: the console's first load in a real browser (Debian's /usr/bin/chromium through
/// Playwright), against the server the README's <c>dotnet run</c> builds (Debug). Per cold run: a fresh browser context
/// (empty HTTP cache, no service worker), navigation to <c>/</c>, time until the sign-in form's email field is rendered
/// by the running .NET app and accepts typing, and the bytes over the wire (CDP <c>encodedDataLength</c>: bodies as sent,
/// compressed, plus headers). Then a repeat load in the same context (HTTP cache and service worker warm). Ceiling: the
/// same number of files of the same sizes, incompressible, fetched by a static page from bare Kestrel (<c>bare</c> mode,
/// <c>/static/</c>): moving the bytes with nothing to start.
/// </summary>
public static class ConsoleLoadBench
{
    public const string Usage = "Usage: bench/run.sh console-load [--runs 5] [--server src/Inbox.Server/bin/Debug/net10.0/Inbox.Server.dll] [--keep-data]";

    public static async Task<int> RunAsync(string[] args, string repoRoot, CancellationToken ct)
    {
        var runs = 5;
        var forwarded = new List<string>();
        var serverDll = Path.Combine(repoRoot, "src", "Inbox.Server", "bin", "Debug", "net10.0", "Inbox.Server.dll");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length: runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--server" when i + 1 < args.Length: serverDll = Path.GetFullPath(args[++i]); break;
                case "--keep-data": forwarded.Add("--keep-data"); break;
                default: Console.Error.WriteLine(Usage); return 2;
            }
        }
        var options = BenchOptions.Parse([.. forwarded, "--server", serverDll], repoRoot);
        await using var server = await ServerProcess.StartAsync(options, ct);
        await using var bare = await BareProcess.StartAsync(ct);
        Console.WriteLine($"Server pid {server.ProcessId} on {server.BaseAddress} ({serverDll}); bare Kestrel on {bare.BaseAddress}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });

        var machineBefore = MachineLoad.BusyCpu();
        var window = Stopwatch.StartNew();
        var cold = new List<Load>();
        var warm = new List<Load>();
        var ceiling = new List<Load>();
        // One discarded round first: the server's JIT and the OS file cache, not the console, would dominate it.
        for (var run = -1; run < runs; run++)
        {
            await using var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            var first = await LoadConsoleAsync(page, server.BaseAddress, reload: false);
            // Let the service worker (if any) install and cache the shell before the repeat load.
            await page.WaitForTimeoutAsync(1500);
            var again = await LoadConsoleAsync(page, server.BaseAddress, reload: true);
            var staticPage = await LoadStaticAsync(browser, bare.BaseAddress, first.Files);
            if (run < 0) continue;
            cold.Add(first);
            warm.Add(again);
            ceiling.Add(staticPage);
            Console.WriteLine($"run {run + 1}: cold {first.Milliseconds:F0} ms / {first.Bytes / 1e6:F2} MB in {first.Files.Count} files; repeat {again.Milliseconds:F0} ms / {again.Bytes / 1e6:F3} MB; static ceiling {staticPage.Milliseconds:F0} ms");
        }
        var busy = MachineLoad.BusyCpu() - machineBefore;
        var elapsed = window.Elapsed;

        var sample = cold[^1];
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Console load {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Report.GitCommit(repoRoot)}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; server `{Path.GetRelativePath(repoRoot, serverDll)}`; {runs} cold loads after one discarded. Machine CPU busy during the runs: {busy.TotalSeconds:F1} s of {elapsed.TotalSeconds * Environment.ProcessorCount:F1} s available (server, bench and browser included).");
        md.AppendLine();
        md.AppendLine("| Load | median ms | min ms | max ms | bytes over the wire | files |");
        md.AppendLine("|---|---|---|---|---|---|");
        Row(md, "Cold: fresh context → sign-in form interactive", cold);
        Row(md, "Repeat: reload in the same context", warm);
        Row(md, "Ceiling: same files and sizes, static page on bare Kestrel", ceiling);
        md.AppendLine();
        var encodings = sample.Files.GroupBy(f => f.Encoding).Select(g => $"{(g.Key.Length == 0 ? "none" : g.Key)}: {g.Count()} files, {g.Sum(f => f.Bytes) / 1e6:F2} MB");
        md.AppendLine(CultureInfo.InvariantCulture, $"Content-Encoding of the last cold load: {string.Join("; ", encodings)}. Largest files:");
        md.AppendLine();
        foreach (var f in sample.Files.OrderByDescending(f => f.Bytes).Take(8))
            md.AppendLine(CultureInfo.InvariantCulture, $"- {f.Bytes / 1024.0:F0} KB `{f.Path}` ({(f.Encoding.Length == 0 ? "identity" : f.Encoding)})");
        md.AppendLine();

        Directory.CreateDirectory(options.ResultsDirectory);
        var file = Path.Combine(options.ResultsDirectory, DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-console-load.md");
        if (!File.Exists(file)) await File.WriteAllTextAsync(file, "# Console load results\n\nWritten by `bench/run.sh console-load`; one section per run, newest last. See `bench/README.md`.\n\n", ct);
        await File.AppendAllTextAsync(file, md.ToString(), ct);
        Console.WriteLine();
        Console.WriteLine(md);
        Console.WriteLine($"Appended to {file}");
        return 0;
    }

    public sealed record FileLoad(string Path, long Bytes, string Encoding);

    public sealed record Load(double Milliseconds, long Bytes, List<FileLoad> Files);

    private static async Task<Load> LoadConsoleAsync(IPage page, Uri baseAddress, bool reload)
    {
        var files = await RecordAsync(page, async () =>
        {
            if (reload) await page.ReloadAsync(new() { WaitUntil = WaitUntilState.Commit });
            else await page.GotoAsync(baseAddress.ToString(), new() { WaitUntil = WaitUntilState.Commit });
            // Rendered by the .NET app in the browser, and typing reaches it: the console is interactive.
            var email = page.Locator(".login-email input");
            await email.FillAsync("someone@inbox.test", new() { Timeout = 60_000 });
        });
        return files;
    }

    private static async Task<Load> LoadStaticAsync(IBrowser browser, Uri bare, List<FileLoad> like)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var sizes = string.Join(",", like.Where(f => f.Path != "/").Select(f => Math.Max(0, f.Bytes - 200)));
        var load = await RecordAsync(page, async () =>
        {
            await page.GotoAsync($"{bare}static/?sizes={sizes}", new() { WaitUntil = WaitUntilState.Commit });
            await page.Locator("#done").WaitForAsync(new() { Timeout = 60_000 });
        });
        return load;
    }

    /// <summary>
    /// Times <paramref name="action"/> from its start and sums what Chromium received for the requests made meanwhile
    /// (CDP Network), including those still arriving when it ends: a file fetched for the load counts whenever it lands.
    /// </summary>
    private static async Task<Load> RecordAsync(IPage page, Func<Task> action)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var urls = new Dictionary<string, (string Url, string Encoding)>();
        var files = new List<FileLoad>();
        var pending = new HashSet<string>();
        var recording = true;
        cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
        {
            if (e is { } json) lock (urls) if (recording) pending.Add(json.GetProperty("requestId").GetString()!);
        };
        cdp.Event("Network.loadingFailed").OnEvent += (_, e) =>
        {
            if (e is { } json) lock (urls) pending.Remove(json.GetProperty("requestId").GetString()!);
        };
        cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            if (e is not { } json) return;
            var response = json.GetProperty("response");
            var encoding = response.GetProperty("headers").EnumerateObject()
                .FirstOrDefault(h => h.Name.Equals("content-encoding", StringComparison.OrdinalIgnoreCase)).Value;
            lock (urls) urls[json.GetProperty("requestId").GetString()!] = (response.GetProperty("url").GetString()!, encoding.ValueKind == JsonValueKind.String ? encoding.GetString()! : "");
        };
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is not { } json) return;
            var id = json.GetProperty("requestId").GetString()!;
            var bytes = (long)json.GetProperty("encodedDataLength").GetDouble();
            lock (urls)
            {
                if (!pending.Remove(id)) return;
                var (url, encoding) = urls.TryGetValue(id, out var u) ? u : ("?", "");
                files.Add(new FileLoad(Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed.AbsolutePath : url, bytes, encoding));
            }
        };
        await cdp.SendAsync("Network.enable");
        var clock = Stopwatch.StartNew();
        await action();
        var ms = clock.Elapsed.TotalMilliseconds;
        lock (urls) recording = false;
        var settle = Stopwatch.StartNew();
        while (settle.Elapsed < TimeSpan.FromSeconds(10))
        {
            lock (urls) if (pending.Count == 0) break;
            await Task.Delay(20);
        }
        await cdp.DetachAsync();
        lock (urls) return new Load(ms, files.Sum(f => f.Bytes), [.. files]);
    }

    private static void Row(StringBuilder md, string name, List<Load> loads)
    {
        var ms = loads.Select(l => l.Milliseconds).Order().ToList();
        var bytes = loads.Select(l => l.Bytes).Order().ToList();
        md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | **{ms[ms.Count / 2]:F0}** | {ms[0]:F0} | {ms[^1]:F0} | {bytes[bytes.Count / 2] / 1e6:F2} MB | {loads[^1].Files.Count} |");
    }
}
