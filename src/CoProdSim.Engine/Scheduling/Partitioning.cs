namespace CoProdSim.Engine.Scheduling;

/// <summary>One contiguous range of entity ids: the unit of parallel work.</summary>
public readonly record struct PartitionRange(int Partition, int Start, int End)
{
    /// <summary>Number of entities in the range.</summary>
    public int Length => End - Start;
}

/// <summary>
/// Splits entity ids 0..n-1 into a fixed number of contiguous partitions. The count is a model setting, not the
/// core count, so per-partition partial results (and their order of summation) are the same on 1 thread or 16.
/// </summary>
public sealed class Partitioning
{
    /// <summary>Default partition count: enough to balance 16 cores, few enough that per-partition buffers stay small.</summary>
    public const int DefaultCount = 64;

    private readonly int[] _starts;

    /// <summary>Splits <paramref name="entityCount"/> ids into <paramref name="partitionCount"/> near-equal ranges.</summary>
    public Partitioning(int entityCount, int partitionCount = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(entityCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        EntityCount = entityCount;
        Count = partitionCount;
        _starts = new int[partitionCount + 1];
        for (int p = 0; p <= partitionCount; p++) _starts[p] = (int)((long)entityCount * p / partitionCount);
    }

    /// <summary>Number of entities.</summary>
    public int EntityCount { get; }

    /// <summary>Number of partitions (fixed, independent of threads).</summary>
    public int Count { get; }

    /// <summary>The range of partition <paramref name="p"/>.</summary>
    public PartitionRange this[int p] => new(p, _starts[p], _starts[p + 1]);

    /// <summary>The partition that holds entity <paramref name="entity"/>.</summary>
    public int PartitionOf(int entity)
    {
        // Ranges are near-equal, so the proportional guess is at most one off; correct it.
        int p = (int)((long)entity * Count / Math.Max(1, EntityCount));
        while (p > 0 && entity < _starts[p]) p--;
        while (p < Count - 1 && entity >= _starts[p + 1]) p++;
        return p;
    }
}
