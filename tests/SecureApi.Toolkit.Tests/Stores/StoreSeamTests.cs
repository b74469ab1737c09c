using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.Toolkit.Tests.Stores;

public class StoreSeamTests
{
    private interface IExampleStore;

    private sealed class MemoryStore : IExampleStore;

    private sealed class RemoteStore : IExampleStore;

    [Fact]
    public void UseStore_AfterDefault_ReplacesIt()
    {
        var services = new ServiceCollection();
        services.AddSecureApi(api => api.TryAddDefaultStore<IExampleStore, MemoryStore>());
        services.AddSecureApi(api => api.UseStore<IExampleStore, RemoteStore>());

        Assert.IsType<RemoteStore>(services.BuildServiceProvider().GetRequiredService<IExampleStore>());
        Assert.Single(services, d => d.ServiceType == typeof(IExampleStore));
    }

    [Fact]
    public void UseStore_BeforeDefault_IsKept()
    {
        var services = new ServiceCollection();
        services.AddSecureApi(api => api.UseStore<IExampleStore, RemoteStore>());
        services.AddSecureApi(api => api.TryAddDefaultStore<IExampleStore, MemoryStore>());

        Assert.IsType<RemoteStore>(services.BuildServiceProvider().GetRequiredService<IExampleStore>());
    }

    [Fact]
    public void TryAddDefaultStore_Alone_IsTheEmbeddedDefault()
    {
        var services = new ServiceCollection();
        services.AddSecureApi(api => api.TryAddDefaultStore<IExampleStore, MemoryStore>().TryAddDefaultStore<IExampleStore, MemoryStore>());

        Assert.IsType<MemoryStore>(services.BuildServiceProvider().GetRequiredService<IExampleStore>());
        Assert.Single(services, d => d.ServiceType == typeof(IExampleStore));
    }
}
