using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Inbox.Contracts;

namespace Inbox.E2E;

/// <summary>A new user following README.md: start the server, read the one-time password, sign in.</summary>
public sealed class FirstRunTests
{
    [Fact]
    public async Task A_first_start_creates_the_data_folder_and_prints_a_one_time_admin_password_that_signs_in()
    {
        await using var server = await ServerProcess.StartAsync(configuredAdmin: false);

        var password = await WaitForPasswordAsync(server);
        Assert.True(File.Exists(Path.Combine(server.DataDirectory, "data", "inbox.db")), "the database is created under ./data");
        Assert.True(Directory.Exists(Path.Combine(server.DataDirectory, "data", "keys")), "encryption keys are kept under ./data/keys");

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var wrong = await http.PostAsJsonAsync(Routes.Login, new LoginRequest("admin@inbox.local", password + "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var signedIn = await http.PostAsJsonAsync(Routes.Login, new LoginRequest("admin@inbox.local", password));
        signedIn.EnsureSuccessStatusCode();
        var me = await signedIn.Content.ReadFromJsonAsync<UserDto>();
        Assert.Equal(Roles.Admin, me!.Role);
        Assert.Single(server.Output, line => line.Contains("password:", StringComparison.Ordinal));
    }

    private static async Task<string> WaitForPasswordAsync(ServerProcess server)
    {
        for (var i = 0; i < 100; i++)
        {
            var line = server.Output.FirstOrDefault(l => l.Contains("password:", StringComparison.Ordinal));
            if (line is not null) return Regex.Match(line, @"password:\s+(\S+)").Groups[1].Value;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("No one-time password was printed. Output:\n" + string.Join('\n', server.Output));
    }
}
