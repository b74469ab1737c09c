using System.Diagnostics;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Testing.Redis;

/// <summary>
/// xunit fixture: a real Redis Cluster of three masters (<c>redis-server --cluster-enabled yes</c> ×3, joined with
/// <c>redis-cli --cluster create</c>), on free loopback ports, stopped afterwards.
/// </summary>
public sealed class RedisClusterFixture : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _admin;

    /// <summary>Starts the three nodes, creates the cluster and waits until every slot is served.</summary>
    public RedisClusterFixture()
    {
        // Started inside the try: when a later node or the cluster fails, the nodes already running are stopped too.
        var nodes = new List<RedisProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(RedisProcess.Start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000"));
            }

            Nodes = [.. nodes];
            CreateCluster();
            WaitUntilHealthy();
        }
        catch
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }

            throw;
        }

        _admin = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(ConnectionString + ",allowAdmin=true"));
    }

    /// <summary>Gets the three master processes.</summary>
    public IReadOnlyList<RedisProcess> Nodes { get; }

    /// <summary>Gets a StackExchange.Redis configuration string naming every node.</summary>
    public string ConnectionString => string.Join(',', Nodes.Select(n => n.Endpoint)) + ",abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    /// <summary>Gets an admin connection for assertions.</summary>
    public ConnectionMultiplexer Admin => _admin.Value;

    /// <summary>Opens a new, independent connection, as a separate app instance would.</summary>
    public ConnectionMultiplexer Connect() => ConnectionMultiplexer.Connect(ConnectionString);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }

        foreach (var node in Nodes)
        {
            node.Dispose();
        }
    }

    private void CreateCluster()
    {
        var info = new ProcessStartInfo(RedisTools.Find("redis-cli"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--cluster");
        info.ArgumentList.Add("create");
        foreach (var node in Nodes)
        {
            info.ArgumentList.Add(node.Endpoint);
        }

        info.ArgumentList.Add("--cluster-replicas");
        info.ArgumentList.Add("0");
        info.ArgumentList.Add("--cluster-yes");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new InvalidOperationException($"redis-cli --cluster create did not finish within 30 s:\n{stdout.Result}\n{stderr.Result}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed:\n{stdout.Result}\n{stderr.Result}");
        }
    }

    private void WaitUntilHealthy()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var deadline = TimeProvider.System.GetTimestamp();
        using var probe = ConnectionMultiplexer.Connect(Nodes[0].Endpoint + ",abortConnect=false,allowAdmin=true");
        while (TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(30))
        {
            var allOk = Nodes.All(node =>
            {
                var info = (string?)probe.GetServer(node.Endpoint).Execute("CLUSTER", "INFO") ?? string.Empty;
                return info.Contains("cluster_state:ok", StringComparison.Ordinal);
            });
            if (allOk)
            {
                return;
            }

            timer.WaitForNextTickAsync().AsTask().GetAwaiter().GetResult();
        }

        throw new InvalidOperationException("The Redis Cluster did not reach cluster_state:ok within 30 s.");
    }
}
