using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Inbox.Tests.Email;

/// <summary>
/// Real mail servers on 127.0.0.1 for one test class: dovecot (IMAP, every user's INBOX a Maildir under the temp folder)
/// and aiosmtpd with <c>smtp_handler.py</c>, which delivers each recipient's copy into that recipient's dovecot Maildir
/// (so our replies land where the test reads them) and refuses chosen recipients with 451/550. Both are started on free
/// ports under a temp folder and stopped by their own pid.
/// </summary>
public class MailServers : IAsyncLifetime
{
    public const string Password = "secret";

    private Process? _dovecot;
    private Process? _smtp;

    public string Root { get; } = Path.Combine("/tmp", "imt-" + Guid.NewGuid().ToString("N")[..10]);

    public int ImapPort { get; private set; }

    /// <summary>Lines added to dovecot's configuration (a server that offers less).</summary>
    protected virtual string ExtraDovecotConfig => "";

    public int SmtpPort { get; private set; }

    private string Config => Path.Combine(Root, "dovecot.conf");

    private string MailRoot => Path.Combine(Root, "mail");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Root, "run"));
        Directory.CreateDirectory(Path.Combine(Root, "state"));
        Directory.CreateDirectory(MailRoot);
        await File.WriteAllTextAsync(Path.Combine(Root, "users"), "");
        await RunAsync("chown", "dovecot:dovecot", MailRoot);
        ImapPort = FreePort();
        SmtpPort = FreePort();
        await File.WriteAllTextAsync(Config, DovecotConfig(Root, ImapPort) + "\n" + ExtraDovecotConfig);
        await StartImapAsync();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Email", "smtp_handler.py"), Path.Combine(Root, "smtp_handler.py"));
        var smtp = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{SmtpPort}", "-c", "smtp_handler.Handler", MailRoot])
        {
            WorkingDirectory = Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        smtp.Environment["PYTHONPATH"] = Root;
        _smtp = Process.Start(smtp)!;
        _smtp.BeginErrorReadLine();
        _smtp.BeginOutputReadLine();
        await WaitForPortAsync(SmtpPort, _smtp, "aiosmtpd");
    }

    /// <summary>Starts dovecot in the foreground (our child, stopped by its pid) and waits until it accepts connections.</summary>
    public async Task StartImapAsync()
    {
        _dovecot = Process.Start(new ProcessStartInfo("/usr/sbin/dovecot", ["-F", "-c", Config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        _dovecot.BeginErrorReadLine();
        _dovecot.BeginOutputReadLine();
        await WaitForPortAsync(ImapPort, _dovecot, "dovecot");
    }

    /// <summary>The IMAP outage: dovecot stopped (its mail stays on disk) until <see cref="StartImapAsync"/>.</summary>
    public async Task StopImapAsync()
    {
        if (_dovecot is null) return;
        await StopAsync(_dovecot);
        _dovecot = null;
        // The port is free again once the master is gone; wait so a restart can bind it.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && CanConnect(ImapPort)) await Task.Delay(50);
    }

    /// <summary>A mailbox (dovecot user) with its Maildir; returns the address.</summary>
    public string AddUser(string address)
    {
        lock (this) File.AppendAllText(Path.Combine(Root, "users"), $"{address}:{{PLAIN}}{Password}\n");
        return address;
    }

    public async Task<ImapClient> LoginAsync(string user)
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, Password);
        return client;
    }

    /// <summary>Puts a mail in the user's INBOX as a client would (IMAP APPEND); returns its UID.</summary>
    public async Task<UniqueId?> AppendAsync(string user, MimeMessage message, MessageFlags flags = MessageFlags.None)
    {
        using var client = await LoginAsync(user);
        var uid = await client.Inbox.AppendAsync(message, flags);
        await client.DisconnectAsync(true);
        return uid;
    }

    public async Task<UniqueId?> AppendAsync(string user, string rawMessage) =>
        await AppendAsync(user, await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(rawMessage.ReplaceLineEndings("\r\n")))));

    /// <summary>Delivers as an MTA does, straight into the user's Maildir (works while dovecot is down).</summary>
    public async Task DeliverToMaildirAsync(string user, MimeMessage message)
    {
        var box = Path.Combine(MailRoot, user);
        var file = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Guid.NewGuid():N}.test";
        var temp = Path.Combine(box, "tmp", file);
        Directory.CreateDirectory(Path.Combine(box, "tmp"));
        Directory.CreateDirectory(Path.Combine(box, "new"));
        await message.WriteToAsync(temp);
        await RunAsync("chown", "-R", "dovecot:dovecot", box);
        File.Move(temp, Path.Combine(box, "new", file));
    }

    /// <summary>Every mail in the user's INBOX, oldest first, with its flags.</summary>
    public async Task<IReadOnlyList<(MimeMessage Message, MessageFlags Flags, IReadOnlySet<string> Keywords)>> ReadInboxAsync(string user, string folder = "INBOX")
    {
        using var client = await LoginAsync(user);
        var box = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        await box.OpenAsync(FolderAccess.ReadOnly);
        var result = new List<(MimeMessage, MessageFlags, IReadOnlySet<string>)>();
        var uids = await box.SearchAsync(SearchQuery.All);
        if (uids.Count > 0)
        {
            var summaries = await box.FetchAsync(uids, MessageSummaryItems.Flags | MessageSummaryItems.UniqueId);
            foreach (var s in summaries.OrderBy(s => s.UniqueId))
                result.Add((await box.GetMessageAsync(s.UniqueId), s.Flags ?? MessageFlags.None, s.Keywords.ToHashSet()));
        }
        await client.DisconnectAsync(true);
        return result;
    }

    /// <summary>The mailbox is renumbered, as after a server migration: a new UIDVALIDITY and fresh UIDs.</summary>
    public async Task ChangeUidValidityAsync(string user, uint uidValidity)
    {
        var box = Path.Combine(MailRoot, user);
        foreach (var index in Directory.GetFiles(box, "dovecot*")) File.Delete(index);
        await RunAsync("/usr/bin/doveadm", "-c", Config, "mailbox", "update", "-u", user, "--uid-validity", uidValidity.ToString(System.Globalization.CultureInfo.InvariantCulture), "INBOX");
    }

    public async Task DisposeAsync()
    {
        if (_smtp is not null) await StopAsync(_smtp);
        if (_dovecot is not null) await StopAsync(_dovecot);
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            // SIGTERM by pid: dovecot's master stops its children itself.
            await RunAsync("kill", "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { process.Kill(); }
        }
        process.Dispose();
    }

    private static string DovecotConfig(string d, int port) => $$"""
        protocols = imap
        first_valid_uid = 1
        first_valid_gid = 1
        listen = 127.0.0.1
        base_dir = {{d}}/run
        state_dir = {{d}}/state
        log_path = {{d}}/dovecot.log
        ssl = no
        disable_plaintext_auth = no
        auth_mechanisms = plain login
        mail_location = maildir:{{d}}/mail/%u
        passdb {
          driver = passwd-file
          args = scheme=PLAIN {{d}}/users
        }
        userdb {
          driver = static
          args = uid=dovecot gid=dovecot home={{d}}/mail/%u
        }
        service imap-login {
          inet_listener imap {
            address = 127.0.0.1
            port = {{port}}
          }
        }
        service stats {
          unix_listener stats-writer {
            mode = 0666
          }
        }
        """;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task WaitForPortAsync(int port, Process process, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!CanConnect(port))
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode} before listening on {port}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} did not listen on {port}");
            await Task.Delay(50);
        }
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {error}");
    }
}

/// <summary>A dovecot that does not offer IDLE after login, as some hosted IMAP servers: the listener must poll.</summary>
public sealed class MailServersWithoutIdle : MailServers
{
    protected override string ExtraDovecotConfig =>
        "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ NAMESPACE UIDPLUS CHILDREN UNSELECT MOVE\n";
}
