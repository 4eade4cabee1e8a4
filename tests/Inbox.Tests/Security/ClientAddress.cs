using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Security;

/// <summary>The in-memory server has no client address; this lets a test say where a request comes from
/// (header <c>X-Test-Client</c>), as a different machine on the internet would be.</summary>
public sealed class ClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client";

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter, ClientAddress>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, then) =>
        {
            if (IPAddress.TryParse(http.Request.Headers[Header].ToString(), out var address)) http.Connection.RemoteIpAddress = address;
            return then(http);
        });
        next(app);
    };
}
