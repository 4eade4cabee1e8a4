using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Conversations;
using Inbox.Server.Data;
using Inbox.Server.Live;

namespace Inbox.Server.Commerce.WooCommerce;

/// <summary>The commands behind the WooCommerce endpoints: saving the shop (its URL vetted by <see cref="ShopAddressGuard"/>)
/// and passing on a cancellation request for an order that is really the contact's, recorded on the conversation.</summary>
public sealed class WooCommerceConnection(
    WooCommerceSettings settings,
    ShopAddressGuard guard,
    WooCommerceClient client,
    CommerceLookup lookup,
    IEnumerable<ICommerceSource> sources,
    IDbConnectionFactory db,
    ConversationStore conversations,
    ConversationEventStore events,
    IInboxNotifier notifier,
    TimeProvider time)
{
    public async Task<Outcome<WooCommerceSettingsDto>> SaveAsync(Viewer viewer, WooCommerceSettingsRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.BaseUrl) || request.BaseUrl.Length > 500) return Outcome<WooCommerceSettingsDto>.Invalid("baseUrl", "The shop's URL is required (at most 500 characters).");
        if (await guard.CheckUrlAsync(request.BaseUrl.Trim(), ct) is { } why) return Outcome<WooCommerceSettingsDto>.Invalid("baseUrl", why);
        if (request.ConsumerKey is { Length: > 200 }) return Outcome<WooCommerceSettingsDto>.Invalid("consumerKey", "The consumer key is at most 200 characters.");
        if (request.ConsumerSecret is { Length: > 200 }) return Outcome<WooCommerceSettingsDto>.Invalid("consumerSecret", "The consumer secret is at most 200 characters.");
        if (!Enum.IsDefined(request.Cancellation)) return Outcome<WooCommerceSettingsDto>.Invalid("cancellation", "Cancellation is note or status.");
        if (await settings.CredentialsToSaveAsync(request.ConsumerKey, request.ConsumerSecret, ct) is not { } credentials)
            return Outcome<WooCommerceSettingsDto>.Invalid("consumerKey", "A consumer key and secret are required (WooCommerce › Settings › Advanced › REST API, read/write).");
        var shop = new WooCommerceShop(new Uri(request.BaseUrl.Trim()), credentials.Key, credentials.Secret, request.Cancellation, time.GetUtcNow());
        if (request.Enabled)
        {
            // Ask the shop once now, so a wrong key or URL is the admin's 400 today rather than a problem in every panel.
            try
            {
                await client.CurrencyAsync(shop, ct);
            }
            catch (Exception ex) when (ex is CommerceSourceException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                var refused = ex is CommerceSourceException { InnerException: HttpRequestException { StatusCode: System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden } };
                var reason = ex is CommerceSourceException ? ex.Message : "the shop did not answer in time.";
                return Outcome<WooCommerceSettingsDto>.Invalid(refused ? "consumerKey" : "baseUrl", $"Nothing was saved: {reason}");
            }
        }
        await settings.SaveAsync(shop, request.Enabled, viewer.UserId, ct);
        return Outcome<WooCommerceSettingsDto>.Ok(await settings.GetDtoAsync(ct));
    }

    public async Task<Outcome<OrderCancellationDto>> RequestCancellationAsync(Viewer viewer, OrderCancellationRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Number)) return Outcome<OrderCancellationDto>.Invalid("number", "Name the order by its number.");
        if (request.Reason is { Length: > 1000 }) return Outcome<OrderCancellationDto>.Invalid("reason", "The reason is at most 1000 characters.");
        if (sources.FirstOrDefault(s => s.Name == request.Source) is not IOrderCancellation shop)
            return Outcome<OrderCancellationDto>.Invalid("source", $"Orders from \"{request.Source}\" cannot be cancelled from Inbox; only a connected shop's can.");
        if (request.ConversationId is { } conversationId
            && (await conversations.GetDtoAsync(viewer, conversationId, ct) is not { } conversation || conversation.Contact.Id != request.ContactId))
            return Outcome<OrderCancellationDto>.Invalid("conversationId", $"Conversation {conversationId} is not one of contact {request.ContactId}'s.");
        // Only an order the agent can see as this contact's: found by the contact's own emails and phones.
        var orders = await lookup.OrdersOfContactAsync(viewer, request.ContactId, ct);
        if (orders.Error is not null) return new Outcome<OrderCancellationDto>(default, orders.Error, orders.Field, orders.Message);
        if (orders.Value!.Unavailable.FirstOrDefault(p => p.Source == request.Source) is { } down)
            return Outcome<OrderCancellationDto>.Unavailable($"{down.Message} Nothing was asked of the shop; try again in a moment.");
        if (orders.Value.Orders.FirstOrDefault(o => o.Source == request.Source && o.Number == request.Number.Trim()) is not { } order)
            return Outcome<OrderCancellationDto>.NotFound("Order");
        Outcome<OrderCancellationDto> done;
        try
        {
            done = await shop.RequestCancellationAsync(order, viewer.UserId, request.Reason, ct);
        }
        catch (Exception ex) when (ex is CommerceSourceException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var why = ex is CommerceSourceException ? ex.Message : "the shop did not answer in time.";
            return Outcome<OrderCancellationDto>.Unavailable($"The cancellation request did not reach the shop: {why} Try again in a moment.");
        }
        if (done.Error is null && request.ConversationId is { } recordOn) await RecordAsync(viewer, recordOn, done.Value!, request.Reason, ct);
        return done;
    }

    /// <summary>The request joins the conversation's event log (and its live audience sees the conversation change).</summary>
    private async Task RecordAsync(Viewer viewer, long conversationId, OrderCancellationDto cancellation, string? reason, CancellationToken ct)
    {
        LiveEvent live;
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            if (await conversations.GetDtoAsync(c, tx, conversationId, ct) is not { } conversation) return;
            live = await events.AppendAsync(c, tx, EventTypes.OrderCancellationRequested,
                new ConversationAudience(conversation.Id, conversation.TeamId, conversation.AssigneeId), viewer.UserId,
                new OrderCancellationData(cancellation.Source, cancellation.Number, cancellation.Rule, cancellation.Status, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()),
                conversation, time.GetUtcNow(), ct);
            await tx.CommitAsync(ct);
        }
        await notifier.PublishAsync([live], ct);
    }
}
