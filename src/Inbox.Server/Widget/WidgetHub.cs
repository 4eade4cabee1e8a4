using System.Threading.RateLimiting;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Channels;
using Inbox.Server.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Widget;

/// <summary>
/// The widget's live connection, anonymous: <c>/hubs/widget?channel={key}</c>, the Origin checked against the channel by
/// <see cref="WidgetCors"/>. The visitor's token comes in <see cref="Start"/> (never in a URL); nothing else is served
/// before it. Who the visitor is comes from that token alone, and each call spends from a per-connection budget.
/// </summary>
[AllowAnonymous]
public sealed class WidgetHub(
    WidgetChannels channels,
    VisitorSessions sessions,
    VisitorStore visitors,
    IVisitorPresence presence,
    WidgetLive live,
    ChannelInputWriter writer,
    WidgetAcknowledgements deliveries,
    IOptions<WidgetOptions> options,
    TimeProvider time) : Hub<IWidgetClient>, IWidgetHub
{
    public const int MaxDraftLength = 1_000;

    private sealed record Bound(WidgetChannel Channel, Visitor Visitor);

    public override Task OnConnectedAsync()
    {
        var permits = options.Value.HubCallsPerSecond;
        Context.Items[typeof(RateLimiter)] = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits * 3, TokensPerPeriod = permits, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
        });
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items[typeof(RateLimiter)] is RateLimiter limiter) limiter.Dispose();
        if (presence.Disconnected(Context.ConnectionId) is { } left) live.VisitorLeft(left);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<IReadOnlyList<WidgetMessageDto>> Start(string token, long afterMessageId, PageViewDto page)
    {
        Spend();
        if (Context.Items.ContainsKey(typeof(Bound))) throw new HubException("Already started.");
        var key = Context.GetHttpContext()?.Request.Query["channel"].ToString();
        var channel = await channels.FindAsync(key, Context.ConnectionAborted) ?? throw new HubException("Unknown channel.");
        var visitor = await sessions.AuthenticateAsync(channel, token, Context.ConnectionAborted) ?? throw new HubException("Unknown visitor.");
        Context.Items[typeof(Bound)] = new Bound(channel, visitor);
        await Groups.AddToGroupAsync(Context.ConnectionId, WidgetGroups.Visitor(visitor.Id), Context.ConnectionAborted);

        var thread = await visitors.ThreadAsync(visitor.Id, Context.ConnectionAborted);
        var returning = time.GetUtcNow() - visitor.CreatedAt > options.Value.VisitTimeout;
        live.VisitorUpdated(presence.Connected(Context.ConnectionId, visitor, returning, thread?.ConversationId, Clean(page)));
        return await sessions.HistoryAsync(visitor, afterMessageId, Context.ConnectionAborted);
    }

    public Task PageView(PageViewDto page)
    {
        Spend();
        _ = Current();
        if (Clean(page) is { } clean && presence.PageView(Context.ConnectionId, clean) is { } updated) live.VisitorUpdated(updated);
        return Task.CompletedTask;
    }

    public async Task Typing(bool isTyping)
    {
        Spend();
        var (channel, visitor) = Current();
        var activity = new CustomerActivity(channel.Id, ChannelAddress.WebVisitor(Guid.ParseExact(visitor.Id, "N")),
            isTyping ? CustomerActivityKind.Typing : CustomerActivityKind.StoppedTyping);
        await writer.WriteAsync(new ChannelInput { Activity = [activity] }, null, Context.ConnectionAborted);
    }

    public async Task Draft(string text)
    {
        Spend();
        var (channel, visitor) = Current();
        // Sneak peek is the site's choice, said in the widget's privacy line; without it drafts are dropped here.
        if (!channel.Settings.SneakPeek) return;
        var thread = await visitors.ThreadAsync(visitor.Id, Context.ConnectionAborted);
        var audience = thread?.ConversationId is { } id ? new ConversationAudience(id, thread.TeamId, thread.AssigneeId) : null;
        var clipped = text.Length > MaxDraftLength ? text[..MaxDraftLength] : text;
        live.Draft(new VisitorDraftDto(visitor.Id, thread?.ConversationId, clipped), audience);
    }

    public async Task Ack(long messageId)
    {
        Spend();
        var (channel, visitor) = Current();
        // Only an agent message of the visitor's own thread, sent on this channel, can be reported delivered.
        if (await visitors.OutboundChannelOfAsync(visitor.Id, messageId, Context.ConnectionAborted) != channel.Id) return;
        await deliveries.DeliveredAsync(messageId, Context.ConnectionAborted);
    }

    private (WidgetChannel Channel, Visitor Visitor) Current() =>
        Context.Items[typeof(Bound)] is Bound b ? (b.Channel, b.Visitor) : throw new HubException("Call Start first.");

    private void Spend()
    {
        if (Context.Items[typeof(RateLimiter)] is not RateLimiter limiter) return;
        using var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired) return;
        // Over budget: the connection is closed (the widget reconnects with backoff), so a flood costs one log line, not many.
        Context.Abort();
        throw new HubException("Too many calls; slow down.");
    }

    /// <summary>Page data comes from the visitor's browser: only http(s) URLs, clipped; shown to agents as text.</summary>
    public static PageViewDto? Clean(PageViewDto? page)
    {
        if (page is null || !IsWebUrl(page.Url)) return null;
        return new PageViewDto(Clip(page.Url, 2_000)!, Clip(page.Title, 300), IsWebUrl(page.Referrer) ? Clip(page.Referrer, 2_000) : null);
    }

    private static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string? Clip(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length > max ? value[..max] : value;
}
