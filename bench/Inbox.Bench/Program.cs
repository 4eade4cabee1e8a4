using Inbox.Tests.Live;
using System.Diagnostics;
using System.Globalization;
using Inbox.Bench;

// Inbound benchmark: the real server process (one or two nodes, SQLite or PostgreSQL), an API channel, one live agent;
// N customer messages over HTTP, timed from send to 200 and from send to the agent's MessageReceived; in the same run
// the ceilings: bare Kestrel, bare SignalR broadcast, one commit per message. `sign-in` as the first argument runs the
// sign-in scenario instead (SignInBench), `search` the search latency over a big history (SearchBench), `console-load` the console's first load in Chromium (ConsoleLoadBench), `long-thread` a 10,000-message thread in Chromium (LongThreadBench), `widgets` concurrent website visitors (WidgetBench); `bare` runs the ceilings' server (BareServer). See bench/README.md.
if (args.FirstOrDefault() == "bare") return await BareServer.RunAsync(args[1..]);
var repoRoot = FindRepoRoot();
if (args.FirstOrDefault() == "console-load")
{
    using var loadCts = new CancellationTokenSource();
    return await ConsoleLoadBench.RunAsync(args[1..], repoRoot, loadCts.Token);
}
if (args.FirstOrDefault() == "long-thread")
{
    using var threadCts = new CancellationTokenSource();
    return await LongThreadBench.RunAsync(args[1..], repoRoot, threadCts.Token);
}
if (args.FirstOrDefault() == "widgets")
{
    using var widgetsCts = new CancellationTokenSource();
    return await WidgetBench.RunAsync(args[1..], repoRoot, widgetsCts.Token);
}
if (args.FirstOrDefault() == "search")
{
    using var searchCts = new CancellationTokenSource();
    return await SearchBench.RunAsync(args[1..], repoRoot, searchCts.Token);
}
if (args.FirstOrDefault() == "sign-in")
{
    using var signInCts = new CancellationTokenSource();
    return await SignInBench.RunAsync(args[1..], repoRoot, signInCts.Token);
}
BenchOptions options;
try
{
    options = BenchOptions.Parse(args, repoRoot);
}
catch (UsageException ex)
{
    if (ex.Message.Length > 0) Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var ct = cts.Token;

var stamp = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
var warmup = new Run("w" + stamp, options.Warmup);
var run = new Run("r" + stamp, options.Messages);
var warmupBodies = Load.Bodies(warmup.Tag, warmup.Count, options.Senders, options.TextLength);
var bodies = Load.Bodies(run.Tag, run.Count, options.Senders, options.TextLength);

// Ceilings of the HTTP and live paths, with the same client, bodies and concurrency as the product's run.
Console.WriteLine("Ceilings: bare Kestrel and bare SignalR broadcast");
var bare = await MeasureBareAsync(options, ct);

using var postgres = options.IsPostgres ? BenchPostgres.Start() : null;
using var redis = options.Nodes > 1 ? await BenchRedis.StartAsync() : null;
var environment = new Dictionary<string, string>();
if (postgres is not null)
{
    environment["Inbox:Database:Provider"] = "postgres";
    environment["Inbox:Database:ConnectionString"] = postgres.ConnectionString();
}
if (redis is not null) environment["Inbox:Redis:ConnectionString"] = redis.ConnectionString;

Console.WriteLine($"Starting {options.ServerDll} ({options.Database}, {options.Nodes} node(s))");
var servers = new List<ServerProcess>();
try
{
    // Node A first: it migrates the database and creates the first admin.
    for (var i = 0; i < options.Nodes; i++)
    {
        servers.Add(await ServerProcess.StartAsync(options, ct, environment, servers.FirstOrDefault()?.DataDirectory));
        Console.WriteLine($"Server pid {servers[^1].ProcessId} on {servers[^1].BaseAddress}, data in {servers[^1].DataDirectory}");
    }
    var server = servers[0];
    var setup = await Admin.PrepareAsync(server.BaseAddress, ct);
    await using var agent = await Agent.ConnectAsync(server.BaseAddress, setup.BearerToken, ct);
    // A second agent console on a frozen laptop: connected, then never reads. It must delay neither ingest nor the agent above.
    await using var frozen = options.FrozenClient ? await FrozenHubClient.ConnectAsync(server.BaseAddress, setup.BearerToken) : null;
    using var load = new Load(servers.Select(s => s.BaseAddress).ToList(), setup, options.Concurrency);

    if (warmup.Count > 0)
    {
        Console.WriteLine($"Warm-up: {warmup.Count:N0} messages");
        agent.Follow(warmup);
        await load.RunAsync(warmup, warmupBodies, ct);
        await WaitForPushesAsync(warmup, ct);
    }

    // The ceiling is measured right before and right after the run (the machine is shared: its load drifts); the ratio
    // is taken against the higher of the two.
    Console.WriteLine($"Ceiling before the run: up to {options.CeilingMessages:N0} single-message commits");
    var ceilingBudget = TimeSpan.FromSeconds(options.Quick ? 3 : 10);
    Ceiling.Result MeasureCeiling() => postgres is not null
        ? PostgresCeiling.Measure(postgres.ConnectionString(), options.CeilingMessages, ceilingBudget)
        : Ceiling.Measure(server.DatabasePath, server.DataDirectory, options.CeilingMessages, ceilingBudget);
    var ceilingBefore = MeasureCeiling();

    Console.WriteLine($"Run: {run.Count:N0} messages, concurrency {options.Concurrency}, {options.Senders:N0} senders");
    var serverProcesses = servers.Select(s => Process.GetProcessById(s.ProcessId)).ToList();
    TimeSpan ServerCpu() => serverProcesses.Aggregate(TimeSpan.Zero, (sum, p) => { p.Refresh(); return sum + p.TotalProcessorTime; });
    var serverCpuBefore = ServerCpu();
    var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var machineBefore = MachineLoad.BusyCpu();
    var loadBefore = MachineLoad.LoadAverage();
    var window = Stopwatch.StartNew();
    agent.Follow(run);
    var progress = Task.Run(async () =>
    {
        var last = 0;
        while (!ct.IsCancellationRequested && run.ReceivedDistinct < run.Count)
        {
            await Task.Delay(2000, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            var answered = run.AnsweredAt.Count(t => t != 0);
            if (answered == last && answered == run.Count) break;
            last = answered;
            Console.WriteLine($"  {answered:N0} answered, {run.ReceivedDistinct:N0} pushed to the agent");
        }
    }, ct);
    await load.RunAsync(run, bodies, ct);
    await WaitForPushesAsync(run, ct);
    await progress;

    var serverCpu = ServerCpu() - serverCpuBefore;
    var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore;
    var cpuWindow = window.Elapsed;
    var otherCpu = MachineLoad.BusyCpu() - machineBefore - serverCpu - benchCpu;
    // The frozen client's last pushes wait for its socket: give the server its send timeout (Inbox:Live, 5 s) to drop it.
    int DroppedConnections() => server.Tail(100_000).Split('\n').Count(l => l.Contains("Dropped live connection", StringComparison.Ordinal));
    for (var waited = Stopwatch.StartNew(); frozen is not null && DroppedConnections() == 0 && waited.Elapsed < TimeSpan.FromSeconds(15);) await Task.Delay(200, ct);
    foreach (var s in servers) await s.StopAsync();
    var db = postgres is not null ? PostgresDatabase.Read(postgres.ConnectionString(), run.Tag) : Database.Read(server.DatabasePath, run.Tag);
    var droppedConnections = DroppedConnections();
    Console.WriteLine("Ceiling after the run");
    var ceilingAfter = MeasureCeiling();

    var outcome = Report.Build(new Report.Inputs(options, run, db, agent.OtherMessages, ceilingBefore, ceilingAfter, bare, droppedConnections, serverCpu, benchCpu,
        otherCpu < TimeSpan.Zero ? TimeSpan.Zero : otherCpu, cpuWindow, loadBefore, Report.GitCommit(repoRoot)));
    Directory.CreateDirectory(options.ResultsDirectory);
    var file = Path.Combine(options.ResultsDirectory, DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-inbound.md");
    if (!File.Exists(file)) await File.WriteAllTextAsync(file, "# Inbound benchmark results\n\nWritten by `bench/run.sh`; one section per run, newest last. How to read them: `bench/README.md`.\n\n", ct);
    await File.AppendAllTextAsync(file, outcome.Markdown, ct);
    if (options.SummaryFile is { } summary) await File.AppendAllTextAsync(summary, outcome.SummaryRow + "\n", ct);
    Console.WriteLine();
    Console.WriteLine(outcome.Markdown);
    Console.WriteLine($"Appended to {file}");
    if (!outcome.ChecksPassed) foreach (var s in servers) Console.WriteLine($"Server log: {s.LogPath}\n{s.Tail()}");
    return outcome.ChecksPassed ? 0 : 1;
}
finally
{
    foreach (var s in servers) await s.DisposeAsync();
}

static async Task<Report.BareCeilings> MeasureBareAsync(BenchOptions options, CancellationToken ct)
{
    await using var bare = await BareProcess.StartAsync(ct);
    var count = Math.Min(options.Messages, options.Quick ? 3_000 : 20_000);
    var warm = Load.Bodies("bw", Math.Min(2_000, count), options.Senders, options.TextLength);

    // Bare Kestrel: read the body, answer 200.
    using (var load = new Load(bare.BaseAddress, new Admin.Setup("", BareServer.OkChannel, "bare"), options.Concurrency))
    {
        await load.RunAsync(new Run("bw0", warm.Length), warm, ct);
    }
    var kestrel = new Run("bk", count);
    using (var load = new Load(bare.BaseAddress, new Admin.Setup("", BareServer.OkChannel, "bare"), options.Concurrency))
    {
        await load.RunAsync(kestrel, Load.Bodies(kestrel.Tag, count, options.Senders, options.TextLength), ct);
    }

    // Bare SignalR: the POST broadcasts the message to the hub's clients, then answers 200.
    await using var agent = await Agent.ConnectAsync(bare.BaseAddress, "bare", ct);
    var signalR = new Run("bs", count);
    using (var load = new Load(bare.BaseAddress, new Admin.Setup("", BareServer.PushChannel, "bare"), options.Concurrency))
    {
        await load.RunAsync(new Run("bw1", warm.Length), warm, ct);
        agent.Follow(signalR);
        await load.RunAsync(signalR, Load.Bodies(signalR.Tag, count, options.Senders, options.TextLength), ct);
    }
    await WaitForPushesAsync(signalR, ct);
    return Report.BareCeilings.Of(kestrel, signalR);
}

// Pushes trail the 200s; wait until all arrived, or nothing new arrived for 10 s.
static async Task WaitForPushesAsync(Run run, CancellationToken ct)
{
    var expected = run.Status.Count(s => s == 200);
    var seen = -1;
    var idle = Stopwatch.StartNew();
    while (run.ReceivedDistinct < expected && idle.Elapsed < TimeSpan.FromSeconds(10))
    {
        if (run.ReceivedTotal != seen) { seen = run.ReceivedTotal; idle.Restart(); }
        await Task.Delay(20, ct);
    }
    await Task.Delay(200, ct); // let any duplicate push show itself
}

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Inbox.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
