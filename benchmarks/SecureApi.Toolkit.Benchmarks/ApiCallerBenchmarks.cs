using System.Net;
using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.Toolkit.Benchmarks;

/// <summary>
/// The cost of projecting the authenticated user onto an ApiCaller, once per request, against the baseline of
/// reading the same claims by hand.
/// </summary>
[MemoryDiagnoser]
public class ApiCallerBenchmarks
{
    private IServiceProvider _services = null!;
    private ClaimsPrincipal _user = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddSecureApi(_ => { }).BuildServiceProvider();
        _user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "alice"), new Claim("client_id", "app-1"), new Claim("scope", "orders.read orders.write customers.read")],
            "Bearer"));
    }

    private DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext { RequestServices = _services, User = _user };
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        return context;
    }

    [Benchmark(Baseline = true)]
    public string ReadClaimsByHand()
    {
        var context = NewContext();
        var sub = context.User.FindFirst("sub")!.Value;
        var scopes = context.User.FindFirst("scope")!.Value.Split(' ');
        return sub + scopes.Length;
    }

    [Benchmark]
    public string GetApiCaller()
    {
        var context = NewContext();
        var caller = context.GetApiCaller();
        return caller.Id + caller.Permissions.Count;
    }
}
