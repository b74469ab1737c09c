using Microsoft.AspNetCore.Http;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Testing;

/// <summary>An <see cref="ISecuritySignalSink"/> that keeps every signal published, for tests to assert on.</summary>
public sealed class RecordingSignalSink : ISecuritySignalSink
{
    private readonly List<SecuritySignal> _signals = [];

    /// <summary>Gets a snapshot of the signals published so far, in order (requests publish from many threads).</summary>
    public IReadOnlyList<SecuritySignal> Signals
    {
        get
        {
            lock (_signals)
            {
                return [.. _signals];
            }
        }
    }

    /// <inheritdoc />
    public void Publish(HttpContext context, in SecuritySignal signal)
    {
        lock (_signals)
        {
            _signals.Add(signal);
        }
    }
}
