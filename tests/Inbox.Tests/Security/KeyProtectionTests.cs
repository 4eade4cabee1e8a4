using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Inbox.Contracts;
using Inbox.Server.Channels;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Security;

/// <summary>
/// With a certificate configured (Inbox:Keys), the Data Protection keys that encrypt channel credentials are themselves
/// encrypted on disk, and the credentials still decrypt; without one they are in the clear.
/// </summary>
public sealed class KeyProtectionTests : IDisposable
{
    private readonly string _certificate = Path.Combine(Path.GetTempPath(), "inbox-tests", $"keys-{Guid.NewGuid():N}.pfx");

    public KeyProtectionTests()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Inbox keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        Directory.CreateDirectory(Path.GetDirectoryName(_certificate)!);
        File.WriteAllBytes(_certificate, certificate.Export(X509ContentType.Pfx, "pfx-secret"));
    }

    public void Dispose() => File.Delete(_certificate);

    [Fact]
    public async Task With_a_certificate_the_keys_on_disk_are_encrypted_and_credentials_still_decrypt()
    {
        await using var app = new InboxAppFactory(settings: new()
        {
            ["Inbox:Keys:CertificatePath"] = _certificate,
            ["Inbox:Keys:CertificatePassword"] = "pfx-secret",
        });
        var channel = await app.CreateApiChannelAsync(await app.AdminClientAsync());

        var keyFiles = Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "key-*.xml");
        Assert.NotEmpty(keyFiles);
        foreach (var xml in keyFiles.Select(File.ReadAllText))
        {
            Assert.Contains("EncryptedXmlDecryptor", xml);
            Assert.DoesNotContain("<masterKey", xml);
        }
        var store = app.Services.GetRequiredService<ChannelStore>();
        Assert.Equal(channel.WebhookSecret, store.ContextOf((await store.GetAsync(channel.Id, default))!).Secret("webhookSecret"));
        Assert.True((await (await app.AdminClientAsync()).GetJsonAsync<KeyProtectionDto>(Routes.KeyProtection)).KeysEncrypted);
    }

    [Fact]
    public async Task Without_a_certificate_the_keys_are_in_the_clear()
    {
        await using var app = new InboxAppFactory();
        var admin = await app.AdminClientAsync();
        await app.CreateApiChannelAsync(admin);

        Assert.Contains(Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "key-*.xml").Select(File.ReadAllText), xml => xml.Contains("<masterKey"));
        Assert.False((await admin.GetJsonAsync<KeyProtectionDto>(Routes.KeyProtection)).KeysEncrypted); // the console warns admins
    }

    [Fact]
    public void A_certificate_path_that_does_not_exist_stops_the_start()
    {
        using var app = new InboxAppFactory(settings: new() { ["Inbox:Keys:CertificatePath"] = _certificate + ".missing" });

        var refused = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("does not exist", refused.ToString());
    }
}
