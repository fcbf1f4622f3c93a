namespace CoProdSim.Engine.Scheduling;

/// <summary>
/// Runs a declared sequence of phases per tick. A partitioned phase runs its partitions with a range-partitioned
/// <see cref="Parallel.For(int,int,ParallelOptions,Action{int})"/>; the end of the loop is the barrier.
/// Because partitions are fixed and every random draw is keyed, the thread count changes speed, never results.
/// </summary>
public sealed class Scheduler
{
    private readonly Partitioning _partitions;
    private readonly Phase[] _phases;
    private readonly ParallelOptions _options;
    private readonly Action<int>[] _bodies;
    private TickContext _current;

    /// <summary>Creates a scheduler for <paramref name="phases"/> over <paramref name="partitions"/> on <paramref name="threads"/> threads.</summary>
    public Scheduler(Partitioning partitions, IReadOnlyList<Phase> phases, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _partitions = partitions;
        _phases = phases.ToArray();
        Threads = threads;
        _options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        // One cached delegate per phase: no closure is allocated per tick.
        _bodies = new Action<int>[_phases.Length];
        for (int i = 0; i < _phases.Length; i++)
        {
            Phase phase = _phases[i];
            _bodies[i] = p => phase.RunPartition(_current, _partitions[p]);
        }
    }

    /// <summary>Degree of parallelism.</summary>
    public int Threads { get; }

    /// <summary>The phases, in order.</summary>
    public IReadOnlyList<Phase> Phases => _phases;

    /// <summary>Runs every phase of one tick.</summary>
    public void RunTick(in TickContext tick)
    {
        _current = tick;
        for (int i = 0; i < _phases.Length; i++)
        {
            Phase phase = _phases[i];
            if (!phase.IsPartitioned)
            {
                phase.RunSerial(tick);
            }
            else if (Threads == 1)
            {
                for (int p = 0; p < _partitions.Count; p++) phase.RunPartition(tick, _partitions[p]);
            }
            else
            {
                Parallel.For(0, _partitions.Count, _options, _bodies[i]);
            }
        }
    }
}
