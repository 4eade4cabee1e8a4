using Microsoft.Extensions.Options;

namespace Inbox.Server.Commerce;

public static class CommerceExtensions
{
    /// <summary>The built-in catalogue as the first commerce source, a connected WooCommerce shop as the second, reservations and their expiry, the demo seed.</summary>
    public static WebApplicationBuilder AddInboxCommerce(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<CommerceOptions>().BindConfiguration(CommerceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton<CatalogueStore>();
        s.AddSingleton<CatalogueImport>();
        // Every ICommerceSource singleton is asked by every lookup: the catalogue, then the admin's WooCommerce shop.
        s.AddSingleton<ICommerceSource, CatalogueSource>();
        s.AddOptions<WooCommerce.WooCommerceOptions>().BindConfiguration(WooCommerce.WooCommerceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddMemoryCache();
        s.AddSingleton<WooCommerce.ShopAddressGuard>();
        s.AddSingleton<WooCommerce.WooCommerceSettings>();
        s.AddSingleton<WooCommerce.WooCommerceConnection>();
        s.AddSingleton<WooCommerce.WooCommerceClient>();
        s.AddHttpClient(WooCommerce.WooCommerceClient.HttpClientName)
            .ConfigureHttpClient((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<WooCommerce.WooCommerceOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<WooCommerce.ShopAddressGuard>().ConnectAsync,
                AllowAutoRedirect = false, // a redirect must not lead the credentials elsewhere
                UseProxy = false,          // the guard vets the shop's address, not a proxy's
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .RemoveAllLoggers(); // its request URLs carry customers' emails and phones
        s.AddSingleton<WooCommerce.WooCommerceSource>();
        s.AddSingleton<ICommerceSource>(sp => sp.GetRequiredService<WooCommerce.WooCommerceSource>());
        s.AddSingleton<CommerceLookup>();
        s.AddSingleton<CommerceSummary>();
        s.AddSingleton<ReservationStore>();
        s.AddSingleton<BranchAccess>();
        s.AddSingleton<ReservationCommands>();
        s.AddHostedService<DemoCatalogueSeeder>();
        s.AddHostedService<ReservationExpirer>();
        s.AddSingleton<ReservationNotices>();
        s.AddHostedService(sp => sp.GetRequiredService<ReservationNotices>());
        return builder;
    }
}
