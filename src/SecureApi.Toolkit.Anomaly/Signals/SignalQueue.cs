using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Anomaly.Signals;

/// <summary>
/// The bounded hand-off between requests and the background processor. Observations are structs, so a write copies
/// into the channel's buffer without allocating; a full queue drops and counts instead of making a request wait.
/// </summary>
internal sealed class SignalQueue
{
    private readonly Channel<AnomalyObservation> _channel;
    private readonly AnomalyMetrics _metrics;
    private long _dropped;

    public SignalQueue(IOptions<AnomalyOptions> options, AnomalyMetrics metrics)
    {
        _metrics = metrics;
        _channel = Channel.CreateBounded<AnomalyObservation>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<AnomalyObservation> Reader => _channel.Reader;

    public void Write(in AnomalyObservation observation)
    {
        // With FullMode.Wait, TryWrite fails instead of waiting when the queue is full: drop and count.
        if (!_channel.Writer.TryWrite(observation))
        {
            Interlocked.Increment(ref _dropped);
            _metrics.SignalDropped();
        }
    }
}
