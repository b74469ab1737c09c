using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SecureApi.Toolkit.Testing.Redis;

/// <summary>
/// One real <c>redis-server</c> process on a loopback port. It can be stopped and started again on the same port,
/// so tests can take Redis down for real and bring it back.
/// </summary>
public sealed class RedisProcess : IDisposable
{
    private readonly string[] _extraArgs;
    private Process? _process;

    private RedisProcess(int port, string workDirectory, string[] extraArgs)
    {
        Port = port;
        WorkDirectory = workDirectory;
        _extraArgs = extraArgs;
    }

    /// <summary>Gets the loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Gets the server's working directory (cluster config lives there).</summary>
    public string WorkDirectory { get; }

    /// <summary>Gets <c>127.0.0.1:port</c>.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Gets whether the process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on a free port and waits until it accepts connections.</summary>
    public static RedisProcess Start(params string[] extraArgs)
    {
        for (var attempt = 1; ; attempt++)
        {
            var directory = Directory.CreateTempSubdirectory("secureapi-redis-").FullName;
            var process = new RedisProcess(FreePort(clusterBus: extraArgs.Contains("--cluster-enabled")), directory, extraArgs);
            var started = false;
            try
            {
                // The port was free when checked, but another process may bind it before redis-server does, which
                // then exits at once: try again on a fresh port.
                started = process.TryStart(out var output);
                if (started)
                {
                    return process;
                }

                if (attempt == 3)
                {
                    throw new InvalidOperationException($"redis-server exited before it was ready, 3 times on 3 ports; the last time (port {process.Port}):\n{output}");
                }
            }
            finally
            {
                if (!started)
                {
                    process.Dispose(); // stops it if need be and deletes its folder
                }
            }
        }
    }

    /// <summary>Starts the server again after <see cref="Stop"/>, on the same port.</summary>
    public void Start()
    {
        if (!TryStart(out var output))
        {
            throw new InvalidOperationException($"redis-server on port {Port} exited before it was ready:\n{output}");
        }
    }

    /// <summary>
    /// Starts the server and waits until it is ready (true) or has exited (false, with its output). A server not ready
    /// within 20 s is killed before this throws, so it never outlives the failure.
    /// </summary>
    private bool TryStart(out string output)
    {
        if (IsRunning)
        {
            output = string.Empty;
            return true;
        }

        var executable = RedisTools.Find("redis-server");
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = WorkDirectory,
        };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--daemonize", "no", "--loglevel", "notice" }.Concat(_extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        // True once ready; false when the output ends first, i.e. the server exited.
        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetResult(false);
                return;
            }

            lines.Enqueue(e.Data);
            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult(true);
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var finished = ready.Task.Wait(TimeSpan.FromSeconds(20));
        output = string.Join('\n', lines);
        if (finished && ready.Task.Result)
        {
            return true;
        }

        Stop();
        if (!finished)
        {
            throw new InvalidOperationException($"redis-server on port {Port} was not ready within 20 s:\n{output}");
        }

        return false;
    }

    /// <summary>Freezes the server with <c>SIGSTOP</c>: connections stay open, commands queue unanswered, as on a stalled host.</summary>
    public void Pause() => Signal("-STOP");

    /// <summary>Lets a paused server run again (<c>SIGCONT</c>); it then answers the commands that queued meanwhile.</summary>
    public void Resume() => Signal("-CONT");

    private void Signal(string signal)
    {
        if (_process is not { HasExited: false } process)
        {
            throw new InvalidOperationException("redis-server is not running.");
        }

        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        if (!kill.WaitForExit(TimeSpan.FromSeconds(10)) || kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {process.Id} failed.");
        }
    }

    /// <summary>Kills the server (as a crash would) and waits for it to exit.</summary>
    public void Stop()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _process = null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static int FreePort(bool clusterBus)
    {
        // A cluster node also listens on port + 10000, so both must be free.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = clusterBus ? Random.Shared.Next(20000, 30000) : GetEphemeral();
            if (IsFree(port) && (!clusterBus || IsFree(port + 10000)))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free loopback port for redis-server.");
    }

    private static int GetEphemeral()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
