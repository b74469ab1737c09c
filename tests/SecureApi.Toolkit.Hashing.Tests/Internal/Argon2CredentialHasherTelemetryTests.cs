using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SecureApi.Toolkit.Hashing.Engines;
using SecureApi.Toolkit.Hashing.Internal;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Testing;

namespace SecureApi.Toolkit.Hashing.Tests.Internal;

public class Argon2CredentialHasherTelemetryTests
{
    private const string Hostile = "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    [Fact]
    public async Task VerifyAsync_Refusals_AreLoggedWithReasonCodesAndNoSecretMaterial()
    {
        var logger = new FakeLogger();
        var options = TestHashers.SmallOptions(o => { o.Peppers["p1"] = new byte[32]; });
        var hasher = new Argon2CredentialHasher(options, KonsciousArgon2Engine.Instance, logger: logger);
        var phc = await hasher.HashAsync("hunter2-secret");

        await hasher.VerifyAsync("hunter2-secret", Hostile);
        await hasher.VerifyAsync("hunter2-secret", "$argon2id$v=19$m=065536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");
        await hasher.VerifyAsync("hunter2-secret", phc.Replace("p=1$", "p=1,keyid=cDI$", StringComparison.Ordinal));

        var records = logger.Collector.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id == 3003 && r.Message.Contains("memory-above-ceiling", StringComparison.Ordinal) && r.Level == LogLevel.Warning);
        Assert.Contains(records, r => r.Id.Id == 3002 && r.Message.Contains("BadDecimal", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Id.Id == 3004 && r.Message.Contains("unknown-pepper", StringComparison.Ordinal));
        var salt = phc.Split('$')[4];
        var tag = phc.Split('$')[5];
        Assert.All(records, r =>
        {
            Assert.DoesNotContain("hunter2", r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("c29tZXNhbHQ", r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(salt, r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(tag, r.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task VerifyAsync_RefusalDuringARequest_ReportsAHashingRejectedSignal()
    {
        var sink = new RecordingSignalSink();
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton<ISecuritySignalSink>(sink).BuildServiceProvider() };
        var accessor = new HttpContextAccessor { HttpContext = context };
        var hasher = new Argon2CredentialHasher(TestHashers.SmallOptions(), KonsciousArgon2Engine.Instance, httpContextAccessor: accessor);

        await hasher.VerifyAsync("pw", Hostile);
        await hasher.VerifyAsync("pw", await hasher.HashAsync("pw"));

        var signal = Assert.Single(sink.Signals);
        Assert.Equal(SecuritySignalKind.HashingRejected, signal.Kind);
        Assert.Equal("memory-above-ceiling", signal.Reason);
    }
}
