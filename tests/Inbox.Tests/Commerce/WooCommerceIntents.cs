using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Commerce;

public static class WooCommerceIntents
{
    /// <summary>A server that may call a shop on this machine (the loopback WooCommerce), with a short lookup deadline.</summary>
    public static Dictionary<string, string?> Settings(string lookupTimeout = "00:00:02") => new()
    {
        ["Inbox:Commerce:WooCommerce:AllowLoopback"] = "true",
        ["Inbox:Commerce:LookupTimeout"] = lookupTimeout,
    };

    public static Task<HttpResponseMessage> ConnectShopAsync(this HttpClient admin, LoopbackWooCommerce shop, CancellationRule rule = CancellationRule.Note,
        string? secret = null, string? baseUrl = null) =>
        admin.PutAsJsonAsync(Routes.CommerceWooCommerce, new WooCommerceSettingsRequest(baseUrl ?? shop.BaseUrl.AbsoluteUri, shop.ConsumerKey, secret ?? shop.ConsumerSecret, rule));

    public static async Task<WooCommerceSettingsDto> ConnectedShopAsync(this HttpClient admin, LoopbackWooCommerce shop, CancellationRule rule = CancellationRule.Note) =>
        await (await admin.ConnectShopAsync(shop, rule)).ReadJsonOrDumpAsync<WooCommerceSettingsDto>();

    public static Task<HttpResponseMessage> RequestCancellationAsync(this HttpClient agent, long contactId, string number, long? conversationId = null,
        string? reason = null, string source = "woocommerce") =>
        agent.PostAsJsonAsync(Routes.CommerceOrderCancellation, new OrderCancellationRequest(contactId, source, number, reason, conversationId));

    /// <summary>A Spanish mobile nobody else in the test run has.</summary>
    public static string NewMobile() => $"+346{Random.Shared.Next(10_000_000, 99_999_999)}";

    /// <summary>"+34612345678" as a shop's checkout form often keeps it: "612 345 678".</summary>
    public static string AsTyped(string e164) => $"{e164[3..6]} {e164[6..9]} {e164[9..]}";
}
