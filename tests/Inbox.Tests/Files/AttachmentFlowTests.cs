using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Files;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Files;

/// <summary>
/// Files through the whole product on the test channel: a customer's attachments arrive with the webhook, are stored
/// with the message, and download byte-identical for agents who may see the conversation; an agent's upload goes out
/// with a reply and reaches the connector with its bytes.
/// </summary>
public sealed class AttachmentFlowTests(TestChannelInbox shared) : IClassFixture<TestChannelInbox>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly InboxAppFactory _app = shared.App;
    private HttpClient _admin = null!;
    private string _path = null!;

    public async Task InitializeAsync()
    {
        _admin = shared.Admin;
        var channelId = await _admin.CreateTestChannelAsync($"Files {Guid.NewGuid():N}");
        _path = new Uri((await _admin.GetJsonAsync<ChannelHealthDto>(Routes.ChannelHealth(channelId))).WebhookUrl!).AbsolutePath;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_customers_picture_and_pdf_land_with_the_message_and_download_byte_identical()
    {
        var picture = Png(3000);
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 5000));
        var message = await ReceiveAsync(new TestUpdate(Id(), Sender(), "mira") { Files = [File("foto.png", "image/png", picture), File("factura.pdf", "application/pdf", pdf)] });

        Assert.Equal("mira", message.Text);
        Assert.Equal([("foto.png", "image/png", 3000L), ("factura.pdf", "application/pdf", pdf.LongLength)],
            message.Attachments.Select(a => (a.FileName, a.ContentType, a.Size)));

        using var image = await _admin.GetAsync(Routes.Attachment(message.Attachments[0].Id));
        await image.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(picture, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", image.Content.Headers.ContentDisposition!.DispositionType);
        AssertLockedDown(image);

        using var document = await _admin.GetAsync(Routes.Attachment(message.Attachments[1].Id));
        Assert.Equal(pdf, await document.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", document.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("factura.pdf", document.Content.Headers.ContentDisposition.FileNameStar);
        AssertLockedDown(document);
    }

    [Fact]
    public async Task Html_claimed_as_a_png_and_svg_are_never_served_inline()
    {
        var html = Encoding.UTF8.GetBytes("<html><body><script>fetch('/api/auth/me')</script></body></html>");
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        var message = await ReceiveAsync(new TestUpdate(Id(), Sender(), "") { Files = [File("cat.png", "image/png", html), File("logo.svg", "image/svg+xml", svg)] });

        foreach (var attachment in message.Attachments)
        {
            Assert.Equal("application/octet-stream", attachment.ContentType);
            using var response = await _admin.GetAsync(Routes.Attachment(attachment.Id));
            await response.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            AssertLockedDown(response);
        }
    }

    [Fact]
    public async Task A_file_over_the_channels_limit_is_not_kept_but_the_message_is_with_a_note()
    {
        var message = await ReceiveAsync(new TestUpdate(Id(), Sender(), "te mando el vídeo")
        {
            Files = [File("video.mp4", "video/mp4", new byte[TestChannel.AttachmentLimit + 1]), File("ok.png", "image/png", Png(100))],
        });

        Assert.Equal(["ok.png"], message.Attachments.Select(a => a.FileName));
        Assert.StartsWith("te mando el vídeo\n[Attachment \"video.mp4\" was not kept", message.Text);
    }

    [Fact]
    public async Task The_same_picture_twice_is_one_file_and_a_retried_webhook_adds_no_rows()
    {
        var picture = Png(2000);
        var update = new TestUpdate(Id(), Sender(), "uno") { Files = [File("a.png", "image/png", picture)] };
        var first = await ReceiveAsync(update);
        await ReceiveAsync(update with { Id = Id() });
        var again = await PostAsync(update);
        Assert.Equal("dup", again);

        using var db = _app.OpenDatabase();
        var key = await db.QuerySingleAsync<string>("SELECT storage_key FROM attachments WHERE id = @Id", new { Id = first.Attachments[0].Id });
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(picture)), key);
        Assert.Equal(2, await db.QuerySingleAsync<int>("SELECT COUNT(*) FROM attachments WHERE storage_key = @Key", new { Key = key }));
        Assert.Single(Directory.GetFiles(Path.Combine(_app.DataDirectory, "files"), key, SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_agent_outside_the_conversations_team_gets_404_and_a_member_gets_the_file()
    {
        var message = await ReceiveAsync(new TestUpdate(Id(), Sender(), "privado") { Files = [File("dni.png", "image/png", Png(500))] });
        var member = await _app.CreateAgentAsync(_admin, $"member-{Guid.NewGuid():N}@shop.test");
        var outsider = await _app.CreateAgentAsync(_admin, $"outsider-{Guid.NewGuid():N}@shop.test");
        var team = await _admin.CreateTeamAsync($"VIP {Guid.NewGuid():N}", member.Id);
        await _admin.AssignAsync(message.ConversationId, null, team.Id);

        await (await outsider.Client.GetAsync(Routes.Attachment(message.Attachments[0].Id))).AssertStatusAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.GetAsync(Routes.Attachment(long.MaxValue))).AssertStatusAsync(HttpStatusCode.NotFound);
        await (await _app.CreateClient().GetAsync(Routes.Attachment(message.Attachments[0].Id))).AssertStatusAsync(HttpStatusCode.Unauthorized);
        using var allowed = await member.Client.GetAsync(Routes.Attachment(message.Attachments[0].Id));
        await allowed.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_providers_send_time_and_threading_ids_are_stored()
    {
        var sentAt = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);
        string[] replyTo = ["<a1@mail.example>", "<root@mail.example>"];
        var message = await ReceiveAsync(new TestUpdate(Id(), Sender(), "re: pedido") { SentAt = sentAt, ReplyTo = replyTo });

        Assert.Equal(sentAt, message.SentAt);
        Assert.NotEqual(sentAt, message.CreatedAt);
        using var db = _app.OpenDatabase();
        var stored = await db.QuerySingleAsync<string>("SELECT reply_to FROM messages WHERE id = @Id", new { message.Id });
        Assert.Equal(replyTo, JsonSerializer.Deserialize<string[]>(stored));
    }

    [Fact]
    public async Task An_agents_upload_goes_out_with_the_reply_and_reaches_the_connector_with_its_bytes()
    {
        var inbound = await ReceiveAsync(new TestUpdate(Id(), Sender(), "¿me mandas la factura?"));
        var agent = await _app.CreateAgentAsync(_admin, $"files-{Guid.NewGuid():N}@shop.test");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n" + new string('y', 20_000));
        var upload = await UploadAsync(agent.Client, "factura 42.pdf", "application/pdf", pdf);
        Assert.Equal(("factura 42.pdf", "application/pdf", pdf.LongLength), (upload.FileName, upload.ContentType, upload.Size));

        var reply = await agent.Client.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("Aquí la tienes", AttachmentIds: [upload.Id]));
        Assert.Equal(["factura 42.pdf"], reply.Attachments.Select(a => a.FileName));

        var sent = await Eventually.GetAsync(() => Task.FromResult(shared.Source.Sent.FirstOrDefault(s => s.Message.MessageId == reply.Id)), s => s is not null);
        var file = Assert.Single(sent!.Files);
        Assert.Equal(("factura 42.pdf", "application/pdf", pdf.LongLength), (file.FileName, file.ContentType, file.Size));
        Assert.Equal(pdf, file.Bytes);
        using var download = await agent.Client.GetAsync(Routes.Attachment(reply.Attachments[0].Id));
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Nobody_attaches_another_agents_upload_and_a_reply_without_text_needs_a_file()
    {
        var inbound = await ReceiveAsync(new TestUpdate(Id(), Sender(), "hola"));
        var owner = await _app.CreateAgentAsync(_admin, $"owner-{Guid.NewGuid():N}@shop.test");
        var other = await _app.CreateAgentAsync(_admin, $"other-{Guid.NewGuid():N}@shop.test");
        var upload = await UploadAsync(owner.Client, "nota.txt", "text/plain", "secreto"u8.ToArray());

        var stolen = await other.Client.PostAsJsonAsync(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("toma", AttachmentIds: [upload.Id]));
        Assert.Contains("attachmentIds", await stolen.AssertStatusAsync(HttpStatusCode.BadRequest));
        var empty = await owner.Client.PostAsJsonAsync(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest(""));
        Assert.Contains("text", await empty.AssertStatusAsync(HttpStatusCode.BadRequest));
        var fileOnly = await owner.Client.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("", AttachmentIds: [upload.Id]));
        Assert.Equal(("", "text/plain"), (fileOnly.Text, fileOnly.Attachments.Single().ContentType));
    }

    [Fact]
    public async Task An_upload_without_a_file_is_a_400_naming_the_field()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        var response = await _admin.PostAsync(Routes.Files, form);
        Assert.Contains("file", await response.AssertStatusAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task The_sweep_removes_files_nothing_refers_to_and_keeps_what_a_message_or_a_recent_upload_names()
    {
        var received = await ReceiveAsync(new TestUpdate(Id(), Sender(), "con foto") { Files = [File("kept.png", "image/png", Png(800))] });
        var agent = await _app.CreateAgentAsync(_admin, $"sweep-{Guid.NewGuid():N}@shop.test");
        var sentUpload = await UploadAsync(agent.Client, "sent.txt", "text/plain", RandomNumberGenerator.GetBytes(300));
        var reply = await agent.Client.PostJsonAsync<MessageDto>(Routes.ConversationMessages(received.ConversationId), new ReplyRequest("toma", AttachmentIds: [sentUpload.Id]));
        var forgotten = await UploadAsync(agent.Client, "forgotten.txt", "text/plain", RandomNumberGenerator.GetBytes(300));
        var recent = await UploadAsync(agent.Client, "recent.txt", "text/plain", RandomNumberGenerator.GetBytes(300));
        var store = _app.Services.GetRequiredService<IFileStore>();
        var orphan = (await store.PutAsync(new MemoryStream(Png(300)), long.MaxValue, default))!.Key;
        var freshOrphan = (await store.PutAsync(new MemoryStream(Png(300)), long.MaxValue, default))!.Key;
        var reput = Png(300);
        var reputKey = (await store.PutAsync(new MemoryStream(reput), long.MaxValue, default))!.Key;
        var abandoned = Path.Combine(FilesRoot, "tmp", Guid.NewGuid().ToString("N"));
        await System.IO.File.WriteAllBytesAsync(abandoned, [1, 2, 3]);

        using var db = _app.OpenDatabase();
        string KeyOf(string table, long id) => db.QuerySingle<string>($"SELECT storage_key FROM {table} WHERE id = @Id", new { Id = id });
        var kept = KeyOf("attachments", received.Attachments[0].Id);
        var sent = KeyOf("attachments", reply.Attachments[0].Id);
        var forgottenKey = KeyOf("uploads", forgotten.Id);
        var recentKey = KeyOf("uploads", recent.Id);
        // Two days since anything touched these files, eight since two of the uploads were made.
        var twoDaysAgo = DateTime.UtcNow.AddDays(-2);
        foreach (var key in new[] { kept, sent, forgottenKey, recentKey, orphan, reputKey })
            System.IO.File.SetLastWriteTimeUtc(PathOf(key), twoDaysAgo);
        System.IO.File.SetLastWriteTimeUtc(abandoned, twoDaysAgo);
        await db.ExecuteAsync("UPDATE uploads SET created_at = @Old WHERE id IN (@A, @B)", new { Old = DateTimeOffset.UtcNow.AddDays(-8), A = sentUpload.Id, B = forgotten.Id });
        // The same bytes put again (a retried webhook) make the old file fresh again.
        Assert.Equal(reputKey, (await store.PutAsync(new MemoryStream(reput), long.MaxValue, default))!.Key);

        var sweeper = _app.Services.GetRequiredService<FileSweeper>();
        var first = await sweeper.SweepAsync(default);

        Assert.Equal(new FileSweep(Files: 1, Uploads: 2, AbandonedWrites: 1), first);
        Assert.False(await StoredAsync(orphan));
        Assert.False(System.IO.File.Exists(abandoned));
        Assert.Equal(0, db.QuerySingle<int>("SELECT COUNT(*) FROM uploads WHERE id IN (@A, @B)", new { A = sentUpload.Id, B = forgotten.Id }));
        // An expired upload's file waits one more sweep: a reply may have been taking it as the row went.
        Assert.True(await StoredAsync(forgottenKey));

        var second = await sweeper.SweepAsync(default);

        Assert.Equal(new FileSweep(Files: 1, Uploads: 0, AbandonedWrites: 0), second);
        Assert.False(await StoredAsync(forgottenKey));
        foreach (var key in new[] { kept, sent, recentKey, freshOrphan, reputKey })
            Assert.True(await StoredAsync(key), $"{key} was swept");
        using var download = await _admin.GetAsync(Routes.Attachment(received.Attachments[0].Id));
        await download.AssertStatusAsync(HttpStatusCode.OK);

        async Task<bool> StoredAsync(string key)
        {
            await using var stream = await store.OpenAsync(key, default);
            return stream is not null;
        }
    }

    private string FilesRoot => Path.Combine(_app.DataDirectory, "files");

    private string PathOf(string key) => Path.Combine(FilesRoot, key[..2], key[2..4], key);

    private static void AssertLockedDown(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    private async Task<string> PostAsync(TestUpdate update)
    {
        var body = JsonSerializer.Serialize(new[] { update }, Json);
        return await (await _app.PostWebhookAsync(_path, body, TestChannel.Sign(TestChannelApp.Secret, body))).AssertStatusAsync(HttpStatusCode.OK);
    }

    /// <summary>Posts the update to the webhook and returns the stored message as agents read it.</summary>
    private async Task<MessageDto> ReceiveAsync(TestUpdate update)
    {
        var answer = await PostAsync(update);
        Assert.NotEqual("dup", answer);
        var messageId = long.Parse(answer, CultureInfo.InvariantCulture);
        using var db = _app.OpenDatabase();
        var conversationId = await db.QuerySingleAsync<long>("SELECT conversation_id FROM messages WHERE id = @Id", new { Id = messageId });
        var page = await _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId));
        return page.Items.Single(m => m.Id == messageId);
    }

    private static async Task<UploadDto> UploadAsync(HttpClient client, string name, string type, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        using var form = new MultipartFormDataContent { { content, "file", name } };
        var response = await client.PostAsync(Routes.Files, form);
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<UploadDto>())!;
    }

    private static TestFile File(string name, string type, byte[] bytes) => new(name, type, Convert.ToBase64String(bytes));

    /// <summary>A PNG signature followed by random bytes: sniffed as a PNG, unique per call.</summary>
    private static byte[] Png(int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        ContentSnifferTests.Png.CopyTo(bytes, 0);
        return bytes;
    }

    private static string Id() => Guid.NewGuid().ToString("N");

    private static string Sender() => "c" + Guid.NewGuid().ToString("N")[..12];
}
