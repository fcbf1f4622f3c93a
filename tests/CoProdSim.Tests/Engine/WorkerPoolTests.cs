using CoProdSim.Engine;
using CoProdSim.Engine.Scheduling;

namespace CoProdSim.Tests.Engine;

/// <summary>The scheduler's persistent workers: fixed partition blocks per thread, every partition once, errors surfaced.</summary>
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
    public void EachPartitionRunsOncePerTickAlwaysOnTheSameThreadInContiguousBlocks(int threads, int partitions)
    {
        var model = new Probe(1_000, partitions);
        using (var sim = new Simulation(model, threads)) for (int t = 0; t < 8; t++) sim.Step();
        int workers = Math.Min(threads, partitions);
        for (int p = 0; p < partitions; p++)
        {
            for (int t = 0; t < 8; t++)
            {
                Assert.That(model.Runs[t, p], Is.EqualTo(1), $"tick {t + 1}, partition {p}");
                Assert.That(model.Thread[t, p], Is.EqualTo(model.Thread[0, p]), $"partition {p} stays on its thread");
            }
            // Worker w runs partitions [w P / W, (w + 1) P / W); blocks are contiguous, so a thread change is a block edge.
            if (p > 0 && model.Thread[0, p] != model.Thread[0, p - 1])
                Assert.That(Enumerable.Range(1, workers - 1).Any(w => p == partitions * w / workers), Is.True, $"block edge at {p}");
        }
        int distinct = Enumerable.Range(0, partitions).Select(p => model.Thread[0, p]).Distinct().Count();
        Assert.That(distinct, Is.EqualTo(workers), "one thread per worker, the caller included");
        Assert.That(model.Thread[0, 0], Is.EqualTo(Environment.CurrentManagedThreadId), "the calling thread is worker 0");
    }

    [Test]
    public void AnExceptionOnAWorkerIsRethrownUnwrappedAfterTheBarrierAndTheLowestBlockWins()
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
        Assert.That(second!.Message, Is.EqualTo("partition 1 failed"), "worker 0's failure, not worker 1's");
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
