using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.HttpSignatures.Tests.Keys;

public class OptionsHttpSignatureKeyResolverTests
{
    [Fact]
    public async Task ResolveAsync_ConfiguredKeys_ResolvesWithPolicy()
    {
        var options = new HttpSignatureKeyOptions();
        options.Keys.Add(Secret("client-a", "a"));
        var ed = new HttpSignatureKeyDefinition { KeyId = "client-b", Jwk = RfcTestKeys.Ed25519Jwk, NotAfter = DateTimeOffset.UnixEpoch.AddYears(100) };
        ed.Permissions.Add("orders.read");
        options.Keys.Add(ed);
        using var resolver = new OptionsHttpSignatureKeyResolver(new TestMonitor(options));

        var a = await resolver.ResolveAsync("client-a", default);
        Assert.NotNull(a);
        Assert.Equal("a", a.ClientId);
        var b = await resolver.ResolveAsync("client-b", default);
        Assert.NotNull(b);
        Assert.Equal(HttpSignatureKeyType.Ed25519, b.KeyType);
        Assert.Equal(["orders.read"], b.Permissions);
        Assert.Null(await resolver.ResolveAsync("client-c", default));
    }

    [Fact]
    public async Task ResolveAsync_AfterReload_SeesNewKeysAndDropsOld()
    {
        var first = new HttpSignatureKeyOptions();
        first.Keys.Add(Secret("old", "c"));
        var monitor = new TestMonitor(first);
        using var resolver = new OptionsHttpSignatureKeyResolver(monitor);

        var second = new HttpSignatureKeyOptions();
        second.Keys.Add(Secret("new", "c"));
        monitor.Set(second);

        Assert.Null(await resolver.ResolveAsync("old", default));
        Assert.NotNull(await resolver.ResolveAsync("new", default));
    }

    [Fact]
    public async Task ResolveAsync_InvalidReload_KeepsPreviousKeys()
    {
        var first = new HttpSignatureKeyOptions();
        first.Keys.Add(Secret("old", "c"));
        var monitor = new TestMonitor(first);
        using var resolver = new OptionsHttpSignatureKeyResolver(monitor);

        var broken = new HttpSignatureKeyOptions();
        broken.Keys.Add(new HttpSignatureKeyDefinition { KeyId = "new", Secret = "not base64!" });
        monitor.Set(broken);

        Assert.NotNull(await resolver.ResolveAsync("old", default));
        Assert.Equal(1, resolver.RejectedReloads);
    }

    [Theory]
    [InlineData("", "c2VjcmV0", "KeyId is required")]
    [InlineData("k", null, "exactly one of Secret, Pem or Jwk")]
    [InlineData("k", "c2hvcnQ=", "at least 32 bytes")]
    [InlineData("k", "%%%", "cannot be read")]
    public void Validate_InvalidDefinition_NamesTheProblem(string keyId, string? secret, string expected)
    {
        var options = new HttpSignatureKeyOptions();
        options.Keys.Add(new HttpSignatureKeyDefinition { KeyId = keyId, Secret = secret });
        var result = new HttpSignatureKeyOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("%%%", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateKeyId_Fails()
    {
        var options = new HttpSignatureKeyOptions();
        options.Keys.Add(Secret("k", null));
        options.Keys.Add(Secret("k", null));
        Assert.Contains("defined twice", new HttpSignatureKeyOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvertedWindow_Fails()
    {
        var options = new HttpSignatureKeyOptions();
        var definition = Secret("k", null);
        definition.NotBefore = DateTimeOffset.UnixEpoch.AddDays(2);
        definition.NotAfter = DateTimeOffset.UnixEpoch.AddDays(1);
        options.Keys.Add(definition);
        Assert.Contains("NotAfter", new HttpSignatureKeyOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    private static HttpSignatureKeyDefinition Secret(string id, string? clientId) =>
        new() { KeyId = id, Secret = Convert.ToBase64String(new byte[32]), ClientId = clientId };

    private sealed class TestMonitor(HttpSignatureKeyOptions value) : IOptionsMonitor<HttpSignatureKeyOptions>
    {
        private Action<HttpSignatureKeyOptions, string?>? _listener;

        public HttpSignatureKeyOptions CurrentValue { get; private set; } = value;

        public HttpSignatureKeyOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<HttpSignatureKeyOptions, string?> listener)
        {
            _listener = listener;
            return null;
        }

        public void Set(HttpSignatureKeyOptions options)
        {
            CurrentValue = options;
            _listener?.Invoke(options, null);
        }
    }
}
