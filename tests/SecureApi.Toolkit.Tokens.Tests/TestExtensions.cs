using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests;

internal static class TestExtensions
{
    public static AccessTokenSigningKey WithSignFrom(this AccessTokenSigningKey key, DateTimeOffset from)
    {
        key.SignFrom = from;
        return key;
    }

    public static AccessTokenSigningKey WithRetireAt(this AccessTokenSigningKey key, DateTimeOffset at)
    {
        key.RetireAt = at;
        return key;
    }
}
