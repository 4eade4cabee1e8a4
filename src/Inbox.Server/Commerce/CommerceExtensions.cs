namespace Inbox.Server.Commerce;

public static class CommerceExtensions
{
    /// <summary>The built-in catalogue as the first commerce source, reservations and their expiry, the demo seed.</summary>
    public static WebApplicationBuilder AddInboxCommerce(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<CommerceOptions>().BindConfiguration(CommerceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton<CatalogueStore>();
        s.AddSingleton<CatalogueImport>();
        // More sources (WooCommerce) register here as further ICommerceSource singletons; every lookup asks them all.
        s.AddSingleton<ICommerceSource, CatalogueSource>();
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
