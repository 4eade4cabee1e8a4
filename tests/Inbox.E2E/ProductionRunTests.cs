using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Inbox.Contracts;

namespace Inbox.E2E;

/// <summary>
/// README's "Run in production", followed: <c>dotnet publish -c Release</c>, then the published server started the way
/// deploy/inbox.service starts it (its ExecStart and Environment lines; only the folders and the port differ). It serves
/// the console, keeps its data where the unit says, and the first admin from the environment file signs in.
/// </summary>
public sealed class ProductionRunTests
{
    [Fact]
    public async Task The_published_output_started_as_the_systemd_unit_says_serves_the_console_and_signs_in()
    {
        var root = ServerProcess.RepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), "inbox-e2e", "production-" + Guid.NewGuid().ToString("N"));
        var published = Path.Combine(work, "opt-inbox");
        var data = Path.Combine(work, "var-lib-inbox");
        try
        {
            await PublishAsync(root, published);
            var unit = await File.ReadAllLinesAsync(Path.Combine(root, "deploy", "inbox.service"));
            var execStart = Assert.Single(unit, l => l.StartsWith("ExecStart=", StringComparison.Ordinal));
            var dll = Regex.Match(execStart, @"^ExecStart=/usr/bin/dotnet (\S+\.dll) --urls http://127\.0\.0\.1:\d+$").Groups[1].Value;
            Assert.Equal("/opt/inbox/Inbox.Server.dll", dll);
            Assert.Contains("WorkingDirectory=/opt/inbox", unit);
            var environment = unit.Where(l => l.StartsWith("Environment=", StringComparison.Ordinal))
                .Select(l => l["Environment=".Length..].Split('=', 2))
                .ToDictionary(kv => kv[0], kv => kv[1].Replace("/var/lib/inbox", data, StringComparison.Ordinal));
            Assert.Equal(data, environment["Inbox__DataDirectory"]);
            // What deploy/inbox.env.example puts in /etc/inbox/inbox.env.
            var envFile = (await File.ReadAllLinesAsync(Path.Combine(root, "deploy", "inbox.env.example")))
                .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
            foreach (var (key, value) in envFile) environment[key] = value;

            await using var server = await ServerProcess.StartAsync(configuredAdmin: false, environment: environment, dataDirectory: published,
                serverDll: dll.Replace("/opt/inbox", published, StringComparison.Ordinal));

            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            var index = await http.GetStringAsync("/");
            Assert.Contains("_framework/blazor.webassembly", index);
            using var blazor = await http.GetAsync(Regex.Match(index, "src=\"(_framework/blazor\\.webassembly[^\"]*)\"").Groups[1].Value);
            Assert.Equal(HttpStatusCode.OK, blazor.StatusCode);
            // The published service worker caches the app shell listed by the publish, and nothing of the API.
            var worker = await http.GetStringAsync("/service-worker.js");
            Assert.Contains("importScripts('./service-worker-assets.js')", worker);
            var assets = await http.GetStringAsync("/service-worker-assets.js");
            Assert.Contains("\"url\": \"_framework/blazor.webassembly.js\"", assets);
            Assert.DoesNotContain("\"url\": \"api/", assets);
            var signedIn = await http.PostAsJsonAsync(Routes.Login, new LoginRequest(envFile["Inbox__Admin__Email"], envFile["Inbox__Admin__Password"]));
            signedIn.EnsureSuccessStatusCode();
            Assert.Equal(Roles.Admin, (await signedIn.Content.ReadFromJsonAsync<UserDto>())!.Role);
            Assert.True(File.Exists(Path.Combine(data, "inbox.db")), "the database lives in the unit's data directory");
            Assert.True(Directory.Exists(Path.Combine(data, "keys")), "the keys live in the unit's data directory");
            Assert.False(Directory.Exists(Path.Combine(published, "data")), "nothing is written into the program folder");
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task PublishAsync(string root, string output)
    {
        var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(root, "src", "Inbox.Server"), "-c", "Release", "--no-build", "-o", output, "-nologo", "-clp:ErrorsOnly"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await stdout}\n{await stderr}");
    }
}
