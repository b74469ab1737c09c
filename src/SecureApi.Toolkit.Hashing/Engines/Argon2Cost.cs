namespace SecureApi.Toolkit.Hashing.Engines;

/// <summary>The Argon2id cost parameters of one computation.</summary>
/// <param name="MemoryKiB">m, in KiB.</param>
/// <param name="Iterations">t, the number of passes.</param>
/// <param name="Parallelism">p, the number of lanes.</param>
internal readonly record struct Argon2Cost(int MemoryKiB, int Iterations, int Parallelism);
