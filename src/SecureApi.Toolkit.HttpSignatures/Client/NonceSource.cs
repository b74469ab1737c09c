using System.Security.Cryptography;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// Random bytes for nonces, drawn from <see cref="RandomNumberGenerator"/> in blocks: each call into the system CSPRNG
/// costs about as much as signing a request, while slicing a per-thread block costs nothing. Every byte is handed out
/// once and zeroed in the block as it is taken.
/// </summary>
internal static class NonceSource
{
    private const int BlockSize = 1024;

    [ThreadStatic]
    private static byte[]? t_block;

    [ThreadStatic]
    private static int t_offset;

    public static void Fill(Span<byte> destination)
    {
        if (destination.Length > BlockSize)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }

        var block = t_block ??= new byte[BlockSize];
        if (t_offset == 0 || t_offset + destination.Length > BlockSize)
        {
            RandomNumberGenerator.Fill(block);
            t_offset = 0;
        }

        var slice = block.AsSpan(t_offset, destination.Length);
        slice.CopyTo(destination);
        slice.Clear();
        t_offset += destination.Length;
        if (t_offset == BlockSize)
        {
            t_offset = 0;
        }
    }
}
