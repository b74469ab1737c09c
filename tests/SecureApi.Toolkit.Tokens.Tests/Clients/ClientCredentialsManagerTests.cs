using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Testing.Redis;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests.Clients;

public sealed class ClientCredentialsManagerTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static ServiceProvider Instance(Action<SecureApiBuilder>? extra = null)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        services.AddSecureApi(api =>
        {
            api.AddArgon2Hashing();
            api.AddClientCredentials();
            extra?.Invoke(api);
        });
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Register_StoresArgon2idHashNotTheSecret()
    {
        using var services = Instance();
        var credentials = await services.GetRequiredService<ClientCredentialsManager>().RegisterAsync("partner-1", ["orders.read"]);
        var record = await services.GetRequiredService<IClientStore>().FindAsync("partner-1");
        Assert.StartsWith("$argon2id$", record!.SecretHash, StringComparison.Ordinal);
        Assert.DoesNotContain(credentials.ClientSecret, record.SecretHash, StringComparison.Ordinal);
        Assert.Equal(43, credentials.ClientSecret.Length);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("colon:id")]
    [InlineData("")]
    public async Task Register_InvalidClientId_Throws(string clientId)
    {
        using var services = Instance();
        await Assert.ThrowsAsync<ArgumentException>(() => services.GetRequiredService<ClientCredentialsManager>().RegisterAsync(clientId, []).AsTask());
    }

    [Fact]
    public async Task IssueActivationCode_ValidityAboveMaximum_Throws()
    {
        using var services = Instance();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            services.GetRequiredService<ClientCredentialsManager>().IssueActivationCodeAsync("a", [], TimeSpan.FromDays(91)).AsTask());
    }

    [Fact]
    public async Task IssueActivationCode_StoresOnlyTheCodeHash()
    {
        var store = new RecordingCodeStore();
        using var services = Instance(api => api.Services.AddSingleton<IOneTimeCodeStore>(store));
        var code = await services.GetRequiredService<ClientCredentialsManager>().IssueActivationCodeAsync("a", ["orders.read"]);
        var (hash, payload) = Assert.Single(store.Added);
        Assert.DoesNotContain(code.Code, hash + payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redeem_MalformedCode_NullWithoutStoreTrip()
    {
        var store = new RecordingCodeStore();
        using var services = Instance(api => api.Services.AddSingleton<IOneTimeCodeStore>(store));
        var code = await services.GetRequiredService<ClientCredentialsManager>().IssueActivationCodeAsync("a", ["orders.read"]);
        var typo = code.Code[..^1] + (code.Code[^1] == 'a' ? 'b' : 'a');
        Assert.Null(await services.GetRequiredService<ClientCredentialsManager>().RedeemActivationCodeAsync(typo));
        Assert.Equal(0, store.Takes);
    }

    [Fact]
    public async Task Redeem_ConcurrentlyInOneInstance_ExactlyOneWins()
    {
        using var services = Instance();
        var manager = services.GetRequiredService<ClientCredentialsManager>();
        var code = await manager.IssueActivationCodeAsync("race-app", ["orders.read"]);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => manager.RedeemActivationCodeAsync(code.Code).AsTask())));

        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task Redeem_ConcurrentlyOnTwoInstancesSharingRedis_ExactlyOneWins()
    {
        var prefix = "tokens-" + Guid.NewGuid().ToString("N")[..8] + ":";
        void Shared(SecureApiBuilder api) => api.AddRedis(o =>
        {
            o.Configuration = redis.ConnectionString;
            o.InstanceName = prefix;

            // This test is about exactly-once redemption, not about a slow Redis: the 250 ms default command timeout
            // was exceeded once on a loaded CI machine running every test project at once.
            o.CommandTimeout = TimeSpan.FromSeconds(5);
        });

        using var first = Instance(Shared);
        using var second = Instance(Shared);
        var a = first.GetRequiredService<ClientCredentialsManager>();
        var b = second.GetRequiredService<ClientCredentialsManager>();
        var code = await a.IssueActivationCodeAsync("fleet-app", ["orders.read"]);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).RedeemActivationCodeAsync(code.Code).AsTask())));

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal("fleet-app", winner!.ClientId);

        // The registration is shared too: the other instance verifies the secret it has never seen.
        var (client, verification) = await b.VerifyAsync("fleet-app", winner.ClientSecret, CancellationToken.None);
        Assert.NotNull(client);
        Assert.True(verification.Succeeded);
    }

    private sealed class RecordingCodeStore : IOneTimeCodeStore
    {
        public List<(string Hash, string Payload)> Added { get; } = [];

        public int Takes { get; private set; }

        public ValueTask<bool> TryAddAsync(string purpose, string codeHash, string payload, TimeSpan lifetime, CancellationToken cancellationToken = default)
        {
            Added.Add((codeHash, payload));
            return ValueTask.FromResult(true);
        }

        public ValueTask<string?> TryTakeAsync(string purpose, string codeHash, CancellationToken cancellationToken = default)
        {
            Takes++;
            return ValueTask.FromResult<string?>(null);
        }
    }
}
