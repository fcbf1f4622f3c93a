using CoProdSim.Engine;
using CoProdSim.Engine.Messaging;
using CoProdSim.Engine.Scheduling;

namespace CoProdSim.Tests.Engine;

public class MessageBusTests
{
    private static (List<DiffusionModel.Gift>[] Log, long Pending) RunAndLog(int threads, int ticks)
    {
        var model = new DiffusionModel(3_000, 99, partitions: 12, giftsPerAgent: 3);
        model.EnableDeliveryLog();
        using var sim = new Simulation(model, threads);
        for (int t = 0; t < ticks; t++) sim.Step();
        return (model.DeliveryLog, 0);
    }

    [Test]
    public void EveryMessageIsDeliveredExactlyOnce()
    {
        const int agents = 3_000, gifts = 3, ticks = 4;
        var (log, _) = RunAndLog(threads: 4, ticks);
        var all = log.SelectMany(l => l).ToList();
        Assert.That(all, Has.Count.EqualTo(agents * gifts * ticks));
        // Per tick each (sender, sequence) pair occurs exactly once; over 4 ticks, exactly 4 times.
        var counts = all.GroupBy(g => (g.From, g.Sequence)).Select(g => g.Count()).ToList();
        Assert.That(counts, Has.Count.EqualTo(agents * gifts));
        Assert.That(counts.All(c => c == ticks), Is.True);
    }

    [Test]
    public void DeliveryOrderIsTheSameOnAnyThreadCount()
    {
        var (one, _) = RunAndLog(1, 3);
        var (two, _) = RunAndLog(2, 3);
        var (eight, _) = RunAndLog(8, 3);
        for (int p = 0; p < one.Length; p++)
        {
            Assert.That(two[p], Is.EqualTo(one[p]), $"partition {p}, 2 threads");
            Assert.That(eight[p], Is.EqualTo(one[p]), $"partition {p}, 8 threads");
        }
    }

    [Test]
    public void MessagesArriveInSourcePartitionThenSendOrder()
    {
        var parts = new Partitioning(100, 4);
        var bus = new MessageBus<int>(parts, initialCapacityPerPair: 1);
        // Sources publish in a scrambled order, as racing threads would.
        foreach (int source in new[] { 3, 0, 2 })
        {
            for (int k = 0; k < 5; k++) bus.Send(source, target: 10, payload: source * 100 + k);
            bus.Publish(source);
        }
        Assert.That(bus.Pending, Is.EqualTo(15));
        var handler = new Collect([]);
        int delivered = bus.Deliver(parts.PartitionOf(10), ref handler);
        Assert.That(delivered, Is.EqualTo(15));
        Assert.That(handler.Seen, Is.EqualTo(new[] { 0, 1, 2, 3, 4, 200, 201, 202, 203, 204, 300, 301, 302, 303, 304 }));
        Assert.That(bus.Pending, Is.Zero);
    }

    private readonly struct Collect(List<int> seen) : IMessageHandler<int>
    {
        public List<int> Seen => seen;

        public void Handle(int sourcePartition, in Envelope<int> message) => seen.Add(message.Payload);
    }
}
