namespace Inbox.Bench;

/// <summary>Busy CPU time of the whole machine (/proc/stat), to tell how much of it went to processes other than server and bench.</summary>
public static class MachineLoad
{
    public static TimeSpan BusyCpu()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // cpu user nice system idle iowait irq softirq steal ...
            long F(int i) => fields.Length > i ? long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture) : 0;
            var busyTicks = F(1) + F(2) + F(3) + F(6) + F(7) + F(8);
            return TimeSpan.FromSeconds(busyTicks / 100.0); // USER_HZ is 100 on Linux
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException) { return TimeSpan.Zero; }
    }

    public static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "n/a"; }
    }
}
