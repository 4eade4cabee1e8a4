using Inbox.Contracts;
using Inbox.Server.Api;

namespace Inbox.Server.Commerce;

/// <summary>A source that can pass a customer's cancellation request on to the shop (WooCommerce: a note or a status
/// change, per the shop's rule). The built-in catalogue keeps no order workflow, so it does not take one.</summary>
public interface IOrderCancellation
{
    Task<Outcome<OrderCancellationDto>> RequestCancellationAsync(OrderDto order, long agentId, string? reason, CancellationToken ct);
}
