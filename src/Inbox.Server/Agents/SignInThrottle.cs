using System.Collections.Concurrent;

namespace Inbox.Server.Agents;

/// <summary>
/// Limits password guessing without handing attackers a lock-out button: failed attempts are counted per account
/// <em>and address</em> (guessing one person's password from one place) and per address (spraying many accounts),
/// never per account alone, so nobody elsewhere can lock a user out. A refused attempt is told when to retry.
/// Counted in memory on each node; a second node gives an attacker a second budget, not a way in.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int FailuresPerAccountAndAddress = 5;
    public const int FailuresPerAddress = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Counter> _counters = new();

    /// <summary>Counts an attempt before the password is checked (so parallel guesses count too); null when it may go
    /// ahead, else how long until it may. A sign-in that succeeds hands its attempt back (<see cref="Succeeded"/>).</summary>
    public TimeSpan? Attempt(string email, string address)
    {
        var now = time.GetUtcNow();
        if (_counters.Count > 10_000) Prune(now);
        var pair = _counters.GetOrAdd(PairKey(email, address), _ => new Counter());
        var place = _counters.GetOrAdd(AddressKey(address), _ => new Counter());
        var wait = Max(pair.Take(now, FailuresPerAccountAndAddress), place.Take(now, FailuresPerAddress));
        return wait;
    }

    public void Succeeded(string email, string address)
    {
        _counters.TryRemove(PairKey(email, address), out _);
        if (_counters.TryGetValue(AddressKey(address), out var place)) place.GiveBack();
    }

    private static string PairKey(string email, string address) => $"{address}|{email.Trim().ToLowerInvariant()}";

    private static string AddressKey(string address) => address;

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, counter) in _counters)
            if (counter.Expired(now)) _counters.TryRemove(key, out _);
    }

    /// <summary>A fixed window of attempts.</summary>
    private sealed class Counter
    {
        private DateTimeOffset _start;
        private int _count;

        public TimeSpan? Take(DateTimeOffset now, int limit)
        {
            lock (this)
            {
                if (now - _start >= Window) (_start, _count) = (now, 0);
                if (_count >= limit) return _start + Window - now;
                _count++;
                return null;
            }
        }

        public void GiveBack()
        {
            lock (this) if (_count > 0) _count--;
        }

        public bool Expired(DateTimeOffset now)
        {
            lock (this) return now - _start >= Window;
        }
    }
}
