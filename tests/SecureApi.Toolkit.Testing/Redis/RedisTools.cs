namespace SecureApi.Toolkit.Testing.Redis;

/// <summary>Finds the Redis executables, failing with how to install them (a Redis test never skips).</summary>
public static class RedisTools
{
    /// <summary>Returns the full path of <paramref name="name"/> on PATH or in /usr/bin.</summary>
    public static string Find(string name)
    {
        var paths = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/local/bin");
        foreach (var directory in paths)
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"'{name}' was not found, and the Redis tests need a real Redis. Install it with: " +
            "sudo apt-get update && sudo apt-get install -y redis-server redis-tools (./test.sh does this when run as root).");
    }
}
