using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Data;

/// <summary>What a load balancer asks before sending traffic.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Live_and_ready_answer_healthy_without_signing_in()
    {
        await using var app = new InboxAppFactory();
        var anonymous = app.CreateClient();

        var live = await anonymous.GetAsync("/health/live");
        var ready = await anonymous.GetAsync("/health/ready");

        Assert.Equal("Healthy", await live.EnsureSuccessOrDump().Content.ReadAsStringAsync());
        Assert.Equal("Healthy", await ready.EnsureSuccessOrDump().Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_reports_unhealthy_when_the_database_is_gone()
    {
        await using var app = new InboxAppFactory();
        var anonymous = app.CreateClient();
        (await anonymous.GetAsync("/health/ready")).EnsureSuccessOrDump();

        // Someone deletes the database under a running server: whatever SQLite recreates has no schema.
        if (TestPostgres.Enabled) TestPostgres.Drop(app.DataDirectory);
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(app.DataDirectory, "inbox.db*")) File.Delete(file);
        }

        var ready = await anonymous.GetAsync("/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }
}
