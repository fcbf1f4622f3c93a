namespace CoProdSim.Engine.Scheduling;

/// <summary>
/// Runs a declared sequence of phases per tick. A partitioned phase runs its partitions on a persistent
/// <see cref="WorkerPool"/> (threads created once per simulation, partitions claimed in order); the pool's return
/// is the barrier. Because partitions are fixed and every random draw is keyed, the thread count changes speed,
/// never results. Dispose it (or the <see cref="Simulation"/> that owns it) to end its threads.
/// </summary>
public sealed class Scheduler : IDisposable
{
    private readonly Partitioning _partitions;
    private readonly Phase[] _phases;
    private readonly WorkerPool? _pool;

    /// <summary>Creates a scheduler for <paramref name="phases"/> over <paramref name="partitions"/> on <paramref name="threads"/> threads.</summary>
    public Scheduler(Partitioning partitions, IReadOnlyList<Phase> phases, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _partitions = partitions;
        _phases = phases.ToArray();
        Threads = threads;
        // No threads when they could not be used: one thread, one partition, or no partitioned phase.
        if (threads > 1 && partitions.Count > 1 && _phases.Any(p => p.IsPartitioned)) _pool = new WorkerPool(partitions, threads);
    }

    /// <summary>
    /// Safety net for a scheduler that was never disposed: the worker threads hold the pool, not the scheduler, so
    /// once the scheduler is unreachable its finalizer can tell them to end.
    /// </summary>
    ~Scheduler() => _pool?.Stop();

    /// <summary>Degree of parallelism.</summary>
    public int Threads { get; }

    /// <summary>The phases, in order.</summary>
    public IReadOnlyList<Phase> Phases => _phases;

    /// <summary>Runs every phase of one tick.</summary>
    public void RunTick(in TickContext tick)
    {
        for (int i = 0; i < _phases.Length; i++)
        {
            Phase phase = _phases[i];
            if (!phase.IsPartitioned)
            {
                phase.RunSerial(tick);
            }
            else if (_pool is null)
            {
                for (int p = 0; p < _partitions.Count; p++) phase.RunPartition(tick, _partitions[p]);
            }
            else
            {
                _pool.Run(phase, tick);
            }
        }
    }

    /// <summary>Ends the worker threads.</summary>
    public void Dispose()
    {
        _pool?.Dispose();
        GC.SuppressFinalize(this);
    }
}
