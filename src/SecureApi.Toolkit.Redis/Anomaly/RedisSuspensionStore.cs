using System.Globalization;
using SecureApi.Toolkit.Redis.Connection;
using SecureApi.Toolkit.Stores;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.Anomaly;

/// <summary>
/// Suspensions shared by every instance. Per caller, two keys in one hash slot (tagged by the caller id): the
/// suspension (a hash that expires with the cool-down) and the offence count (expires <c>OffenceMemory</c> after the
/// cool-down). One script decides, escalates and writes atomically, with the time from Redis <c>TIME</c>. Each change
/// is then published on one channel, which every instance's <see cref="SubscribeAsync"/> receives within
/// milliseconds; a sorted-set index (best effort, outside the script because it lives in another slot) lets an
/// instance reload the active suspensions.
/// </summary>
internal sealed partial class RedisSuspensionStore(RedisConnection connection) : ISuspensionStore
{
    public async ValueTask<SuspensionOutcome> SuspendAsync(string callerId, SuspensionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerId);
        ArgumentNullException.ThrowIfNull(request);

        RedisKey[] keys = [SuspensionKey(callerId), OffenceKey(callerId)];
        RedisValue[] args =
        [
            request.Reason,
            Number(request.BaseDuration.TotalMilliseconds),
            Number(request.Multiplier),
            Number(request.MaxDuration.TotalMilliseconds),
            Number(request.JitterFactor),
            Number(Math.Max(1, request.OffenceMemory.TotalMilliseconds)),
            request.Replace ? "1" : "0",
        ];
        var result = (RedisResult[])(await RedisCommands.RunAsync(connection, db => db.ScriptEvaluateAsync(SuspendScript, keys, args), cancellationToken).ConfigureAwait(false))!;
        var created = (long)result[0] == 1;
        var suspension = ToSuspension(callerId, result, 1);
        var remaining = TimeSpan.FromMilliseconds((long)result[5]);
        if (created)
        {
            RedisKey[] index = [IndexKey];
            RedisValue[] entry = [callerId, suspension.ExpiresAt.ToUnixTimeMilliseconds(), (long)remaining.TotalMilliseconds];
            await RedisCommands.RunAsync(connection, db => db.ScriptEvaluateAsync(IndexAddScript, index, entry), cancellationToken).ConfigureAwait(false);
            await PublishAsync(SuspensionMessage.Suspended(suspension, remaining), cancellationToken).ConfigureAwait(false);
        }

        return new SuspensionOutcome(suspension, created, remaining);
    }

    public async ValueTask<Suspension?> GetAsync(string callerId, CancellationToken cancellationToken = default) =>
        (await GetWithRemainingAsync(callerId, cancellationToken).ConfigureAwait(false))?.Suspension;

    public async ValueTask<bool> LiftAsync(string callerId, bool forgetOffences = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerId);
        RedisKey[] keys = [SuspensionKey(callerId), OffenceKey(callerId)];
        RedisValue[] args = [forgetOffences ? "1" : "0"];
        var lifted = (long)await RedisCommands.RunAsync(connection, db => db.ScriptEvaluateAsync(LiftScript, keys, args), cancellationToken).ConfigureAwait(false) == 1;
        await RedisCommands.RunAsync(connection, db => db.SortedSetRemoveAsync(IndexKey, callerId), cancellationToken).ConfigureAwait(false);
        if (lifted)
        {
            await PublishAsync(SuspensionMessage.Lifted(callerId), cancellationToken).ConfigureAwait(false);
        }

        return lifted;
    }

    public async ValueTask<IReadOnlyList<SuspensionChange>> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        RedisKey[] keys = [IndexKey];
        var members = (RedisResult[])(await RedisCommands.RunAsync(connection, db => db.ScriptEvaluateAsync(ActiveIndexScript, keys), cancellationToken).ConfigureAwait(false))!;
        var active = new List<SuspensionChange>(members.Length);
        foreach (var member in members)
        {
            if (await GetWithRemainingAsync((string)member!, cancellationToken).ConfigureAwait(false) is { } change)
            {
                active.Add(change);
            }
        }

        return active;
    }

    private async ValueTask<SuspensionChange?> GetWithRemainingAsync(string callerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerId);
        RedisKey[] keys = [SuspensionKey(callerId)];
        var result = await RedisCommands.RunAsync(connection, db => db.ScriptEvaluateAsync(GetScript, keys), cancellationToken).ConfigureAwait(false);
        if (result.IsNull)
        {
            return null;
        }

        var fields = (RedisResult[])result!;
        return new SuspensionChange(callerId, ToSuspension(callerId, fields, 0), TimeSpan.FromMilliseconds((long)fields[4]));
    }

    public async ValueTask<IAsyncDisposable> SubscribeAsync(Action<SuspensionChange> onChange, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var channel = Channel;
        Action<RedisChannel, RedisValue> handler = (_, message) =>
        {
            if (SuspensionMessage.TryParse(message, out var change))
            {
                onChange(change);
            }
        };
        var subscriber = await RedisCommands.RunAsync(
            connection,
            async db =>
            {
                var s = db.Multiplexer.GetSubscriber();
                await s.SubscribeAsync(channel, handler).ConfigureAwait(false);
                return s;
            },
            cancellationToken).ConfigureAwait(false);
        return new Subscription(subscriber, channel, handler);
    }

    private RedisChannel Channel => RedisChannel.Literal(connection.InstanceName + "anomaly:suspensions");

    private RedisKey IndexKey => connection.Key("suspension", "index", "active");

    private RedisKey SuspensionKey(string callerId) => connection.Key("suspension", callerId, "s");

    private RedisKey OffenceKey(string callerId) => connection.Key("suspension", callerId, "o");

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static Suspension ToSuspension(string callerId, RedisResult[] fields, int offset) => new(
        callerId,
        (string)fields[offset]!,
        DateTimeOffset.FromUnixTimeMilliseconds((long)fields[offset + 1]),
        DateTimeOffset.FromUnixTimeMilliseconds((long)fields[offset + 2]),
        (int)fields[offset + 3]);

    private Task PublishAsync(string message, CancellationToken cancellationToken) =>
        RedisCommands.RunAsync(connection, db => db.PublishAsync(Channel, message), cancellationToken).AsTask();

    private sealed class Subscription(ISubscriber subscriber, RedisChannel channel, Action<RedisChannel, RedisValue> handler) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await subscriber.UnsubscribeAsync(channel, handler).ConfigureAwait(false);
            }
            catch (RedisException)
            {
                // Redis is gone: there is nothing left to unsubscribe from.
            }
        }
    }
}
