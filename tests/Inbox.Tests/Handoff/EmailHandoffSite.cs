using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Email;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Platform;
using Inbox.Tests.Widget;

namespace Inbox.Tests.Handoff;

/// <summary>A shop with a website chat and a support mailbox on the test's dovecot and aiosmtpd, with a public URL for
/// verification links; intent methods for "send me replies by email".</summary>
public sealed partial class EmailHandoffSite : IAsyncDisposable
{
    public const string PublicBase = "https://inbox.shop.test";

    private EmailHandoffSite(MailServers servers, InboxAppFactory app) => (Servers, App) = (servers, app);

    public MailServers Servers { get; }
    public InboxAppFactory App { get; }
    public HttpClient Admin { get; private set; } = null!;
    public WebChatChannel Site { get; private set; } = null!;
    public long EmailChannelId { get; private set; }
    public string Support { get; private set; } = "";

    public static async Task<EmailHandoffSite> StartAsync(MailServers servers, TimeProvider? time = null, bool withMailbox = true)
    {
        var settings = TestChannelApp.FastWorkers;
        settings["Inbox:Webhooks:PublicBaseUrl"] = PublicBase;
        var site = new EmailHandoffSite(servers, new InboxAppFactory(settings: settings, time: time));
        site.Admin = await site.App.AdminClientAsync();
        site.Site = await site.App.CreateWebChatAsync(site.Admin);
        if (withMailbox)
        {
            site.Support = servers.AddUser($"support-{Guid.NewGuid().ToString("N")[..6]}@shop.test");
            site.EmailChannelId = await site.Admin.CreateEmailChannelAsync(servers, site.Support);
        }
        return site;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    public string NewCustomer(string name) => Servers.AddUser($"{name}-{Guid.NewGuid().ToString("N")[..6]}@customer.test");

    /// <summary>The visitor asks for replies by email (the widget's form), sent with a forged Host header that must not matter.</summary>
    public static async Task<HttpResponseMessage> AskAsync(WidgetVisitor visitor, WebChatChannel site, string email, string language = "es")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, HandoffRoutes.WidgetEmailHandoff(site.Key))
        {
            Content = JsonContent.Create(new EmailHandoffRequest(email, language)),
        };
        request.Headers.Host = "evil.example";
        return await visitor.Http.SendAsync(request);
    }

    /// <summary>The verification mails that reached <paramref name="mailbox"/>, oldest first, each with its link.</summary>
    public async Task<IReadOnlyList<(string Subject, string Text, string Link)>> VerificationMailsAsync(string mailbox, int atLeast = 1)
    {
        var inbox = await Eventually.GetAsync(() => Servers.ReadInboxAsync(mailbox), i => i.Count >= atLeast, TimeSpan.FromSeconds(30));
        return inbox.Select(m => (Subject: m.Message.Subject ?? "", Text: m.Message.TextBody ?? "", Link: Link().Match(m.Message.TextBody ?? "").Value))
            .Where(m => m.Link.Length > 0).ToList();
    }

    public static string TokenOf(string link) => link[(link.IndexOf("#token=", StringComparison.Ordinal) + "#token=".Length)..];

    /// <summary>The visitor's browser opens the link and presses Confirm (the page posts the token from the fragment).</summary>
    public async Task<(HttpStatusCode Status, string Page)> ConfirmAsync(string link)
    {
        var browser = App.CreateClient();
        var page = await browser.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var response = await browser.PostAsync(HandoffRoutes.EmailConfirmPage, new FormUrlEncodedContent([new("token", TokenOf(link))]));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<long> ThreadOfVisitorAsync(WidgetVisitor visitor)
    {
        await using var db = App.OpenDatabase();
        return await db.QuerySingleAsync<long>("""
            SELECT c.id FROM conversations c JOIN contact_identities i ON i.contact_id = c.contact_id WHERE i.kind = 'webVisitor' AND i.address = @Address
            """, new { Address = visitor.Session.VisitorId });
    }

    public async Task<long?> ContactOfAsync(string kind, string address)
    {
        await using var db = App.OpenDatabase();
        return await db.QuerySingleOrDefaultAsync<long?>("SELECT contact_id FROM contact_identities WHERE kind = @Kind AND address = @Address",
            new { Kind = kind, Address = address });
    }

    public async Task<long> EventsAsync(long conversationId, string type)
    {
        await using var db = App.OpenDatabase();
        return await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM conversation_events WHERE conversation_id = @Id AND type = @Type",
            new { Id = conversationId, Type = type });
    }

    [GeneratedRegex(@"https?://\S+/continue-by-email#token=\S+")]
    private static partial Regex Link();
}
