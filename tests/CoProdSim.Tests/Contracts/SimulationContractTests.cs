using CoProdSim.Benchmarks.Schelling;
using CoProdSim.Engine;
using CoProdSim.Engine.Recording;
using CoProdSim.Model;
using CoProdSim.Model.Parameters;
using CoProdSim.Tests.Engine;
using CoProdSim.Tests.Model;

namespace CoProdSim.Tests.Contracts;

/// <summary>
/// What every model run by the engine promises, checked once here and run against each model by a thin subclass:
/// a run is a function of the seed alone (the thread count changes speed, never a bit of the results), a different
/// seed gives a different history, the model reports the seed it was given, and its metric rows are well formed.
/// A new model gets all of this by adding one subclass.
/// </summary>
public abstract class SimulationContractTests
{
    private const ulong Seed = 7;

    /// <summary>Builds the model under test with root seed <paramref name="seed"/>.</summary>
    protected abstract ISimulationModel Create(ulong seed);

    /// <summary>Ticks to run: enough for the partitions to have exchanged messages and diverged from the start.</summary>
    protected virtual int Ticks => 20;

    private double[][] Run(ulong seed, int threads)
    {
        ISimulationModel model = Create(seed);
        var sink = new MemorySink();
        // A small recorder queue, so that the simulation also runs ahead of, and waits for, the writer.
        using (var recorder = new MetricRecorder(sink, model.MetricNames.Count, capacity: 4))
        {
            using var simulation = new Simulation(model, threads);
            simulation.Run(Ticks, recorder);
        }
        Assert.That(sink.Completed, Is.True, "the recorder completed the sink");
        Assert.That(sink.Rows, Has.Count.EqualTo(Ticks + 1), "tick 0 (the initial state) and one row per tick");
        Assert.That(sink.Rows.Select(r => r.Tick), Is.EqualTo(Enumerable.Range(0, Ticks + 1).Select(t => (long)t)), "rows in tick order");
        return sink.Rows.Select(r => r.Values).ToArray();
    }

    private static long[] Bits(double[][] rows) => rows.SelectMany(r => r).Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Test]
    public void SameSeedGivesBitIdenticalMetricsOnOneTwoAndEightThreads()
    {
        double[][] one = Run(Seed, 1), two = Run(Seed, 2), eight = Run(Seed, 8);
        IReadOnlyList<string> names = Create(Seed).MetricNames;
        for (int t = 0; t < one.Length; t++)
        {
            for (int k = 0; k < one[t].Length; k++)
            {
                long bits = BitConverter.DoubleToInt64Bits(one[t][k]);
                Assert.That(BitConverter.DoubleToInt64Bits(two[t][k]), Is.EqualTo(bits), $"tick {t}, {names[k]}, 2 threads");
                Assert.That(BitConverter.DoubleToInt64Bits(eight[t][k]), Is.EqualTo(bits), $"tick {t}, {names[k]}, 8 threads");
            }
        }
        // The run must actually have changed something, or the comparison proves nothing.
        Assert.That(Bits([one[^1]]), Is.Not.EqualTo(Bits([one[0]])), "the last row differs from the initial state");
    }

    [Test]
    public void DifferentSeedGivesDifferentMetrics()
    {
        Assert.That(Bits(Run(Seed + 1, 2)), Is.Not.EqualTo(Bits(Run(Seed, 2))));
    }

    [TestCase(0UL)]
    [TestCase(7UL)]
    [TestCase(ulong.MaxValue)]
    public void ModelReportsTheSeedItWasBuiltWith(ulong seed)
    {
        Assert.That(Create(seed).Seed, Is.EqualTo(seed));
    }

    [Test]
    public void MetricNamesAreNonEmptyAndUnique()
    {
        IReadOnlyList<string> names = Create(Seed).MetricNames;
        Assert.That(names, Is.Not.Empty);
        Assert.That(names.All(n => !string.IsNullOrWhiteSpace(n)), Is.True, "every metric has a name");
        Assert.That(names, Is.Unique);
    }

    [Test]
    public void EveryMetricRowHasOneValuePerMetric()
    {
        int width = Create(Seed).MetricNames.Count;
        Assert.That(Run(Seed, 2), Has.All.Length.EqualTo(width));
    }
}

/// <summary>The co-production model, on a small population under the balanced Four Co's strategy (every mode and lever in use).</summary>
public class CoProductionModelContractTests : SimulationContractTests
{
    protected override ISimulationModel Create(ulong seed) =>
        new CoProductionModel(ModelRun.Small(StrategyPresets.FourCos, citizens: 1_500, horizon: Ticks), seed);
}

/// <summary>The engine's test model, which uses every engine part (partitioned phases, messages, partial sums).</summary>
public class DiffusionModelContractTests : SimulationContractTests
{
    protected override ISimulationModel Create(ulong seed) => new DiffusionModel(5_000, seed, partitions: 16, giftsPerAgent: 2);

    protected override int Ticks => 25;
}

/// <summary>The reference Schelling model of the benchmarks.</summary>
public class SchellingModelContractTests : SimulationContractTests
{
    protected override ISimulationModel Create(ulong seed) => new SchellingModel(SchellingSpec.Small, seed);
}
