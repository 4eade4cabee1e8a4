using System.Diagnostics;
using Inbox.Contracts;
using Inbox.Server.Commerce;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Commerce;

/// <summary>Several sources answer one lookup; one that is down or hangs is named as unavailable and the rest still show.</summary>
public sealed class CommerceSourceTests
{
    private sealed class DownShop : ICommerceSource
    {
        public string Name => "woocommerce";
        public Task<IReadOnlyList<OrderDto>> FindOrdersAsync(CustomerKeys customer, CancellationToken ct) => throw new HttpRequestException("connection refused");
        public Task<IReadOnlyList<ProductDto>> SearchProductsAsync(ProductQuery query, CancellationToken ct) => throw new HttpRequestException("connection refused");
    }

    private sealed class HangingShop : ICommerceSource
    {
        public string Name => "slowshop";
        public async Task<IReadOnlyList<OrderDto>> FindOrdersAsync(CustomerKeys customer, CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return [];
        }
        public async Task<IReadOnlyList<ProductDto>> SearchProductsAsync(ProductQuery query, CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return [];
        }
    }

    [Fact]
    public async Task A_shop_that_is_down_or_hangs_is_named_while_the_built_in_catalogue_and_the_thread_keep_working()
    {
        await using var app = new InboxAppFactory(settings: new() { ["Inbox:Commerce:LookupTimeout"] = "00:00:02" }, services: s =>
        {
            s.AddSingleton<ICommerceSource, DownShop>();
            s.AddSingleton<ICommerceSource, HangingShop>();
        });
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin);
        var catalogue = await admin.ImportSofaAsync(madrid: 1, valencia: 1);
        var customer = await app.PushAcceptedAsync(channel, "down-1", "+34600800001", "¿Y mi pedido?");

        var watch = Stopwatch.StartNew();
        var orders = await admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(customer.ContactId));
        var products = await admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q={catalogue.SofaSku}");
        watch.Stop();
        var reply = await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(customer.ConversationId), new ReplyRequest("Lo miro ahora mismo"));

        Assert.Empty(orders.Orders);
        Assert.Equal(["slowshop", "woocommerce"], orders.Unavailable.Select(p => p.Source).Order());
        Assert.Contains("did not answer within 2 s", orders.Unavailable.Single(p => p.Source == "slowshop").Message);
        Assert.Contains("unavailable", orders.Unavailable.Single(p => p.Source == "woocommerce").Message);
        Assert.Equal(catalogue.SofaSku, products.Products.Single().Sku);
        Assert.Equal(2, products.Unavailable.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"two lookups took {watch.Elapsed}");
        Assert.Equal(customer.ConversationId, reply.ConversationId);
    }
}
