using CoProdSim.Engine;
using CoProdSim.Engine.Recording;
using CoProdSim.Model;
using CoProdSim.Model.Parameters;
using CoProdSim.Tests.Model;

namespace CoProdSim.Tests.Engine;

/// <summary>
/// A tick in steady state allocates nothing on the managed heap, on one thread or several: the scheduler's workers
/// are created once per simulation (no task objects per phase), and the model and recorder reuse their buffers.
/// Measured with <see cref="GC.GetTotalAllocatedBytes(bool)"/> (every thread of the process, so the workers and the
/// recorder's writer count too) over windows of ticks after a warm-up; the smallest of a few windows is taken, since
/// a thread of the test host that happens to allocate during one window is not the simulation's doing.
/// </summary>
[NonParallelizable]
public class AllocationTests
{
    private const int WarmUp = 60, Window = 10, Windows = 8;

    private sealed class DiscardSink : IMetricSink
    {
        public long Rows;

        public void Write(long tick, ReadOnlySpan<double> values) => Rows++;

        public void Complete() { }
    }

    private static long FewestBytesPerWindow(Action tick)
    {
        for (int t = 0; t < WarmUp; t++) tick();
        long fewest = long.MaxValue;
        for (int w = 0; w < Windows; w++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int t = 0; t < Window; t++) tick();
            fewest = Math.Min(fewest, GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        return fewest;
    }

    private static CoProductionModel Model(int threads) =>
        new(ModelRun.Small(StrategyPresets.FourCos, citizens: 4_000, horizon: 200), 11, threads);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    public void CoProductionTicksAllocateNothingInSteadyState(int threads)
    {
        using var simulation = new Simulation(Model(threads), threads);
        long bytes = FewestBytesPerWindow(simulation.Step);
        Assert.That(bytes, Is.Zero, $"bytes allocated over {Window} ticks on {threads} threads");
    }

    [TestCase(1)]
    [TestCase(2)]
    public void RecordedTicksAllocateNothingInSteadyState(int threads)
    {
        CoProductionModel model = Model(threads);
        var sink = new DiscardSink();
        using var recorder = new MetricRecorder(sink, model.MetricNames.Count);
        using var simulation = new Simulation(model, threads);
        long bytes = FewestBytesPerWindow(() => simulation.Run(1, recorder));
        Assert.That(bytes, Is.Zero, $"bytes allocated over {Window} recorded ticks on {threads} threads");
        recorder.Complete();
        Assert.That(sink.Rows, Is.EqualTo(1 + WarmUp + Window * Windows), "every tick was recorded");
    }

    [TestCase(2)]
    [TestCase(3)]
    public void EngineTicksAllocateNothingWithMessagesBetweenPartitions(int threads)
    {
        using var simulation = new Simulation(new DiffusionModel(5_000, 3, partitions: 16, giftsPerAgent: 2), threads);
        Assert.That(FewestBytesPerWindow(simulation.Step), Is.Zero);
    }
}
