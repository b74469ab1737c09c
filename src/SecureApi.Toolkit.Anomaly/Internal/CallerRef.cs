using System.Security.Cryptography;
using System.Text;

namespace SecureApi.Toolkit.Anomaly.Internal;

/// <summary>
/// What logs say instead of a caller id: address-based ids (<c>ip:…</c>) are personal data and partition keys, so
/// they are logged as a short hash that still lets an operator correlate lines; other ids are logged as they are.
/// </summary>
internal static class CallerRef
{
    public static string For(string callerId)
    {
        if (!callerId.StartsWith("ip:", StringComparison.Ordinal))
        {
            return callerId;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(callerId), hash);
        return "ip#" + Convert.ToHexStringLower(hash[..6]);
    }
}
