using CoProdSim.Engine;
using CoProdSim.Engine.Recording;
using CoProdSim.Engine.Scheduling;

namespace CoProdSim.Tests.Engine;

public class EngineDeterminismTests
{
    private static double[][] Run(ulong seed, int threads, int ticks = 25)
    {
        var model = new DiffusionModel(5_000, seed, partitions: 16, giftsPerAgent: 2);
        var sink = new MemorySink();
        using (var recorder = new MetricRecorder(sink, model.MetricNames.Count, capacity: 4))
        {
            using (var simulation = new Simulation(model, threads)) simulation.Run(ticks, recorder);
        }
        Assert.That(sink.Completed, Is.True);
        Assert.That(sink.Rows, Has.Count.EqualTo(ticks + 1));
        return sink.Rows.Select(r => r.Values).ToArray();
    }

    // Same seed, same rows on any thread count; another seed, other rows: see Contracts/SimulationContractTests.cs,
    // which runs those checks against every model, this one included. What is left here is particular to this model.

    [Test]
    public void InitialStateDoesNotDependOnTheSeedAndGiftsAreDelivered()
    {
        double[][] a = Run(7, 2), b = Run(8, 2);
        Assert.That(a[0], Is.EqualTo(b[0]), "tick 0 is the seed-independent initial state");
        Assert.That(a[^1][0], Is.Not.EqualTo(b[^1][0]), "the seed reaches the mean");
        Assert.That(a[^1][1], Is.Not.EqualTo(b[^1][1]), "and the variance");
        Assert.That(a[^1][2], Is.GreaterThan(0), "messages crossed the bus");
    }

    [Test]
    public void PartitioningCoversEveryEntityOnceAndFindsItsPartition()
    {
        foreach ((int n, int p) in new[] { (0, 4), (3, 8), (1000, 64), (1_000_003, 64) })
        {
            var parts = new Partitioning(n, p);
            int covered = 0;
            for (int k = 0; k < p; k++)
            {
                PartitionRange r = parts[k];
                Assert.That(r.Start, Is.EqualTo(covered));
                covered = r.End;
                for (int e = r.Start; e < r.End; e += Math.Max(1, r.Length / 7)) Assert.That(parts.PartitionOf(e), Is.EqualTo(k));
                if (r.Length > 0) Assert.That(parts.PartitionOf(r.End - 1), Is.EqualTo(k));
            }
            Assert.That(covered, Is.EqualTo(n));
        }
    }

    [Test]
    public void PartialSumsReduceInPartitionOrder()
    {
        var sums = new PartialSums(3, 2);
        sums.Row(0)[0] = 1e16;
        sums.Row(1)[0] = 1;
        sums.Row(2)[0] = -1e16;
        sums.Row(2)[1] = 4;
        double[] total = new double[2];
        sums.ReduceInto(total);
        // (1e16 + 1) - 1e16 = 0 in doubles: the order is left to right, exactly as written.
        Assert.That(total[0], Is.EqualTo(0.0));
        Assert.That(total[1], Is.EqualTo(4.0));
    }
}
