using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecureApi.Sample.Tour;

/// <summary>
/// A redis-server of the tour's own, on a free loopback port, without persistence, so a scenario can stop it and start
/// it again. It speaks just enough RESP to ask the server a question (PING, EXISTS) without a client library.
/// </summary>
internal sealed class LocalRedisServer : IDisposable
{
    /// <summary>How to install redis-server, for the message shown when it is missing.</summary>
    public const string InstallHint = "install it (Debian/Ubuntu: sudo apt-get install redis-server; Fedora: sudo dnf install redis; macOS: brew install redis) and run the tour again";

    private readonly string _executable;
    private Process? _process;

    private LocalRedisServer(string executable, int port)
    {
        _executable = executable;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Gets the StackExchange.Redis connection string of the server.</summary>
    public string Endpoint => "127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Finds redis-server on PATH.</summary>
    /// <returns>Its full path, or <see langword="null"/> when it is not installed.</returns>
    public static string? FindExecutable() => FindExecutable(Environment.GetEnvironmentVariable("PATH"));

    /// <summary>Finds redis-server in the directories of <paramref name="searchPath"/> (PATH syntax).</summary>
    /// <returns>Its full path, or <see langword="null"/> when none of them holds it.</returns>
    internal static string? FindExecutable(string? searchPath)
    {
        var name = OperatingSystem.IsWindows() ? "redis-server.exe" : "redis-server";
        foreach (var directory in (searchPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Starts a server on a free loopback port and waits until it answers PING.</summary>
    public static async Task<LocalRedisServer> StartAsync(string executable)
    {
        // The port is free when probed but another process may take it before redis-server binds it; then redis-server
        // exits, and a fresh port is tried.
        for (var attempt = 1; ; attempt++)
        {
            var server = new LocalRedisServer(executable, FreePort());
            try
            {
                await server.StartAsync();
                return server;
            }
            catch (PortTakenException) when (attempt < 3)
            {
                server.Stop();
            }
            catch
            {
                server.Stop();
                throw;
            }
        }
    }

    /// <summary>Starts the server (again) on the same port and waits until it answers PING.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // A fresh server answers within milliseconds; a loaded machine gets up to 10 s.
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited)
            {
                throw new PortTakenException($"redis-server exited at once with code {_process.ExitCode} (port {Port}).");
            }

            // The answer must come from this process: another server that took the port would answer PING too.
            if (await TryCommandAsync("PING") == "+PONG" && await TryProcessIdAsync() == _process.Id)
            {
                return;
            }

            await poll.WaitForNextTickAsync();
        }

        throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within 10 s.");
    }

    /// <summary>Kills the server, as a crash or an outage would, and waits until it is gone.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Sends one command and returns the first line of the reply, or <see langword="null"/> when the server cannot be reached.</summary>
    public async Task<string?> TryCommandAsync(params string[] command)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            var request = new StringBuilder().Append('*').Append(command.Length).Append("\r\n");
            foreach (var part in command)
            {
                request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadLineAsync();
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return null;
        }
    }

    public void Dispose() => Stop();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Asks the server for its process id (the <c>process_id</c> line of <c>INFO server</c>).</summary>
    private async Task<int?> TryProcessIdAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n"u8.ToArray());
            using var reader = new StreamReader(stream, Encoding.UTF8);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (await reader.ReadLineAsync(patience.Token) is not ['$', ..])
            {
                return null;
            }

            while (await reader.ReadLineAsync(patience.Token) is { } line)
            {
                if (line.StartsWith("process_id:", StringComparison.Ordinal))
                {
                    return int.Parse(line.AsSpan("process_id:".Length), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return null;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>redis-server exited before it answered, typically because the port was taken meanwhile.</summary>
    private sealed class PortTakenException(string message) : InvalidOperationException(message);
}
