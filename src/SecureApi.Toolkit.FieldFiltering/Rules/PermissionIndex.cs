using System.Collections.Concurrent;

namespace SecureApi.Toolkit.FieldFiltering.Rules;

/// <summary>
/// Gives every permission name that appears in a declaration a small number, so a caller's permissions become a
/// bitset and a property check becomes a bit test. Process-wide: a name means the same bit in every host.
/// </summary>
internal static class PermissionIndex
{
    private static readonly ConcurrentDictionary<string, int> Indexes = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static int _count;

    /// <summary>Gets how many names have a number; every number is below it.</summary>
    public static int Count => Volatile.Read(ref _count);

    public static int GetOrAdd(string permission)
    {
        if (Indexes.TryGetValue(permission, out var index))
        {
            return index;
        }

        lock (Gate)
        {
            if (!Indexes.TryGetValue(permission, out index))
            {
                index = _count;
                Indexes[permission] = index;

                // Published after the entry, so a reader that sees the new count also finds the name.
                Volatile.Write(ref _count, index + 1);
            }

            return index;
        }
    }

    public static bool TryGet(string permission, out int index) => Indexes.TryGetValue(permission, out index);
}
