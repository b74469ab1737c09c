using System.Diagnostics;

namespace SecureApi.Toolkit.Benchmarks.Hashing;

/// <summary>
/// The benchmark process's own peak resident set. On Linux, writing 5 to /proc/self/clear_refs resets the peak
/// (VmHWM) so each benchmark case reports its own; elsewhere the peak covers the whole process.
/// </summary>
internal static class ProcessPeakMemory
{
    private static bool _reset;

    public static void Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            _reset = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _reset = false;
        }
    }

    public static string Describe()
    {
        using var process = Process.GetCurrentProcess();
        var peakMiB = process.PeakWorkingSet64 / (1024.0 * 1024.0);
        return $"{peakMiB:F0} MiB{(_reset ? " (since the case's setup)" : " (since the process started)")}, now {process.WorkingSet64 / (1024.0 * 1024.0):F0} MiB";
    }
}
