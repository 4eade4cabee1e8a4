namespace Inbox.Server.Api;

public static class DefaultUrl
{
    public const string Value = "http://localhost:5080";

    /// <summary>Serve on http://localhost:5080 unless urls, ports or Kestrel endpoints are configured.</summary>
    public static WebApplicationBuilder UseInboxDefaultUrl(this WebApplicationBuilder builder)
    {
        var c = builder.Configuration;
        var configured = !string.IsNullOrEmpty(c["urls"]) || !string.IsNullOrEmpty(c["http_ports"]) || !string.IsNullOrEmpty(c["https_ports"])
            || c.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!configured) builder.WebHost.UseUrls(Value);
        return builder;
    }
}
