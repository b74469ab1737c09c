using System.Text.Json;
using SecureApi.Toolkit.Stores;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Redis.Anomaly;

/// <summary>
/// The pub/sub message for a suspension change: a small JSON object. It carries the remaining time, so a receiving
/// instance computes the end by its own clock whatever the skew between it and Redis.
/// </summary>
internal static class SuspensionMessage
{
    public static string Suspended(Suspension suspension, TimeSpan remaining) => Write(w =>
    {
        w.WriteString("op", "s");
        w.WriteString("id", suspension.CallerId);
        w.WriteString("reason", suspension.Reason);
        w.WriteNumber("at", suspension.SuspendedAt.ToUnixTimeMilliseconds());
        w.WriteNumber("exp", suspension.ExpiresAt.ToUnixTimeMilliseconds());
        w.WriteNumber("offence", suspension.Offence);
        w.WriteNumber("remaining", (long)remaining.TotalMilliseconds);
    });

    public static string Lifted(string callerId) => Write(w =>
    {
        w.WriteString("op", "l");
        w.WriteString("id", callerId);
    });

    public static bool TryParse(RedisValue message, out SuspensionChange change)
    {
        change = default;
        try
        {
            using var document = JsonDocument.Parse((string)message!);
            var root = document.RootElement;
            var id = root.GetProperty("id").GetString();
            if (string.IsNullOrEmpty(id))
            {
                return false;
            }

            switch (root.GetProperty("op").GetString())
            {
                case "l":
                    change = new SuspensionChange(id, null, TimeSpan.Zero);
                    return true;
                case "s":
                    var suspension = new Suspension(
                        id,
                        root.GetProperty("reason").GetString() ?? "anomaly",
                        DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("at").GetInt64()),
                        DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("exp").GetInt64()),
                        root.GetProperty("offence").GetInt32());
                    change = new SuspensionChange(id, suspension, TimeSpan.FromMilliseconds(root.GetProperty("remaining").GetInt64()));
                    return true;
                default:
                    return false;
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Not one of ours (someone else published on the channel): ignore it.
            return false;
        }
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
