using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// A few reset SHA-256 and SHA-512 states kept for reuse: creating an <see cref="IncrementalHash"/> sets up an OpenSSL
/// context, which costs about as much as hashing a 1 KiB body, and every verified request with a body pays it.
/// A state is only returned after <see cref="IncrementalHash.GetHashAndReset()"/>, so a pooled state is always empty.
/// </summary>
internal static class DigestStatePool
{
    private static readonly int Capacity = Math.Max(4, Environment.ProcessorCount * 2);
    private static readonly ConcurrentQueue<IncrementalHash> Sha256States = new();
    private static readonly ConcurrentQueue<IncrementalHash> Sha512States = new();

    public static IncrementalHash Rent(HashAlgorithmName name) =>
        States(name).TryDequeue(out var state) ? state : IncrementalHash.CreateHash(name);

    public static void Return(HashAlgorithmName name, IncrementalHash state)
    {
        var states = States(name);

        // The count is approximate under races; the cap only keeps the pool from growing without bound.
        if (states.Count < Capacity)
        {
            states.Enqueue(state);
        }
        else
        {
            state.Dispose();
        }
    }

    private static ConcurrentQueue<IncrementalHash> States(HashAlgorithmName name) =>
        name == HashAlgorithmName.SHA512 ? Sha512States : Sha256States;
}
