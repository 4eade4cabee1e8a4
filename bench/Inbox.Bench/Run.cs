using System.Collections.Concurrent;
using System.Diagnostics;

namespace Inbox.Bench;

/// <summary>Per-message timestamps of one load run (Stopwatch ticks), indexed by sequence number.</summary>
public sealed class Run(string tag, int count)
{
    public string Tag { get; } = tag;
    public int Count { get; } = count;
    public long[] SentAt { get; } = new long[count];
    public long[] AnsweredAt { get; } = new long[count];
    public int[] Status { get; } = new int[count];
    public long[] ReceivedAt { get; } = new long[count];
    public int[] Receipts { get; } = new int[count];
    public ConcurrentDictionary<string, int> Errors { get; } = new();
    public ConcurrentDictionary<string, string> ErrorSamples { get; } = new();
    public long FirstSend { get; set; }
    public long LastOk { get; set; }

    private int _receivedDistinct;
    private int _receivedTotal;

    public int ReceivedDistinct => Volatile.Read(ref _receivedDistinct);
    public int ReceivedTotal => Volatile.Read(ref _receivedTotal);

    public void Received(int seq, long at)
    {
        Interlocked.Increment(ref _receivedTotal);
        if (Interlocked.Increment(ref Receipts[seq]) == 1)
        {
            ReceivedAt[seq] = at;
            Interlocked.Increment(ref _receivedDistinct);
        }
    }

    public void Error(string kind, string sample)
    {
        Errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        ErrorSamples.TryAdd(kind, sample);
    }

    public int Accepted => Status.Count(s => s == 200);

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
