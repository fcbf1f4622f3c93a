using CoProdSim.Engine;
using CoProdSim.Engine.Scheduling;

namespace CoProdSim.Tests.Engine;

/// <summary>The scheduler's persistent workers: every partition once per phase, on a fixed set of threads, errors surfaced.</summary>
public class WorkerPoolTests
{
    private sealed class Probe(int entities, int partitions, Action<long, PartitionRange>? body = null) : ISimulationModel
    {
        public readonly int[,] Thread = new int[8, partitions];
        public readonly int[,] Runs = new int[8, partitions];

        public Partitioning Partitions { get; } = new(entities, partitions);

        public IReadOnlyList<Phase> Phases => [new PartitionedPhase("probe", Run), new SerialPhase("between", (in TickContext _) => { })];

        public ulong Seed => 0;

        public IReadOnlyList<string> MetricNames => ["x"];

        public void WriteMetrics(long tick, Span<double> values) => values[0] = tick;

        private void Run(in TickContext tick, PartitionRange range)
        {
            Thread[tick.Tick - 1, range.Partition] = Environment.CurrentManagedThreadId;
            Interlocked.Increment(ref Runs[tick.Tick - 1, range.Partition]);
            body?.Invoke(tick.Tick, range);
        }
    }

    [TestCase(2, 16)]
    [TestCase(3, 16)]
    [TestCase(4, 5)]
    [TestCase(8, 3)]
    public void EachPartitionRunsOncePerTickOnTheSameFewThreads(int threads, int partitions)
    {
        var model = new Probe(1_000, partitions);
        using (var sim = new Simulation(model, threads)) for (int t = 0; t < 8; t++) sim.Step();
        for (int p = 0; p < partitions; p++)
            for (int t = 0; t < 8; t++) Assert.That(model.Runs[t, p], Is.EqualTo(1), $"tick {t + 1}, partition {p}");
        // Threads are created once: over 8 ticks, no more distinct threads ran partitions than there are workers.
        var used = new HashSet<int>();
        for (int t = 0; t < 8; t++) for (int p = 0; p < partitions; p++) used.Add(model.Thread[t, p]);
        Assert.That(used.Count, Is.InRange(1, Math.Min(threads, partitions)));
    }

    [Test]
    public void AnExceptionOnAWorkerIsRethrownUnwrappedAfterTheBarrierAndTheLowestPartitionWins()
    {
        int round = 0;
        var model = new Probe(1_000, 8, (tick, range) =>
        {
            if (round == 1 && range.Partition == 7) throw new InvalidOperationException("partition 7 failed");
            if (round == 2 && range.Partition >= 5) throw new ArgumentException($"partition {range.Partition} failed");
            if (round == 2 && range.Partition == 1) throw new InvalidOperationException("partition 1 failed");
        });
        using var sim = new Simulation(model, 2);
        sim.Step();
        round = 1;
        var first = Assert.Throws<InvalidOperationException>(sim.Step);
        Assert.That(first!.Message, Is.EqualTo("partition 7 failed"), "a worker thread's exception, unwrapped");
        Assert.That(Enumerable.Range(0, 8).All(p => model.Runs[1, p] == 1), Is.True, "the other partitions still ran to the barrier");
        Assert.That(sim.Tick, Is.EqualTo(2), "a failed tick is not counted");
        round = 2;
        var second = Assert.Throws<InvalidOperationException>(sim.Step);
        Assert.That(second!.Message, Is.EqualTo("partition 1 failed"), "the lowest partition's failure, whichever thread ran it");
        round = 0;
        sim.Step(); // the pool is still usable after a failed tick
        Assert.That(sim.Tick, Is.EqualTo(3));
    }

    [Test]
    public void ADisposedSimulationRefusesToStep()
    {
        var sim = new Simulation(new Probe(100, 4), 2);
        sim.Step();
        sim.Dispose();
        Assert.Throws<ObjectDisposedException>(sim.Step);
        Assert.DoesNotThrow(sim.Dispose, "disposing twice is harmless");
    }
}
