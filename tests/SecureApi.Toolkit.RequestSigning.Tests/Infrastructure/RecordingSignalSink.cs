using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;

internal sealed class RecordingSignalSink : ISecuritySignalSink
{
    public ConcurrentQueue<SecuritySignal> Signals { get; } = new();

    public void Publish(HttpContext context, in SecuritySignal signal) => Signals.Enqueue(signal);
}
