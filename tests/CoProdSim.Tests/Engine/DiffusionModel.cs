using CoProdSim.Engine;
using CoProdSim.Engine.Messaging;
using CoProdSim.Engine.Random;
using CoProdSim.Engine.Scheduling;

namespace CoProdSim.Tests.Engine;

/// <summary>
/// A small model that uses every engine part, for engine tests: each agent's value relaxes toward its ring
/// neighbours' previous values plus keyed noise; each agent also sends a "gift" message to a random other agent,
/// delivered at the barrier; metrics are reduced per partition and summed in partition order.
/// </summary>
internal sealed class DiffusionModel : ISimulationModel
{
    private readonly double[] _value, _next;
    private readonly double[] _received;
    private readonly PartialSums _partials;
    private readonly MessageBus<Gift> _bus;
    private readonly int _giftsPerAgent;

    public DiffusionModel(int agents, ulong seed, int partitions = 16, int giftsPerAgent = 1)
    {
        Seed = seed;
        Partitions = new Partitioning(agents, partitions);
        _value = new double[agents];
        _next = new double[agents];
        _received = new double[agents];
        for (int i = 0; i < agents; i++) _value[i] = i % 10;
        _partials = new PartialSums(partitions, 3);
        _bus = new MessageBus<Gift>(Partitions);
        _giftsPerAgent = giftsPerAgent;
        Phases =
        [
            new PartitionedPhase("relax-and-give", Relax),
            new PartitionedPhase("deliver", Deliver),
            new SerialPhase("swap", (in TickContext _) => Array.Copy(_next, _value, _value.Length)),
        ];
    }

    public readonly record struct Gift(int From, int Sequence, double Amount);

    /// <summary>Every delivery, per target partition, in delivery order (for the bus tests).</summary>
    public List<Gift>[] DeliveryLog { get; private set; } = [];

    public bool LogDeliveries { get; set; }

    public ulong Seed { get; }

    public Partitioning Partitions { get; }

    public IReadOnlyList<Phase> Phases { get; }

    public IReadOnlyList<string> MetricNames { get; } = ["mean", "variance", "received"];

    public long Sent { get; private set; }

    private void Relax(in TickContext tick, PartitionRange range)
    {
        int n = _value.Length;
        for (int i = range.Start; i < range.End; i++)
        {
            var rng = new RandomStream(Seed, i, tick.Tick, 0);
            double left = _value[(i + n - 1) % n], right = _value[(i + 1) % n];
            _next[i] = _value[i] + 0.3 * (0.5 * (left + right) - _value[i]) + rng.NextNormal(0, 0.1) + _received[i];
            _received[i] = 0;
            for (int g = 0; g < _giftsPerAgent; g++)
                _bus.Send(range.Partition, rng.NextInt(n), new Gift(i, g, rng.NextDouble() * 0.01));
        }
        _bus.Publish(range.Partition);
    }

    private void Deliver(in TickContext tick, PartitionRange range)
    {
        var handler = new Handler(this, LogDeliveries ? DeliveryLog[range.Partition] : null);
        _bus.Deliver(range.Partition, ref handler);
    }

    private readonly struct Handler(DiffusionModel model, List<Gift>? log) : IMessageHandler<Gift>
    {
        public void Handle(int sourcePartition, in Envelope<Gift> message)
        {
            model._received[message.Target] += message.Payload.Amount;
            log?.Add(message.Payload);
        }
    }

    public void EnableDeliveryLog()
    {
        LogDeliveries = true;
        DeliveryLog = new List<Gift>[Partitions.Count];
        for (int p = 0; p < DeliveryLog.Length; p++) DeliveryLog[p] = [];
    }

    public void WriteMetrics(long tick, Span<double> values)
    {
        _partials.Clear();
        for (int p = 0; p < Partitions.Count; p++)
        {
            PartitionRange r = Partitions[p];
            Span<double> row = _partials.Row(p);
            for (int i = r.Start; i < r.End; i++)
            {
                row[0] += _value[i];
                row[1] += _value[i] * _value[i];
                row[2] += _received[i];
            }
        }
        Span<double> total = stackalloc double[3];
        _partials.ReduceInto(total);
        double n = _value.Length;
        values[0] = total[0] / n;
        values[1] = total[1] / n - values[0] * values[0];
        values[2] = total[2];
    }
}
