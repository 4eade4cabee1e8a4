using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Server.Channels;
using Inbox.Server.Data;
using Inbox.Server.Messaging;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Platform;

/// <summary>
/// A pull channel on the platform: one listener per channel across nodes sharing a database (a lease), taken over when
/// its node stops or its lease lapses, resuming from the cursor committed with the messages, so nothing is lost or repeated.
/// </summary>
public sealed class ChannelListenerTests
{
    private static ChannelWorkerHost Workers(InboxAppFactory node) => node.Services.GetRequiredService<ChannelWorkerHost>();

    private static bool Works(InboxAppFactory node, long channelId) => Workers(node).Working.Contains(channelId);

    [Fact]
    public async Task Two_nodes_run_one_listener_per_channel_and_the_other_takes_over_when_it_stops()
    {
        var source = new TestSource();
        var data = Path.Combine(Path.GetTempPath(), "inbox-tests", Guid.NewGuid().ToString("N"));
        var a = TestChannelApp.Node(source, data);
        var b = TestChannelApp.Node(source, data);
        try
        {
            var admin = await a.AdminClientAsync();
            _ = b.Services; // start node B on the same database
            var channelId = await admin.CreateTestChannelAsync();
            var first = await Eventually.GetAsync(() => Task.FromResult(Works(a, channelId) ? a : Works(b, channelId) ? b : null), n => n is not null);
            source.Add(new TestUpdate("u1", "ana", "hola"), new TestUpdate("u2", "ana", "¿hay stock?"));
            await Eventually.GetAsync(() => a.StoredAsync(channelId), s => s.Rows == 2);

            // An observation window of three renewals each: the other node must not start a second listener in it.
            await Task.Delay(TimeSpan.FromMilliseconds(600));
            Assert.True(Works(a, channelId) ^ Works(b, channelId));
            Assert.Equal(1, source.MaxConcurrentListeners);

            var survivor = first == a ? b : a;
            await first!.DisposeAsync();
            await Eventually.GetAsync(() => Task.FromResult(Works(survivor, channelId)), w => w);
            source.Add(new TestUpdate("u3", "ana", "gracias"));
            var stored = await Eventually.GetAsync(() => survivor.StoredAsync(channelId), s => s.Rows == 3);

            Assert.Equal(3, stored.Distinct);
            Assert.Equal("2", source.StartedFrom.Last());
            Assert.Equal(1, source.MaxConcurrentListeners);
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_lease_held_by_a_dead_node_is_taken_over_once_it_lapses()
    {
        var source = new TestSource();
        await using var node = TestChannelApp.Node(source);
        var admin = await node.AdminClientAsync();
        var channelId = await admin.CreateTestChannelAsync();
        await Eventually.GetAsync(() => Task.FromResult(Works(node, channelId)), w => w);

        // Another node (now dead) took the channel and holds it for two more seconds.
        var until = DateTimeOffset.UtcNow.AddSeconds(2);
        await using (var c = await node.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
            await c.ExecuteAsync("UPDATE channel_leases SET owner = 'dead-node', expires_at = @Until WHERE channel_id = @Id", new { Until = until, Id = channelId });

        await Eventually.GetAsync(() => Task.FromResult(Works(node, channelId)), w => !w);
        await Eventually.GetAsync(() => Task.FromResult(Works(node, channelId)), w => w);
        Assert.True(DateTimeOffset.UtcNow >= until, "taken over before the dead node's lease lapsed");

        source.Add(new TestUpdate("d1", "bea", "hola"));
        await Eventually.GetAsync(() => node.StoredAsync(channelId), s => s.Rows == 1);
    }

    [Fact]
    public async Task The_cursor_survives_a_restart_so_nothing_is_lost_or_repeated()
    {
        var source = new TestSource();
        var data = Path.Combine(Path.GetTempPath(), "inbox-tests", Guid.NewGuid().ToString("N"));
        var first = TestChannelApp.Node(source, data);
        long channelId;
        await using (first)
        {
            channelId = await (await first.AdminClientAsync()).CreateTestChannelAsync();
            source.Add(new TestUpdate("r1", "ana", "uno"), new TestUpdate("r2", "ana", "dos"), new TestUpdate("r3", "ana", "tres"));
            await Eventually.GetAsync(() => first.StoredAsync(channelId), s => s.Rows == 3);
        }

        // Written while no node was running.
        source.Add(new TestUpdate("r4", "ana", "cuatro"), new TestUpdate("r5", "ana", "cinco"));
        var second = TestChannelApp.Node(source, data);
        try
        {
            _ = second.Services;
            await Eventually.GetAsync(() => second.StoredAsync(channelId), s => s.Rows >= 5);

            // Resumed from the committed cursor: the first three were not fetched again.
            Assert.Equal("3", source.StartedFrom.Last());
            Assert.Equal((5, 5), await second.StoredAsync(channelId));
        }
        finally
        {
            await second.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_node_that_lost_the_lease_can_neither_move_the_cursor_nor_store_what_it_fetched()
    {
        await using var node = TestChannelApp.Node(new TestSource());
        var channelId = await (await node.AdminClientAsync()).CreateTestChannelAsync();
        await Eventually.GetAsync(() => Task.FromResult(Works(node, channelId)), w => w);
        ChannelAddress.TryExternal(channelId, "late", out var from);
        var message = new InboundMessage(channelId, "late-1", from, null, "from a node that lost its lease", DateTimeOffset.UtcNow);

        var pipeline = node.Services.GetRequiredService<InboundPipeline>();
        await Assert.ThrowsAsync<ChannelLeaseLostException>(() => pipeline.AcceptAsync([message], new ListenerCursor(channelId, "not-the-owner", "99"), CancellationToken.None));

        Assert.Equal((0, 0), await node.StoredAsync(channelId));
        Assert.NotEqual("99", await node.Services.GetRequiredService<ChannelCursorStore>().GetAsync(channelId, CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_listener_is_restarted_and_its_error_shown_to_admins()
    {
        var source = new TestSource();
        await using var node = TestChannelApp.Node(source);
        var admin = await node.AdminClientAsync();
        var channelId = await admin.CreateTestChannelAsync();
        source.Add(new TestUpdate("f1", "ana", "hola"), new TestUpdate("f2", "ana", "x", Status: "bogus"));

        var health = await Eventually.GetAsync(() => admin.GetJsonAsync<Inbox.Contracts.ChannelHealthDto>(Inbox.Contracts.Routes.ChannelHealth(channelId)), h => h.LastError is not null);

        Assert.NotNull(health.WorkedBy);
        await Eventually.GetAsync(() => Task.FromResult(source.StartedFrom.Count), n => n >= 2);
        Assert.Equal((0, 0), await node.StoredAsync(channelId));
    }
}
