namespace Inbox.Server.Files;

public static class FilesExtensions
{
    /// <summary>The file store (disk under {DataDirectory}/files), attachment rows and the inbound download step.</summary>
    public static WebApplicationBuilder AddInboxFiles(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FilesOptions>().BindConfiguration(FilesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IFileStore, DiskFileStore>();
        builder.Services.AddSingleton<AttachmentStore>();
        builder.Services.AddSingleton<InboundFiles>();
        builder.Services.AddSingleton<ProviderMediaLinks>();
        return builder;
    }
}
