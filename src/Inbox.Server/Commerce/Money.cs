namespace Inbox.Server.Commerce;

/// <summary>Amounts are stored in minor units (cents), so sums are exact on both databases.</summary>
public static class Money
{
    public static long ToMinor(decimal amount) => (long)decimal.Round(amount * 100m, 0, MidpointRounding.AwayFromZero);

    public static decimal FromMinor(long minor) => minor / 100m;
}
