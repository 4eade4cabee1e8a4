using System.Globalization;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Api;
using Inbox.Server.Channels;
using Inbox.Server.Files;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Widget;

/// <summary>
/// Files from and to website visitors. An upload is stored like any file (limited by the web chat connector's
/// <see cref="IChannelConnector.MaxAttachmentBytes"/>, its type decided from its bytes) and answered with a reference: its
/// storage key, type, size and name sealed with Data Protection together with the visitor's id, for <see cref="Lifetime"/>.
/// No table is needed, nothing can be guessed or enumerated, and only the visitor who uploaded a file can send it; the
/// sweep's grace keeps the bytes until the message names them. A visitor downloads only files of its own thread.
/// </summary>
public sealed class VisitorFiles(IFileStore store, ChannelConnectors connectors, VisitorStore visitors, IDataProtectionProvider protection,
    IOptions<WidgetOptions> options)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Room for the multipart framing around the file in a request body.</summary>
    private const long FormOverhead = 64 * 1024;

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Inbox.WidgetUploads.v1").ToTimeLimitedDataProtector();

    /// <summary>Largest file a visitor sends or receives (0: none).</summary>
    public long MaxBytes => connectors.Connector(ChannelTypes.WebChat)?.MaxAttachmentBytes ?? 0;

    public async Task<Outcome<WidgetUploadDto>> UploadAsync(Visitor visitor, HttpRequest request, CancellationToken ct)
    {
        var max = MaxBytes;
        if (max <= 0) return Outcome<WidgetUploadDto>.Forbidden("This site takes no files.");
        var tooLarge = Outcome<WidgetUploadDto>.TooLarge("file", $"The file is larger than {InboundFiles.Megabytes(max)}.");
        // Refused before a byte is read: a browser always says how long its form is.
        if (request.ContentLength > max + FormOverhead) return tooLarge;
        if (!request.HasFormContentType) return NoFile();
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max + FormOverhead;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return tooLarge;
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return NoFile();
        }
        if (form.Files.GetFile("file") is not { } file) return NoFile();
        if (file.Length > max) return tooLarge;
        await using var content = file.OpenReadStream();
        if (await store.PutAsync(content, max, ct) is not { } stored) return tooLarge;
        if (stored.Size == 0) return Outcome<WidgetUploadDto>.Invalid("file", "The file is empty.");
        var upload = new StoredAttachment(FileNames.Clean(file.FileName), ContentSniffer.Decide(stored.Head, file.ContentType), stored.Size, stored.Key);
        if (!Accepted(stored.Head, upload.ContentType, upload.FileName))
            return Outcome<WidgetUploadDto>.UnsupportedType("file", "Only pictures (PNG, JPEG, GIF, WebP), PDF, text, office documents, audio and video can be sent.");
        return Outcome<WidgetUploadDto>.Ok(new WidgetUploadDto(Seal(visitor, upload), upload.FileName, upload.ContentType, upload.Size));

        static Outcome<WidgetUploadDto> NoFile() => Outcome<WidgetUploadDto>.Invalid("file", "Send the file as multipart/form-data in a field named 'file'.");
    }

    /// <summary>
    /// What a visitor may send: files whose bytes say they are a picture, a PDF, plain text, an office document, audio or
    /// video, under a name that does not run when opened. Archives, programs, scripts, markup and bytes nothing recognises
    /// are refused: an agent opens these files.
    /// </summary>
    public static bool Accepted(ReadOnlySpan<byte> head, string decidedType, string fileName) =>
        ContentSniffer.Sniff(head) is not null && decidedType is not ("application/zip" or ContentSniffer.Binary)
        && !Runnable.Contains(Path.GetExtension(fileName));

    /// <summary>Names a desktop runs when opened: a script is plain text to the sniffer, but not to the agent's computer.</summary>
    private static readonly HashSet<string> Runnable = new(StringComparer.OrdinalIgnoreCase)
    {
        ".bat", ".cmd", ".com", ".cpl", ".exe", ".hta", ".jar", ".js", ".jse", ".lnk", ".msi", ".pif", ".ps1", ".psm1", ".reg",
        ".scr", ".sh", ".vbe", ".vbs", ".wsf", ".wsh", ".html", ".htm", ".svg", ".xhtml",
    };

    /// <summary>The files a message of <paramref name="visitor"/> names by reference, ready for the inbound path; a
    /// reference that is not this visitor's, has expired or whose bytes are gone is a 400.</summary>
    public async Task<Outcome<IReadOnlyList<InboundAttachment>>> AttachmentsAsync(Visitor visitor, IReadOnlyList<string>? references, CancellationToken ct)
    {
        var distinct = (references ?? []).Distinct(StringComparer.Ordinal).ToList();
        var most = options.Value.MaxFilesPerMessage;
        if (distinct.Count > most) return Outcome<IReadOnlyList<InboundAttachment>>.Invalid("files", $"At most {most} files in one message.");
        var attachments = new List<InboundAttachment>(distinct.Count);
        foreach (var reference in distinct)
        {
            if (Open(visitor, reference) is not { } file || !await ExistsAsync(file.StorageKey, ct))
                return Outcome<IReadOnlyList<InboundAttachment>>.Invalid("files", "Unknown or expired file: upload it again.");
            attachments.Add(new InboundAttachment(file.FileName, file.ContentType, file.Size,
                async fileCt => await store.OpenAsync(file.StorageKey, fileCt) ?? throw new FileNotFoundException($"Upload \"{file.FileName}\" is gone from the file store.")));
        }
        return Outcome<IReadOnlyList<InboundAttachment>>.Ok(attachments);
    }

    /// <summary>A file of the visitor's own thread (not a private note's), with its bytes; null when there is none.</summary>
    public async Task<(StoredAttachment File, Stream Content)?> DownloadAsync(Visitor visitor, long attachmentId, CancellationToken ct)
    {
        if (await visitors.AttachmentAsync(visitor.Id, attachmentId, ct) is not { } file) return null;
        return await store.OpenAsync(file.StorageKey, ct) is { } content ? (file, content) : null;
    }

    private string Seal(Visitor visitor, StoredAttachment file) =>
        _protector.Protect(string.Join('\n', visitor.Id, file.StorageKey, file.ContentType, file.Size.ToString(CultureInfo.InvariantCulture), file.FileName), Lifetime);

    private StoredAttachment? Open(Visitor visitor, string reference)
    {
        if (reference.Length is 0 or > 4096) return null;
        try
        {
            // Cleaned names have no control characters, so the name is whole as the last part.
            var parts = _protector.Unprotect(reference, out _).Split('\n', 5);
            return parts.Length == 5 && parts[0] == visitor.Id && long.TryParse(parts[3], CultureInfo.InvariantCulture, out var size)
                ? new StoredAttachment(parts[4], parts[2], size, parts[1])
                : null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }

    private async Task<bool> ExistsAsync(string key, CancellationToken ct)
    {
        await using var content = await store.OpenAsync(key, ct);
        return content is not null;
    }
}
