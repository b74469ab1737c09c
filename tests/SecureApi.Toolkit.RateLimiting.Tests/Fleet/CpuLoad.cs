namespace SecureApi.Toolkit.RateLimiting.Tests.Fleet;

/// <summary>
/// Busy-spinning threads, so a test faces a loaded machine as production does (the thread pool and Redis compete for
/// the cores). Each thread stops on <see cref="Dispose"/> or after <c>limit</c>, whichever comes first.
/// </summary>
internal sealed class CpuLoad : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Thread[] _threads;

    public CpuLoad(int threads, TimeSpan limit)
    {
        _stop = new CancellationTokenSource(limit);
        var token = _stop.Token;
        _threads = [.. Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            var x = 0UL;
            while (!token.IsCancellationRequested)
            {
                for (var i = 0; i < 10_000; i++)
                {
                    x = (x * 6364136223846793005UL) + 1442695040888963407UL;
                }
            }

            GC.KeepAlive(x);
        }) { IsBackground = true, Priority = ThreadPriority.Normal })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _stop.Dispose();
    }
}
