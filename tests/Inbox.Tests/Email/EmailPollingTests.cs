using Inbox.Connectors.Email;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Email;

/// <summary>A mailbox whose server offers no IDLE is polled; with the "move" setting stored mail leaves the INBOX for
/// the processed folder, only after it is committed.</summary>
public sealed class EmailPollingTests(MailServersWithoutIdle servers) : IClassFixture<MailServersWithoutIdle>
{
    [Fact]
    public async Task Without_idle_the_mailbox_is_polled_and_stored_mail_is_moved_to_the_processed_folder()
    {
        var support = servers.AddUser($"support-{Guid.NewGuid().ToString("N")[..6]}@shop.test");
        using (var probe = await servers.LoginAsync(support))
            Assert.False(probe.Capabilities.HasFlag(MailKit.Net.Imap.ImapCapabilities.Idle));
        await using var app = EmailChannelApp.Node();
        var channelId = await (await app.AdminClientAsync()).CreateEmailChannelAsync(servers, support,
            (EmailSettings.PollSecondsKey, "1"), (EmailSettings.ProcessedModeKey, "move"), (EmailSettings.ProcessedFolderKey, "Guardado"));

        var first = EmailChannelApp.Mail("eva@customer.test", support, "Uno", "primero");
        await servers.AppendAsync(support, first);
        await app.StoredAsync(channelId, first.MessageId);
        // Arrives while the listener waits for its next poll.
        var second = EmailChannelApp.Mail("eva@customer.test", support, "Dos", "segundo");
        await servers.AppendAsync(support, second);
        await app.StoredAsync(channelId, second.MessageId);

        var moved = await Eventually.GetAsync(() => servers.ReadInboxAsync(support, "Guardado"), m => m.Count == 2);
        Assert.Empty(await servers.ReadInboxAsync(support));
        Assert.Equal([first.MessageId, second.MessageId], moved.Select(m => m.Message.MessageId));
    }
}
