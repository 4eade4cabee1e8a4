using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Commerce.WooCommerce;

/// <summary>
/// Keeps requests to the shop off the machine's own networks: the URL must be https:// on a public address. Checked when
/// the admin saves it and again on every connection (the name is resolved at connect time and the socket goes only to
/// a vetted address), so a name that later resolves to 127.0.0.1 or 10.x is refused too. Only
/// <see cref="WooCommerceOptions.AllowLoopback"/> (tests, a shop on the developer's machine) lets loopback and plain
/// http://127.0.0.1 through; private ranges stay refused even then.
/// </summary>
public sealed class ShopAddressGuard(IOptions<WooCommerceOptions> options)
{
    private bool AllowLoopback => options.Value.AllowLoopback;

    /// <summary>Null when the URL is acceptable; otherwise why not.</summary>
    public async Task<string?> CheckUrlAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "The shop's URL is an absolute https:// address, e.g. https://shop.example.";
        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            return "The shop's URL has no user, query or fragment: just the site's address.";
        try
        {
            var addresses = await ResolveAsync(uri.DnsSafeHost, ct);
            // The key and secret travel with every request: plain http only to this machine, and only when allowed.
            if (uri.Scheme != Uri.UriSchemeHttps && !addresses.All(IPAddress.IsLoopback))
                return "The shop's URL must use https:// (the consumer key and secret travel with every request).";
            return null;
        }
        catch (ShopAddressException ex)
        {
            return char.ToUpperInvariant(ex.Message[0]) + ex.Message[1..];
        }
    }

    /// <summary>SocketsHttpHandler.ConnectCallback: connects only to an address that passed the check.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, ct);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            throw new ShopAddressException($"the shop's host name {host} does not resolve.");
        }
        if (addresses.Length == 0) throw new ShopAddressException($"the shop's host name {host} does not resolve.");
        if (addresses.Any(a => IsPrivate(a) && !(AllowLoopback && IPAddress.IsLoopback(a))))
            throw new ShopAddressException($"the shop's host {host} is on a private or loopback address; Inbox only calls shops on the public internet.");
        return addresses;
    }

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var v6 = address.GetAddressBytes();
            // NAT64 (64:ff9b::/96) carries an IPv4 address in its last four bytes: judge that one.
            if (v6[0] == 0 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6[4..12].All(x => x == 0))
                return IsPrivate(new IPAddress(v6[12..]));
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] is >= 64 and <= 127, // carrier-grade NAT
            169 => b[1] == 254,              // link-local, cloud metadata
            172 => b[1] is >= 16 and <= 31,
            192 => b[1] == 168 || (b[1] == 0 && b[2] is 0 or 2),
            198 => b[1] is 18 or 19,         // benchmarking
            >= 224 => true,                  // multicast, reserved, broadcast
            _ => false,
        };
    }
}

/// <summary>The shop's address is not one Inbox will call (private, loopback, unresolvable); the message says which.</summary>
public sealed class ShopAddressException(string message) : Exception(message);
