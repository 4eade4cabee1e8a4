using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Inbox.Contracts;

namespace Inbox.Bench;

/// <summary>
/// <c>bench/run.sh sign-in</c>: (1) does a sign-in's answer time tell whether an email has an account? Unknown emails,
/// known emails with a wrong password and right sign-ins, interleaved, one at a time, each from its own client address
/// (X-Forwarded-For from loopback, which the server trusts) so the throttle stays out of the way. (2) What the
/// per-request session read costs: GET /api/auth/me with a cookie and with an API token, beside /health/live (no
/// authentication, no database: the cheapest request the server answers) as the ceiling.
/// </summary>
public static class SignInBench
{
    public const string Usage = "Usage: bench/run.sh sign-in [--rounds 300] [--requests 3000] [--keep-data]";

    public static async Task<int> RunAsync(string[] args, string repoRoot, CancellationToken ct)
    {
        var rounds = 300;
        var requests = 3000;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds" when i + 1 < args.Length: rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--requests" when i + 1 < args.Length: requests = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep-data": keep = true; break;
                default: Console.Error.WriteLine(Usage); return 2;
            }
        }
        var options = BenchOptions.Parse(keep ? ["--keep-data"] : [], repoRoot);
        await using var server = await ServerProcess.StartAsync(options, ct);
        Console.WriteLine($"Server pid {server.ProcessId} on {server.BaseAddress}");
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server.BaseAddress };
        var machineBefore = MachineLoad.BusyCpu();
        var window = Stopwatch.StartNew();

        // 1. Sign-in timing.
        var kinds = new[] { "unknown email", "known email, wrong password", "known email, right password" };
        var timings = kinds.ToDictionary(k => k, _ => new List<double>());
        var address = 0;
        var random = new Random(15);
        for (var round = -20; round < rounds; round++)
        {
            foreach (var kind in kinds.OrderBy(_ => random.Next()))
            {
                var (email, password) = kind switch
                {
                    "unknown email" => ($"nobody{round + 100}@inbox.test", "bench-wrong-password"),
                    "known email, wrong password" => (ServerProcess.AdminEmail, "bench-wrong-password"),
                    _ => (ServerProcess.AdminEmail, ServerProcess.AdminPassword),
                };
                using var request = new HttpRequestMessage(HttpMethod.Post, Routes.Login) { Content = JsonContent.Create(new LoginRequest(email, password)) };
                address++;
                request.Headers.Add("X-Forwarded-For", $"10.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");
                var clock = Stopwatch.StartNew();
                using var response = await http.SendAsync(request, ct);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                var expected = kind.EndsWith("right password", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
                if (response.StatusCode != expected) throw new InvalidOperationException($"{kind}: expected {expected}, got {(int)response.StatusCode}");
                if (round >= 0) timings[kind].Add(elapsed);
            }
        }

        // 2. The per-request session read: the same authenticated endpoint by cookie and by token, and the ceiling.
        var setup = await SignInAsync(http, ct);
        var paths = new (string Name, Func<HttpRequestMessage> Make)[]
        {
            ("GET /health/live (no auth, no database)", () => new HttpRequestMessage(HttpMethod.Get, "/health/live")),
            ("GET /api/auth/me by cookie (session read + user + teams)", () => WithHeader(new HttpRequestMessage(HttpMethod.Get, Routes.Me), "Cookie", setup.Cookie)),
            ("GET /api/auth/me by API token (token read + user + teams)", () => WithHeader(new HttpRequestMessage(HttpMethod.Get, Routes.Me), "Authorization", "Bearer " + setup.Token)),
        };
        var perRequest = paths.ToDictionary(p => p.Name, _ => new List<double>());
        for (var i = -500; i < requests; i++)
        {
            foreach (var (name, make) in paths)
            {
                using var request = make();
                var clock = Stopwatch.StartNew();
                using var response = await http.SendAsync(request, ct);
                var elapsed = clock.Elapsed.TotalMicroseconds;
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{name}: {(int)response.StatusCode}");
                if (i >= 0) perRequest[name].Add(elapsed);
            }
        }
        var otherCpu = MachineLoad.BusyCpu() - machineBefore;
        var elapsedWindow = window.Elapsed;
        await server.StopAsync();

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Sign-in {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Report.GitCommit(repoRoot)}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; {rounds} rounds of the three sign-ins in random order, one at a time, after 20 warm-up rounds. Machine CPU busy during the run: {otherCpu.TotalSeconds:F1} s of {elapsedWindow.TotalSeconds * Environment.ProcessorCount:F1} s available (server and bench included).");
        md.AppendLine();
        md.AppendLine("| Sign-in | median ms | p10 ms | p90 ms |");
        md.AppendLine("|---|---|---|---|");
        foreach (var kind in kinds)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {Pct(timings[kind], 50):F1} | {Pct(timings[kind], 10):F1} | {Pct(timings[kind], 90):F1} |");
        var unknown = Pct(timings[kinds[0]], 50);
        var known = Pct(timings[kinds[1]], 50);
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"**Unknown ÷ known email (wrong password), medians: {unknown / known:F3}** ({unknown - known:+0.0;-0.0} ms). The known email is the reference measured in the same run.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Per request, {requests} of each interleaved, one at a time, after 500 warm-up:");
        md.AppendLine();
        md.AppendLine("| Request | median µs | p99 µs | ÷ ceiling (median) |");
        md.AppendLine("|---|---|---|---|");
        var ceiling = Pct(perRequest[paths[0].Name], 50);
        foreach (var (name, _) in paths)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Pct(perRequest[name], 50):F0} | {Pct(perRequest[name], 99):F0} | {Pct(perRequest[name], 50) / ceiling:F2} |");
        md.AppendLine();

        Directory.CreateDirectory(options.ResultsDirectory);
        var file = Path.Combine(options.ResultsDirectory, DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-sign-in.md");
        if (!File.Exists(file)) await File.WriteAllTextAsync(file, "# Sign-in benchmark results\n\nWritten by `bench/run.sh sign-in`; one section per run, newest last. See `bench/README.md`.\n\n", ct);
        await File.AppendAllTextAsync(file, md.ToString(), ct);
        Console.WriteLine();
        Console.WriteLine(md);
        Console.WriteLine($"Appended to {file}");
        return 0;
    }

    private static async Task<(string Cookie, string Token)> SignInAsync(HttpClient http, CancellationToken ct)
    {
        using var login = new HttpRequestMessage(HttpMethod.Post, Routes.Login) { Content = JsonContent.Create(new LoginRequest(ServerProcess.AdminEmail, ServerProcess.AdminPassword)) };
        login.Headers.Add("X-Forwarded-For", "10.255.0.1");
        using var signedIn = await http.SendAsync(login, ct);
        signedIn.EnsureSuccessStatusCode();
        var auth = signedIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("inbox.auth=", StringComparison.Ordinal)).Split(';')[0];
        using var ask = WithHeader(new HttpRequestMessage(HttpMethod.Get, Routes.Antiforgery), "Cookie", auth);
        using var answer = await http.SendAsync(ask, ct);
        var antiforgery = (await answer.Content.ReadFromJsonAsync<AntiforgeryTokenDto>(ct))!;
        var xsrf = answer.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("inbox.xsrf=", StringComparison.Ordinal)).Split(';')[0];
        using var mint = WithHeader(new HttpRequestMessage(HttpMethod.Post, Routes.Tokens) { Content = JsonContent.Create(new CreateApiTokenRequest("bench")) }, "Cookie", $"{auth}; {xsrf}");
        mint.Headers.Add(antiforgery.HeaderName, antiforgery.Token);
        using var minted = await http.SendAsync(mint, ct);
        minted.EnsureSuccessStatusCode();
        return (auth, (await minted.Content.ReadFromJsonAsync<ApiTokenCreatedDto>(ct))!.Secret);
    }

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static double Pct(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
