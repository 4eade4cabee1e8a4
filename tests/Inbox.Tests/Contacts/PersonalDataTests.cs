using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Contacts;
using Inbox.Tests.Commerce;
using Inbox.Server.Conversations;
using Inbox.Server.Data;
using Inbox.Server.Files;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Tests.Contacts;

/// <summary>
/// A customer's data rights: an admin exports everything stored about a contact, and erases it, files included, with
/// an audit row that names nobody; retention erases resolved conversations past their time.
/// </summary>
public sealed class PersonalDataTests(TestChannelInbox shared) : IClassFixture<TestChannelInbox>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly InboxAppFactory _app = shared.App;
    private HttpClient _admin = null!;
    private string _path = null!;

    public async Task InitializeAsync()
    {
        _admin = shared.Admin;
        var channelId = await _admin.CreateTestChannelAsync($"Rights {Guid.NewGuid():N}");
        _path = new Uri((await _admin.GetJsonAsync<ChannelHealthDto>(Routes.ChannelHealth(channelId))).WebhookUrl!).AbsolutePath;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_export_holds_the_contact_its_identities_every_message_event_and_file()
    {
        var sender = Sender();
        var picture = Picture();
        var first = await ReceiveAsync(sender, "Hola, soy Marta", picture);
        await ReceiveAsync(sender, "¿Tenéis el sofá verde?");
        await _admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(first.ConversationId), new ReplyRequest("Sí, en Valencia"));
        var contactId = await ContactOfAsync(first.ConversationId);
        var catalogue = await _admin.ImportSofaAsync(valencia: 2);
        (await _admin.ReserveAsync(first.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id)).EnsureSuccessOrDump();

        using var response = await _admin.GetAsync(Routes.Contact(contactId) + "/export");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        using var document = JsonDocument.Parse(await new StreamReader(zip.GetEntry("contact.json")!.Open()).ReadToEndAsync());
        var root = document.RootElement;

        Assert.Equal(contactId, root.GetProperty("contact").GetProperty("id").GetInt64());
        Assert.Contains(root.GetProperty("identities").EnumerateArray(), i => i.GetProperty("address").GetString()!.EndsWith(sender, StringComparison.Ordinal));
        Assert.Equal(["Hola, soy Marta", "¿Tenéis el sofá verde?", "Sí, en Valencia"],
            root.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.True(root.GetProperty("events").GetArrayLength() >= 3);
        var file = Assert.Single(root.GetProperty("files").EnumerateArray());
        using var bytes = new MemoryStream();
        await zip.GetEntry(file.GetProperty("path").GetString()!)!.Open().CopyToAsync(bytes);
        Assert.Equal(picture, bytes.ToArray());
        var reservation = Assert.Single(root.GetProperty("reservations").EnumerateArray());
        Assert.Equal((catalogue.SofaSku, catalogue.Valencia.Name, 1, "held"),
            (reservation.GetProperty("sku").GetString(), reservation.GetProperty("location").GetString(),
             reservation.GetProperty("quantity").GetInt32(), reservation.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Erasing_a_contact_leaves_no_trace_but_an_audit_row_and_keeps_a_file_another_message_shares()
    {
        var shared = Picture();
        var own = Picture();
        var sender = Sender();
        var erased = await ReceiveAsync(sender, "Borrad mis datos, Marta Ruiz", own);
        await ReceiveAsync(sender, "la misma foto", shared);
        var other = await ReceiveAsync(Sender(), "otra clienta, misma foto", shared);
        var contactId = await ContactOfAsync(erased.ConversationId);
        (await _admin.PatchAsJsonAsync(Routes.Contact(contactId), new UpdateContactRequest("Marta Ruiz", "marta@example.com", null, "VIP"))).EnsureSuccessOrDump();
        var catalogue = await _admin.ImportSofaAsync(valencia: 2);
        (await _admin.ReserveAsync(erased.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id)).EnsureSuccessOrDump();
        var label = await (await _admin.PostAsJsonAsync(Routes.Labels, new SaveLabelRequest($"vip-{Guid.NewGuid():N}"[..12], "#2e7d32"))).ReadJsonOrDumpAsync<LabelDto>();
        (await _admin.PostAsJsonAsync(Routes.ConversationLabels(erased.ConversationId), new ApplyLabelRequest(label.Id))).EnsureSuccessOrDump();
        List<long> messageIds;
        using (var db = _app.OpenDatabase())
            messageIds = (await db.QueryAsync<long>("SELECT id FROM messages WHERE conversation_id = @Id", new { Id = erased.ConversationId })).ToList();
        var agent = await _app.CreateAgentAsync(_admin, $"rights-{Guid.NewGuid():N}@shop.test");
        await (await agent.Client.DeleteAsync(Routes.Contact(contactId))).AssertStatusAsync(HttpStatusCode.Forbidden);

        var result = await (await _admin.DeleteAsync(Routes.Contact(contactId))).ReadJsonOrDumpAsync<ErasedDto>();

        // Two messages, the customer's own identity plus the email added by hand, two files (one of them shared).
        Assert.Equal(new ErasedDto(contactId, erased.ConversationId, Messages: 2, Identities: 2, Files: 2), result);
        await (await _admin.GetAsync(Routes.Contact(contactId))).AssertStatusAsync(HttpStatusCode.NotFound);
        await (await _admin.GetAsync(Routes.Conversation(erased.ConversationId))).AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await _admin.GetJsonAsync<List<ContactDto>>(Routes.Contacts + "?q=Marta"), c => c.Id == contactId);
        using (var db = _app.OpenDatabase())
        {
            var p = new { Contact = contactId, Conversation = erased.ConversationId };
            Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts WHERE id = @Contact", p));
            Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contact_identities WHERE contact_id = @Contact OR address LIKE @Sender", new { p.Contact, Sender = "%" + sender }));
            Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @Conversation", p));
            Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM conversation_events WHERE conversation_id = @Conversation", p));
            Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE text LIKE '%Marta Ruiz%'"));
            // Every table, today's and future ones: no row may still point at the contact, its thread or its messages.
            foreach (var (table, column) in await ColumnsNamedAsync(db, "contact_id", "conversation_id", "message_id"))
            {
                var ids = column switch { "contact_id" => [contactId], "conversation_id" => [erased.ConversationId], _ => messageIds };
                var left = await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE {column} IN ({string.Join(',', ids)})");
                Assert.True(left == 0, $"{table}.{column} still names the erased contact ({left} rows)");
            }
            var held = await db.QuerySingleAsync<(string Status, long? ContactId)>("SELECT status, contact_id FROM commerce_reservations WHERE product_id = @Id", new { catalogue.Sofa.Id });
            Assert.Equal(("held", (long?)null), held);
            var audit = await db.QuerySingleAsync<(string Action, long? ActorId, string Detail)>(
                "SELECT action, actor_id, detail FROM audit_log WHERE subject_id = @Contact AND action = 'contact.erased'", p);
            Assert.NotNull(audit.ActorId);
            Assert.DoesNotContain("Marta", audit.Detail);
            Assert.DoesNotContain(sender, audit.Detail);
        }
        var store = _app.Services.GetRequiredService<IFileStore>();
        Assert.False(await StoredAsync(store, Key(own)));
        Assert.True(await StoredAsync(store, Key(shared)), "a file another customer's message names was erased");
        using var download = await _admin.GetAsync(Routes.Attachment(other.Attachments[0].Id));
        Assert.Equal(shared, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Retention_erases_resolved_conversations_past_their_time_and_keeps_open_ones_and_the_contact()
    {
        var old = await ReceiveAsync(Sender(), "pedido antiguo", Picture());
        var open = await ReceiveAsync(Sender(), "sigo esperando");
        var recent = await ReceiveAsync(Sender(), "resuelto ayer");
        foreach (var id in new[] { old.ConversationId, open.ConversationId, recent.ConversationId })
            if (id != open.ConversationId) await _admin.ChangeStatusAsync(id, ConversationStatus.Resolved);
        using (var db = _app.OpenDatabase())
            await db.ExecuteAsync("UPDATE conversations SET last_activity_at = @Then WHERE id IN (@A, @B)",
                new { Then = DateTimeOffset.UtcNow.AddDays(-400), A = old.ConversationId, B = open.ConversationId });
        var oldContact = await ContactOfAsync(old.ConversationId);
        var retention = new ConversationRetention(_app.Services.GetRequiredService<IDbConnectionFactory>(), _app.Services.GetRequiredService<PersonalDataErasure>(),
            Options.Create(new RetentionOptions { EraseResolvedAfter = TimeSpan.FromDays(365) }), TimeProvider.System, NullLogger<ConversationRetention>.Instance);

        Assert.Equal(1, await retention.EraseDueAsync(default));

        await (await _admin.GetAsync(Routes.Conversation(old.ConversationId))).AssertStatusAsync(HttpStatusCode.NotFound);
        await (await _admin.GetAsync(Routes.Conversation(open.ConversationId))).AssertStatusAsync(HttpStatusCode.OK);
        await (await _admin.GetAsync(Routes.Conversation(recent.ConversationId))).AssertStatusAsync(HttpStatusCode.OK);
        await (await _admin.GetAsync(Routes.Contact(oldContact))).AssertStatusAsync(HttpStatusCode.OK);
        using var check = _app.OpenDatabase();
        Assert.Equal(1, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'conversation.erased' AND subject_id = @Id", new { Id = old.ConversationId }));
        Assert.Equal(0, await retention.EraseDueAsync(default));
    }

    private async Task<MessageDto> ReceiveAsync(string sender, string text, byte[]? file = null)
    {
        var update = new TestUpdate(Guid.NewGuid().ToString("N"), sender, text)
        {
            Files = file is null ? null : [new TestFile("foto.png", "image/png", Convert.ToBase64String(file))],
        };
        var body = JsonSerializer.Serialize(new[] { update }, Json);
        var answer = await (await _app.PostWebhookAsync(_path, body, TestChannel.Sign(TestChannelApp.Secret, body))).AssertStatusAsync(HttpStatusCode.OK);
        var messageId = long.Parse(answer, CultureInfo.InvariantCulture);
        using var db = _app.OpenDatabase();
        var conversationId = await db.QuerySingleAsync<long>("SELECT conversation_id FROM messages WHERE id = @Id", new { Id = messageId });
        return (await _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId))).Items.Single(m => m.Id == messageId);
    }

    private static async Task<List<(string Table, string Column)>> ColumnsNamedAsync(System.Data.Common.DbConnection db, params string[] names)
    {
        var sql = db is Microsoft.Data.Sqlite.SqliteConnection
            ? "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'"
            : "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()";
        var columns = (await db.QueryAsync<(string Table, string Column)>(sql)).Where(c => names.Contains(c.Column)).ToList();
        Assert.Contains(columns, c => c.Table == "commerce_reservations");
        return columns;
    }

    private async Task<long> ContactOfAsync(long conversationId) => (await _admin.GetJsonAsync<ConversationDto>(Routes.Conversation(conversationId))).Contact.Id;

    private static async Task<bool> StoredAsync(IFileStore store, string key)
    {
        await using var stream = await store.OpenAsync(key, default);
        return stream is not null;
    }

    private static string Key(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Picture()
    {
        var bytes = RandomNumberGenerator.GetBytes(600);
        Inbox.Tests.Files.ContentSnifferTests.Png.CopyTo(bytes, 0);
        return bytes;
    }

    private static string Sender() => "c" + Guid.NewGuid().ToString("N")[..12];
}
