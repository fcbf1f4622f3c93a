using CoProdSim.Engine.Recording;
using CoProdSim.Engine.Scheduling;

namespace CoProdSim.Engine;

/// <summary>
/// What the engine needs of a model: its partitioning, the phases of one tick, and its metrics.
/// The engine knows nothing of what the entities are (the benchmarks run a Schelling model on it).
/// </summary>
public interface ISimulationModel
{
    /// <summary>How the model's entities are split into partitions.</summary>
    Partitioning Partitions { get; }

    /// <summary>The phases of one tick, in order.</summary>
    IReadOnlyList<Phase> Phases { get; }

    /// <summary>The root seed the model was built with: every random draw of the run is keyed by it.</summary>
    ulong Seed { get; }

    /// <summary>Names of the values <see cref="WriteMetrics"/> writes, in order.</summary>
    IReadOnlyList<string> MetricNames { get; }

    /// <summary>Writes the metrics of the tick just run. Called after the last phase, on the simulation thread.</summary>
    void WriteMetrics(long tick, Span<double> values);
}

/// <summary>
/// Runs a model tick by tick on a scheduler, recording each tick's metrics. On more than one thread it owns worker
/// threads, created here once and reused every tick: dispose it when done.
/// </summary>
public sealed class Simulation : IDisposable
{
    private readonly ISimulationModel _model;
    private readonly Scheduler _scheduler;

    /// <summary>
    /// Prepares <paramref name="model"/> to run on <paramref name="threads"/> threads. The model was given its seed
    /// when it was built (the seed lives in one place); the thread count changes speed, never results.
    /// </summary>
    public Simulation(ISimulationModel model, int threads)
    {
        _model = model;
        _scheduler = new Scheduler(model.Partitions, model.Phases, threads);
    }

    /// <summary>The next tick to run (ticks are numbered from 1; tick 0 is the initial state).</summary>
    public long Tick { get; private set; } = 1;

    /// <summary>Runs one tick.</summary>
    public void Step()
    {
        _scheduler.RunTick(new TickContext(Tick));
        Tick++;
    }

    /// <summary>
    /// Records the initial state as tick 0, then runs <paramref name="ticks"/> ticks, posting each tick's metrics
    /// to <paramref name="recorder"/>. Stops early, between ticks, when <paramref name="cancel"/> fires.
    /// </summary>
    public void Run(long ticks, MetricRecorder? recorder, CancellationToken cancel = default)
    {
        if (recorder is not null && Tick == 1) RecordCurrent(recorder, 0);
        for (long i = 0; i < ticks; i++)
        {
            cancel.ThrowIfCancellationRequested();
            Step();
            if (recorder is not null) RecordCurrent(recorder, Tick - 1);
        }
    }

    /// <summary>Ends the scheduler's worker threads.</summary>
    public void Dispose() => _scheduler.Dispose();

    private void RecordCurrent(MetricRecorder recorder, long tick)
    {
        double[] row = recorder.Rent();
        _model.WriteMetrics(tick, row.AsSpan(0, recorder.Width));
        recorder.Post(tick, row);
    }
}
