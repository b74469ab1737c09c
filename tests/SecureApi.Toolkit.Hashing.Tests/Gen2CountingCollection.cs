namespace SecureApi.Toolkit.Hashing.Tests;

/// <summary>
/// Tests that read GC.CollectionCount(2), a process-wide counter, run with no other test alongside: a collection forced
/// by a test running in parallel could make their assertion pass for the wrong reason.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Gen2CountingCollection
{
    public const string Name = "gen2-counting";
}
