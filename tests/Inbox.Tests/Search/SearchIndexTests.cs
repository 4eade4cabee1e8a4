using System.Net;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Messaging;
using Inbox.Server.Search;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Search;

/// <summary>
/// SQLite's full-text index is written behind the inbound writer (<see cref="SearchIndexer"/>, migration 0027): a
/// message is found the moment it is stored, the same way before and after the indexer adds it, and edits, erasure and a
/// reused id keep the index exact on either side of its watermark. The server's clock is a FakeTimeProvider nobody
/// moves, so the indexer runs only when a test calls it. On PostgreSQL the indexer has nothing to do and the same
/// searches must give the same answers.
/// </summary>
public sealed class SearchIndexTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
    private HttpClient _admin = null!;
    private ApiChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _admin = await _app.AdminClientAsync();
        _channel = await _app.CreateApiChannelAsync(_admin);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_message_is_found_the_same_before_and_after_it_is_indexed_and_pages_run_across_the_watermark()
    {
        var tag = Word();
        var ids = new List<long>();
        foreach (var text in new[] { "Busco la canción {0}", "El cancionero {0} llegó", "Mi pedido {0} no llega", "¿Tenéis la canción {0} en vinilo?" })
            ids.Add((await Push(string.Format(text, tag))).MessageId);
        var queries = new[] { tag, $"cancion {tag}", $"canciones {tag}", $"cancionero {tag}", $"PEDIDO {tag}" };

        var before = await AllAsync(queries);
        Assert.Equal(Enumerable.Reverse(ids), before[tag]);
        Assert.Equal([ids[3], ids[1], ids[0]], before[$"cancion {tag}"]);
        Assert.Empty(before[$"canciones {tag}"]);
        Assert.Equal([ids[1]], before[$"cancionero {tag}"]);
        Assert.Equal([ids[2]], before[$"PEDIDO {tag}"]);

        var indexed = await IndexAllAsync();
        if (!TestPostgres.Enabled) Assert.True(indexed >= ids.Count, $"indexed {indexed}");
        var after = await AllAsync(queries);
        foreach (var q in queries) Assert.Equal(before[q], after[q]);

        // Two more after the watermark: a page of two runs from the unindexed ones into the index without a gap or a repeat.
        ids.Add((await Push($"canción {tag} nueva")).MessageId);
        ids.Add((await Push($"otro pedido {tag}")).MessageId);
        Assert.Equal(Enumerable.Reverse(ids), await PagedAsync(tag, 2));
        Assert.Equal([ids[4], ids[3], ids[1], ids[0]], await PagedAsync($"cancion {tag}", 3));
    }

    [Fact]
    public async Task Edits_and_erasure_reach_the_index_on_both_sides_of_the_watermark()
    {
        var tag = Word();
        var indexedMessage = await Push($"talla {tag} cuarenta");
        await IndexAllAsync();
        var newMessage = await Push($"color {tag} rojo");

        await EditAsync(indexedMessage.MessageId, $"medida {tag} cuarentaydos");
        await EditAsync(newMessage.MessageId, $"color {tag} verde");
        Assert.Equal([indexedMessage.MessageId], await PagedAsync($"cuarentaydos {tag}", 20));
        Assert.Equal([newMessage.MessageId], await PagedAsync($"verde {tag}", 20));
        Assert.Empty(await PagedAsync($"rojo {tag}", 20));
        await IndexAllAsync();
        Assert.Equal([newMessage.MessageId], await PagedAsync($"verde {tag}", 20));
        Assert.Empty(await PagedAsync($"rojo {tag}", 20));
        Assert.Empty(await PagedAsync($"talla {tag}", 20));

        var unindexed = await Push($"zapato {tag} negro");
        await (await _admin.DeleteAsync(Routes.Contact(indexedMessage.ContactId))).AssertStatusAsync(HttpStatusCode.OK);
        await (await _admin.DeleteAsync(Routes.Contact(unindexed.ContactId))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal([newMessage.MessageId], await PagedAsync(tag, 20));
        await IndexAllAsync();
        Assert.Equal([newMessage.MessageId], await PagedAsync(tag, 20));
        if (!TestPostgres.Enabled) Assert.Equal(0, await CountInIndexAsync(tag, indexedMessage.MessageId));
    }

    [Fact]
    public async Task An_id_given_again_after_the_newest_message_was_erased_is_indexed_with_its_new_text()
    {
        var tag = Word();
        var erased = await Push($"borrar {tag} esto");
        await IndexAllAsync();
        await (await _admin.DeleteAsync(Routes.Contact(erased.ContactId))).AssertStatusAsync(HttpStatusCode.OK);

        var next = await Push($"nuevo {tag} mensaje");
        // SQLite gives the highest id plus one, so the erased message's id comes back, below the watermark.
        if (!TestPostgres.Enabled) Assert.Equal(erased.MessageId, next.MessageId);
        Assert.Equal([next.MessageId], await PagedAsync($"nuevo {tag}", 20));
        Assert.Empty(await PagedAsync($"borrar {tag}", 20));
        await IndexAllAsync();
        Assert.Equal([next.MessageId], await PagedAsync($"nuevo {tag}", 20));
        if (!TestPostgres.Enabled) Assert.Equal(1, await CountInIndexAsync(tag, next.MessageId));
    }

    [Fact]
    public async Task A_rare_word_is_found_under_more_newer_messages_than_the_search_walks_and_its_pages_go_on()
    {
        var tag = Word();
        var old = new List<long>();
        for (var i = 0; i < 25; i++) old.Add((await Push($"hola, factura {tag} {i + 10}")).MessageId);
        var filler = await Push("hola, una pregunta");
        // More newer messages than MessageSearch.RecentWindow, written in one statement, so the rare word lies below it.
        var count = MessageSearch.RecentWindow + 500;
        await using (var c = _app.OpenDatabase())
        {
            var series = TestPostgres.Enabled ? "SELECT g FROM generate_series(1, @Count) g" : "WITH RECURSIVE n(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM n WHERE g < @Count) SELECT g FROM n";
            await c.ExecuteAsync($"""
                INSERT INTO messages (conversation_id, channel_id, identity_id, direction, text, is_private, status, created_at, updated_at)
                SELECT m.conversation_id, m.channel_id, m.identity_id, 'inbound', 'hola otra vez', m.is_private, 'received', m.created_at, m.updated_at
                FROM messages m, ({series}) s WHERE m.id = @Id
                """, new { Id = filler.MessageId, Count = count });
        }
        await IndexAllAsync();

        Assert.Equal(Enumerable.Reverse(old), await PagedAsync(tag, 20));
        Assert.Equal([old[7]], await PagedAsync($"{tag} 17", 20));
        Assert.Empty(await PagedAsync($"{tag} nowhere", 20));
        // Two words, one in every newer message: the rare one finds the rows, the common one is checked on them.
        Assert.Equal(Enumerable.Reverse(old), await PagedAsync($"hola {tag}", 20));
        var common = await _admin.GetJsonAsync<SearchResultsDto>($"{Routes.Search}?q=hola&limit=20");
        Assert.Equal(20, common.Messages.Count);
        Assert.True(common.Messages.All(m => m.MessageId > filler.MessageId));
    }

    private int _senders;

    /// <summary>A message from a customer of its own, so erasing one contact takes only that message.</summary>
    private async Task<ApiInboundAccepted> Push(string text) =>
        await _app.PushAcceptedAsync(_channel, Guid.NewGuid().ToString("N"), $"+34 600 3{Interlocked.Increment(ref _senders):D5}", text);

    private async Task<int> IndexAllAsync()
    {
        var indexer = _app.Services.GetRequiredService<SearchIndexer>();
        var total = 0;
        for (int n; (n = await indexer.IndexNextAsync(default)) > 0;) total += n;
        return total;
    }

    private async Task EditAsync(long messageId, string text)
    {
        await using var c = _app.OpenDatabase();
        await using var tx = await c.BeginTransactionAsync();
        Assert.True(await _app.Services.GetRequiredService<MessageStore>().ApplyEditAsync(c, tx, messageId, text, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, default));
        await tx.CommitAsync();
    }

    /// <summary>How many index rows hold the word with this message's id: 0 once gone, 1 when indexed once.</summary>
    private async Task<int> CountInIndexAsync(string word, long messageId)
    {
        await using var c = _app.OpenDatabase();
        return await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH @Word AND rowid = @Id", new { Word = $"\"{word}\"", Id = messageId });
    }

    private async Task<Dictionary<string, List<long>>> AllAsync(string[] queries)
    {
        var found = new Dictionary<string, List<long>>();
        foreach (var q in queries) found[q] = await PagedAsync(q, 20);
        return found;
    }

    /// <summary>Every hit of a query, following the cursor a page of <paramref name="limit"/> at a time.</summary>
    private async Task<List<long>> PagedAsync(string q, int limit)
    {
        var ids = new List<long>();
        string? cursor = null;
        for (var page = 0; page < 20; page++)
        {
            var results = await _admin.GetJsonAsync<SearchResultsDto>(
                $"{Routes.Search}?q={Uri.EscapeDataString(q)}&limit={limit}{(cursor is null ? "" : $"&cursor={cursor}")}");
            ids.AddRange(results.Messages.Select(m => m.MessageId));
            if ((cursor = results.NextCursor) is null) return ids;
        }
        throw new InvalidOperationException($"'{q}' did not end within 20 pages");
    }

    private static string Word() => SearchTests.Word();
}
