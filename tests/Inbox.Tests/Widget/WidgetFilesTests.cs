using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Files;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Widget;

/// <summary>Files in the website chat, both ways: a visitor's upload (sniffed, limited, only its own to send) reaches the
/// agent with the message; an agent's reply reaches the widget with its files; a visitor downloads only its own thread's.</summary>
public sealed class WidgetFilesTests(SharedInbox shared) : IClassFixture<SharedInbox>
{
    private const long Limit = 10 * 1024 * 1024;
    private readonly InboxAppFactory _app = shared.App;

    [Fact]
    public async Task A_visitors_picture_reaches_the_agent_with_the_message_and_both_download_it_byte_identical()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var visitor = await _app.OpenWidgetAsync(channel);
        Assert.Equal(Limit, visitor.Session.Config.MaxFileBytes);
        var picture = Png(4000);

        // The browser calls it a JPEG; its bytes say PNG, and the bytes win.
        var upload = await visitor.UploadOkAsync("../../sofá roto.jpg", "image/jpeg", picture);
        Assert.Equal(("sofá roto.jpg", "image/png", 4000L), (upload.FileName, upload.ContentType, upload.Size));
        var sent = await (await visitor.SendFilesAsync(null, upload.Id)).ReadJsonOrDumpAsync<WidgetMessageDto>();
        Assert.Equal("", sent.Text);
        var attachment = Assert.Single(sent.Attachments);
        Assert.Equal(("sofá roto.jpg", "image/png", 4000L), (attachment.FileName, attachment.ContentType, attachment.Size));

