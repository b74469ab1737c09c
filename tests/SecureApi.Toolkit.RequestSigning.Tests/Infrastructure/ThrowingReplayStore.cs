using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;

internal sealed class ThrowingReplayStore : IReplayNonceStore
{
    public int Calls { get; private set; }

    public ValueTask<bool> TryRecordAsync(string scope, string nonce, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        Calls++;
        throw new StoreUnavailableException("down for the test");
    }
}
