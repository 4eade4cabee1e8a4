namespace Inbox.Server.Files;

public static class FilesExtensions
{
    /// <summary>The file store (disk under {DataDirectory}/files), attachment rows, the inbound download step and the orphan sweep.</summary>
    public static WebApplicationBuilder AddInboxFiles(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FilesOptions>().BindConfiguration(FilesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IFileStore, DiskFileStore>();
        builder.Services.AddSingleton<AttachmentStore>();
        builder.Services.AddSingleton<InboundFiles>();
        builder.Services.AddSingleton<FileSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FileSweeper>());
        return builder;
    }
}