        // The agent reads it like any channel's attachment.
        var conversationId = ConversationOf(sent.Id);
        var stored = (await shared.Admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId))).Items.Single(m => m.Id == sent.Id);
        Assert.Equal([attachment.Id], stored.Attachments.Select(a => a.Id));
        using var forAgent = await shared.Admin.GetAsync(Routes.Attachment(attachment.Id));
        Assert.Equal(picture, await forAgent.Content.ReadAsByteArrayAsync());

        // The visitor's history shows it, and the widget (on the shop's origin) downloads it inline, as the image it is.
        Assert.Equal([attachment.Id], (await visitor.HistoryAsync()).Single().Attachments.Select(a => a.Id));
        using var forVisitor = await visitor.DownloadAsync(attachment.Id);
        await forVisitor.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(picture, await forVisitor.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", forVisitor.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", forVisitor.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(WidgetSite.ShopOrigin, forVisitor.Headers.GetValues("Access-Control-Allow-Origin").Single());
        AssertLockedDown(forVisitor);
    }

    [Fact]
    public async Task Text_and_several_files_go_in_one_message_and_a_retried_send_is_still_one()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var visitor = await _app.OpenWidgetAsync(channel);
        var pdf = await visitor.UploadOkAsync("factura.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 3000)));
        var notes = await visitor.UploadOkAsync("pedido.csv", "text/csv", "ref;cantidad\n1234;2\n"u8.ToArray());
        Assert.Equal(("application/pdf", "text/csv"), (pdf.ContentType, notes.ContentType));

        var request = new WidgetSendRequest("Os mando la factura y el pedido", "files-retry-1", [pdf.Id, notes.Id, pdf.Id]);
        var once = await (await visitor.Http.PostAsJsonAsync(WidgetRoutes.Messages(channel.Key), request)).ReadJsonOrDumpAsync<WidgetMessageDto>();
        var twice = await (await visitor.Http.PostAsJsonAsync(WidgetRoutes.Messages(channel.Key), request)).ReadJsonOrDumpAsync<WidgetMessageDto>();

        Assert.Equal(once.Id, twice.Id);
        Assert.Equal(["factura.pdf", "pedido.csv"], once.Attachments.Select(a => a.FileName));
        Assert.Equal(once.Attachments.Select(a => a.Id), twice.Attachments.Select(a => a.Id));
        await using var db = _app.OpenDatabase();
        Assert.Equal(2, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM attachments WHERE message_id = @Id", new { once.Id }));
    }

    [Fact]
    public async Task Too_large_is_413_and_an_empty_file_or_a_form_without_one_is_400()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var visitor = await _app.OpenWidgetAsync(channel);

        var large = await visitor.UploadAsync("video.mp4", "video/mp4", new byte[Limit + 1]);
        Assert.Contains("10 MB", await large.AssertStatusAsync(HttpStatusCode.RequestEntityTooLarge));
        await (await visitor.UploadAsync("justo.png", "image/png", Png((int)Limit))).AssertStatusAsync(HttpStatusCode.Created);

        await (await visitor.UploadAsync("vacío.txt", "text/plain", [])).AssertStatusAsync(HttpStatusCode.BadRequest);
        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        Assert.Contains("file", await (await visitor.Http.PostAsync(WidgetRoutes.Files(channel.Key), noFile)).AssertStatusAsync(HttpStatusCode.BadRequest));
        using var json = new StringContent("{}", Encoding.UTF8, "application/json");
        await (await visitor.Http.PostAsync(WidgetRoutes.Files(channel.Key), json)).AssertStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_file_whose_bytes_are_not_what_it_claims_or_not_taken_here_is_415()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var visitor = await _app.OpenWidgetAsync(channel);

        // Markup and programs are refused whatever they are called; so are archives and bytes nothing recognises.
        byte[] program = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];
        foreach (var (name, type, bytes) in new[]
        {
            ("cat.png", "image/png", ContentSnifferTests.Html),
            ("logo.svg", "image/svg+xml", ContentSnifferTests.Svg),
            ("factura.pdf", "application/pdf", program),
            ("fotos.zip", "application/zip", "PK\x03\x04rest-of-an-archive"u8.ToArray()),
            // Plain text to the sniffer, a program to the agent's desktop.
            ("factura.bat", "text/plain", "del /q C:\\*"u8.ToArray()),
        })
        {
            var refused = await visitor.UploadAsync(name, type, bytes);
            Assert.Contains("\"file\"", await refused.AssertStatusAsync(HttpStatusCode.UnsupportedMediaType));
        }
        await (await visitor.UploadAsync("notas.txt", "text/plain", "del /q C:\\*"u8.ToArray())).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_visitor_sends_only_its_own_uploads_and_reads_only_its_own_threads_files()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var ana = await _app.OpenWidgetAsync(channel);
        await using var bea = await _app.OpenWidgetAsync(channel);
        var anas = await ana.UploadOkAsync("dni.png", "image/png", Png(700));
        using var stranger = _app.CreateClient();
        stranger.DefaultRequestHeaders.Add("Origin", WidgetSite.ShopOrigin);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Png(100)), "file", "a.png" } };
        await (await stranger.PostAsync(WidgetRoutes.Files(channel.Key), form)).AssertStatusAsync(HttpStatusCode.Unauthorized);

        // Bea cannot send Ana's upload, nor a reference she made up or altered.
        var stolen = await bea.SendFilesAsync("mira", anas.Id);
        Assert.Contains("files", await stolen.AssertStatusAsync(HttpStatusCode.BadRequest));
        await (await bea.SendFilesAsync(null, "not-a-reference")).AssertStatusAsync(HttpStatusCode.BadRequest);
        await (await ana.SendFilesAsync(null, anas.Id[..^4] + "AAAA")).AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Empty(await bea.HistoryAsync());

        var sent = await (await ana.SendFilesAsync("mi DNI", anas.Id)).ReadJsonOrDumpAsync<WidgetMessageDto>();
        var id = sent.Attachments.Single().Id;
        await (await bea.DownloadAsync(id)).AssertStatusAsync(HttpStatusCode.NotFound);
        await (await bea.DownloadAsync(long.MaxValue)).AssertStatusAsync(HttpStatusCode.NotFound);

        // Ana's token on another site's key, or no token, reaches nothing; a foreign origin is refused before that.
        var other = await _app.CreateWebChatAsync(shared.Admin);
        using var elsewhere = _app.CreateClient();
        elsewhere.DefaultRequestHeaders.Add("Origin", WidgetSite.ShopOrigin);
        elsewhere.DefaultRequestHeaders.Add(WidgetRoutes.VisitorHeader, ana.Token);
        await (await elsewhere.GetAsync(WidgetRoutes.Attachment(other.Key, id))).AssertStatusAsync(HttpStatusCode.Unauthorized);
        using var evil = _app.CreateClient();
        evil.DefaultRequestHeaders.Add("Origin", "https://evil.test");
        evil.DefaultRequestHeaders.Add(WidgetRoutes.VisitorHeader, ana.Token);
        await (await evil.GetAsync(WidgetRoutes.Attachment(channel.Key, id))).AssertStatusAsync(HttpStatusCode.Forbidden);

        // After Inbox.reset() the old uploads are nobody's: the next visitor on that browser cannot send them.
        var before = await ana.UploadOkAsync("otra.png", "image/png", Png(300));
        await (await ana.Http.DeleteAsync(WidgetRoutes.Sessions(channel.Key))).AssertStatusAsync(HttpStatusCode.NoContent);
        await using var next = await _app.OpenWidgetAsync(channel);
        await (await next.SendFilesAsync(null, before.Id)).AssertStatusAsync(HttpStatusCode.BadRequest);
        await (await next.DownloadAsync(id)).AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_agents_reply_with_files_reaches_the_open_widget_and_anything_not_a_picture_downloads_as_a_file()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var visitor = await _app.OpenWidgetAsync(channel);
        await visitor.ConnectAsync();
        var question = await visitor.WriteAsync("¿Me pasáis el catálogo?");

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n" + new string('c', 20_000));
        var catalogue = await shared.Admin.UploadFileAsync("catálogo.pdf", "application/pdf", pdf);
        var page = await shared.Admin.UploadFileAsync("oferta.html", "text/html", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"));
        var reply = await shared.Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(ConversationOf(question.Id)),
            new ReplyRequest("Aquí lo tienes", AttachmentIds: [catalogue.Id, page.Id]));

        var live = await visitor.WaitForAsync<WidgetMessageDto>(nameof(IWidgetClient.Message), m => m.Id == reply.Id);
        Assert.Equal("Aquí lo tienes", live.Text);
        Assert.Equal(reply.Attachments.Select(a => (a.Id, a.FileName, a.ContentType)), live.Attachments.Select(a => (a.Id, a.FileName, a.ContentType)));
        Assert.Equal(reply.Attachments.Select(a => a.Id), (await visitor.HistoryAsync()).Single(m => m.Id == reply.Id).Attachments.Select(a => a.Id));

        using var document = await visitor.DownloadAsync(live.Attachments[0].Id);
        Assert.Equal(pdf, await document.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", document.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("catálogo.pdf", document.Content.Headers.ContentDisposition.FileNameStar);
        AssertLockedDown(document);
        using var markup = await visitor.DownloadAsync(live.Attachments[1].Id);
        Assert.Equal("application/octet-stream", markup.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", markup.Content.Headers.ContentDisposition!.DispositionType);
        AssertLockedDown(markup);
    }

    [Fact]
    public async Task Uploads_have_a_budget_per_minute_of_their_own_and_the_chat_goes_on_when_it_is_spent()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var visitor = await _app.OpenWidgetAsync(channel);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++) answers.Add((await visitor.UploadAsync($"{i}.png", "image/png", Png(64))).StatusCode);

        // Ten a minute (Inbox:Widget:UploadsPerMinute), well inside the widget's general budget of 20 at once, which
        // uploads do not spend: the visitor can still write.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, 10), answers.Take(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[10]);
        for (var i = 0; i < 15; i++) await visitor.WriteAsync($"Se me han acabado las fotos {i}");
    }

    private long ConversationOf(long messageId)
    {
        using var db = _app.OpenDatabase();
        return db.QuerySingle<long>("SELECT conversation_id FROM messages WHERE id = @Id", new { Id = messageId });
    }

    private static void AssertLockedDown(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    /// <summary>A PNG signature followed by random bytes: sniffed as a PNG, unique per call.</summary>
    private static byte[] Png(int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        ContentSnifferTests.Png.CopyTo(bytes, 0);
        return bytes;
    }
}
