using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Callers;

namespace SecureApi.Toolkit.Tests.Callers;

public class CallerPseudonymTests
{
    private static readonly byte[] FleetKey = Convert.FromBase64String("q3v5c0n6b8yE1x8xYk8a0d3JmQ2r7Tt4bGvV0yZl0jQ=");

    /// <summary>One "process": its own service provider, as each instance of a fleet has.</summary>
    private static ServiceProvider Process(byte[]? key = null)
    {
        var services = new ServiceCollection().AddSecureApi(_ => { });
        if (key is not null)
        {
            services.Configure<ApiCallerOptions>(o => o.PseudonymKey = key);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [Fact]
    public void For_TwoProcessesWithTheSameKey_Agree()
    {
        using var first = Process(FleetKey);
        using var second = Process(FleetKey.ToArray());

        var pseudonym = first.GetRequiredService<CallerPseudonym>().For("ip:203.0.113.7");

        Assert.Equal(pseudonym, second.GetRequiredService<CallerPseudonym>().For("ip:203.0.113.7"));
        Assert.Equal(CallerPseudonym.Length, pseudonym.Length);
        Assert.NotEqual(pseudonym, first.GetRequiredService<CallerPseudonym>().For("ip:203.0.113.8"));
    }

    [Fact]
    public void For_TwoProcessesWithoutKey_Differ()
    {
        using var first = Process();
        using var second = Process();

        var a = first.GetRequiredService<CallerPseudonym>();
        Assert.Same(a, first.GetRequiredService<CallerPseudonym>());
        Assert.Equal(a.For("ip:203.0.113.7"), a.For("ip:203.0.113.7"));
        Assert.NotEqual(a.For("ip:203.0.113.7"), second.GetRequiredService<CallerPseudonym>().For("ip:203.0.113.7"));
    }

    [Fact]
    public void For_IsTheKeyedMacNotTheUnkeyedHash()
    {
        using var process = Process(FleetKey);
        const string Id = "ip:203.0.113.7";

        var pseudonym = process.GetRequiredService<CallerPseudonym>().For(Id);

        var unkeyed = SHA256.HashData(Encoding.UTF8.GetBytes(Id));
        Assert.NotEqual(Convert.ToBase64String(unkeyed[..12]), pseudonym);
        Assert.DoesNotContain(Convert.ToHexStringLower(unkeyed[..6]), pseudonym, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Convert.ToBase64String(HMACSHA256.HashData(FleetKey, Encoding.UTF8.GetBytes(Id))[..12]), pseudonym);
    }

    [Fact]
    public void For_KeyChangedInOptionsAfterwards_KeepsThePseudonym()
    {
        var key = FleetKey.ToArray();
        using var process = Process(key);
        var pseudonym = process.GetRequiredService<CallerPseudonym>();
        var before = pseudonym.For("sub:alice");

        CryptographicOperations.ZeroMemory(key);

        Assert.Equal(before, pseudonym.For("sub:alice"));
    }

    [Fact]
    public void TryFormat_WritesForsTextWithoutAllocating()
    {
        using var process = Process(FleetKey);
        var pseudonym = process.GetRequiredService<CallerPseudonym>();
        var longId = "custom:" + new string('x', 600); // beyond the stack buffer: the pooled path
        Span<char> buffer = stackalloc char[CallerPseudonym.Length];
        pseudonym.TryFormat("ip:203.0.113.7", buffer, out _); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ok = pseudonym.TryFormat("ip:203.0.113.7", buffer, out var written);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(ok);
        Assert.Equal(0, allocated);
        Assert.Equal(pseudonym.For("ip:203.0.113.7"), buffer[..written].ToString());
        Assert.True(pseudonym.TryFormat(longId, buffer, out written));
        Assert.Equal(pseudonym.For(longId), buffer[..written].ToString());
        Assert.False(pseudonym.TryFormat("ip:203.0.113.7", buffer[..^1], out written));
        Assert.Equal(0, written);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(15)]
    public void PseudonymKey_ShorterThan16Bytes_FailsAtStartWithActionableMessage(int length)
    {
        using var process = Process(new byte[length]);

        var error = Assert.Throws<OptionsValidationException>(() => process.GetRequiredService<IOptions<ApiCallerOptions>>().Value);

        Assert.Contains("ApiCallerOptions.PseudonymKey must be at least 16 bytes", error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => process.GetRequiredService<CallerPseudonym>());
    }

    [Fact]
    public void PseudonymKey_FromConfigurationAsBase64_IsUsed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Callers:PseudonymKey"] = Convert.ToBase64String(FleetKey),
        }).Build();
        var services = new ServiceCollection().AddSecureApi(_ => { });
        services.Configure<ApiCallerOptions>(configuration.GetSection("Callers"));
        using var configured = services.BuildServiceProvider();
        using var coded = Process(FleetKey);

        Assert.Equal(coded.GetRequiredService<CallerPseudonym>().For("sub:alice"), configured.GetRequiredService<CallerPseudonym>().For("sub:alice"));
    }

    [Fact]
    public void PseudonymKey_16Bytes_IsAccepted()
    {
        using var process = Process(new byte[16]);

        Assert.Equal(CallerPseudonym.Length, process.GetRequiredService<CallerPseudonym>().For("sub:alice").Length);
    }
}
