using System.Text;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Tests.Commerce;

/// <summary>With every log at Information, talking to the shop (and failing to) leaves no consumer key or secret, and no
/// customer email or phone (they ride in the shop's query strings), in any log line or logged exception.</summary>
public sealed class WooCommerceLogTests
{
    [Fact]
    public async Task Lookups_and_a_refused_key_log_neither_credentials_nor_the_customers_email_and_phone()
    {
        var logs = new LogCapture();
        await using var shop = await LoopbackWooCommerce.StartAsync();
        var settings = WooCommerceIntents.Settings();
        settings["Logging:LogLevel:Default"] = "Information";
        await using var app = new InboxAppFactory(settings: settings, services: s => s.AddSingleton<ILoggerProvider>(logs));
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin);
        await admin.ConnectedShopAsync(shop);
        var phone = WooCommerceIntents.NewMobile();
        var email = $"log-{Guid.NewGuid():N}@customer.test";
        shop.AddOrder("processing", email: email, phone: WooCommerceIntents.AsTyped(phone));
        var byPhone = await app.PushAcceptedAsync(channel, "log-1", phone, "Hola");
        var byEmail = await app.PushAcceptedAsync(channel, "log-2", email, "Hola", kind: "email");
        await admin.PostJsonAsync<ContactDto>(Routes.ContactMerge(byPhone.ContactId), new MergeContactsRequest(byEmail.ContactId));

        var found = await admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(byPhone.ContactId));
        Assert.Single(found.Orders);
        var secret = shop.ConsumerSecret;
        shop.RotateSecret();
        await admin.ConnectedShopAsync(shop); // a new version of the settings: nothing cached any more
        shop.RotateSecret();
        var refused = await admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(byPhone.ContactId));
        Assert.Contains("refused", Assert.Single(refused.Unavailable).Message);

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{shop.ConsumerKey}:{secret}"));
        var written = logs.Lines.Select(l => $"{l.Message}\n{l.Exception}").ToList();
        Assert.Contains(written, l => l.Contains("Commerce source woocommerce failed", StringComparison.Ordinal)); // the failure is logged...
        foreach (var forbidden in new[] { shop.ConsumerKey, secret, shop.ConsumerSecret, basic, email, phone, phone[3..], WooCommerceIntents.AsTyped(phone) })
            Assert.DoesNotContain(written, l => l.Contains(forbidden, StringComparison.OrdinalIgnoreCase)); // ...without them
    }
}
