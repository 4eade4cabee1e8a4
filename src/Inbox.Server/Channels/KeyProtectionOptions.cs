namespace Inbox.Server.Channels;

/// <summary>
/// Section "Inbox:Keys": a certificate that encrypts the Data Protection keys under {data}/keys (which in turn encrypt
/// channel credentials and sign cookies). Without one the keys are stored in the clear and anyone who reads the data
/// folder can decrypt the credentials; keys made before a certificate was set stay as they were until they expire.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "Inbox:Keys";

    /// <summary>A PKCS#12 (.pfx) file with a private key. Empty = keys stored unencrypted (the server warns).</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The .pfx file's password (set it in the environment, not in a file others can read).</summary>
    public string CertificatePassword { get; set; } = "";
}
