using Inbox.Tests.Live;
using System.Diagnostics;
using System.Globalization;
using Inbox.Bench;

// Inbound benchmark: the real server process, an API channel, one live agent; N customer messages over HTTP,
// timed from send to 200 and from send to the agent's MessageReceived. `sign-in` as the first argument runs the
// sign-in scenario instead (SignInBench). See bench/README.md.
var repoRoot = FindRepoRoot();
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

Console.WriteLine($"Starting {options.ServerDll}");
await using var server = await ServerProcess.StartAsync(options, ct);
Console.WriteLine($"Server pid {server.ProcessId} on {server.BaseAddress}, data in {server.DataDirectory}");
var setup = await Admin.PrepareAsync(server.BaseAddress, ct);
await using var agent = await Agent.ConnectAsync(server.BaseAddress, setup.BearerToken, ct);
// A second agent console on a frozen laptop: connected, then never reads. It must delay neither ingest nor the agent above.
await using var frozen = options.FrozenClient ? await FrozenHubClient.ConnectAsync(server.BaseAddress, setup.BearerToken) : null;
using var load = new Load(server.BaseAddress, setup, options.Concurrency);

if (warmup.Count > 0)
{
    Console.WriteLine($"Warm-up: {warmup.Count:N0} messages");
    agent.Follow(warmup);
    await load.RunAsync(warmup, warmupBodies, ct);
    await WaitForPushesAsync(warmup, ct);
}

// The ceiling is measured right before and right after the run (the machine is shared: its load drifts); the ratio
// is taken against the higher of the two.
Console.WriteLine($"Ceiling before the run: up to {options.CeilingMessages:N0} single-message commits into a copy of the database");
var ceilingBudget = TimeSpan.FromSeconds(options.Quick ? 3 : 10);
var ceilingBefore = Ceiling.Measure(server.DatabasePath, server.DataDirectory, options.CeilingMessages, ceilingBudget);

Console.WriteLine($"Run: {run.Count:N0} messages, concurrency {options.Concurrency}, {options.Senders:N0} senders");
var serverProcess = Process.GetProcessById(server.ProcessId);
var serverCpuBefore = serverProcess.TotalProcessorTime;
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

serverProcess.Refresh();
var serverCpu = serverProcess.TotalProcessorTime - serverCpuBefore;
var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore;
var cpuWindow = window.Elapsed;
var otherCpu = MachineLoad.BusyCpu() - machineBefore - serverCpu - benchCpu;
// The frozen client's last pushes wait for its socket: give the server its send timeout (Inbox:Live, 5 s) to drop it.
int DroppedConnections() => server.Tail(100_000).Split('\n').Count(l => l.Contains("Dropped live connection", StringComparison.Ordinal));
for (var waited = Stopwatch.StartNew(); frozen is not null && DroppedConnections() == 0 && waited.Elapsed < TimeSpan.FromSeconds(15);) await Task.Delay(200, ct);
await server.StopAsync();
var db = Database.Read(server.DatabasePath, run.Tag);
var droppedConnections = DroppedConnections();
Console.WriteLine("Ceiling after the run");
var ceilingAfter = Ceiling.Measure(server.DatabasePath, server.DataDirectory, options.CeilingMessages, ceilingBudget);

var outcome = Report.Build(new Report.Inputs(options, run, db, agent.OtherMessages, ceilingBefore, ceilingAfter, droppedConnections, serverCpu, benchCpu, otherCpu < TimeSpan.Zero ? TimeSpan.Zero : otherCpu, cpuWindow, loadBefore, Report.GitCommit(repoRoot)));
Directory.CreateDirectory(options.ResultsDirectory);
var file = Path.Combine(options.ResultsDirectory, DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-inbound.md");
if (!File.Exists(file)) await File.WriteAllTextAsync(file, "# Inbound benchmark results\n\nWritten by `bench/run.sh`; one section per run, newest last. How to read them: `bench/README.md`.\n\n", ct);
await File.AppendAllTextAsync(file, outcome.Markdown, ct);
Console.WriteLine();
Console.WriteLine(outcome.Markdown);
Console.WriteLine($"Appended to {file}");
if (!outcome.ChecksPassed) Console.WriteLine($"Server log: {server.LogPath}\n{server.Tail()}");
return outcome.ChecksPassed ? 0 : 1;

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
