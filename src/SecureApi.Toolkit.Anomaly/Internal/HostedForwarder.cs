using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SecureApi.Toolkit.Anomaly.Internal;

/// <summary>
/// Runs a singleton as a hosted service, so the instance the host starts is the one other services use
/// (and a distinct type per service keeps <c>TryAddEnumerable</c> idempotent).
/// </summary>
internal sealed class HostedForwarder<T>(IServiceProvider services) : IHostedService
    where T : class, IHostedService
{
    private readonly T _inner = services.GetRequiredService<T>();

    public Task StartAsync(CancellationToken cancellationToken) => _inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _inner.StopAsync(cancellationToken);
}
