using BenchmarkDotNet.Attributes;
using CoProdSim.Benchmarks.Schelling;
using CoProdSim.Engine.Messaging;
using CoProdSim.Engine.Random;
using CoProdSim.Engine.Scheduling;
using MathNet.Numerics.Distributions;

namespace CoProdSim.Benchmarks;

/// <summary>The message bus: 100,000 messages from 64 partitions to random entities, sent, published and delivered.</summary>
[MemoryDiagnoser]
public class MessageBusBenchmarks
{
    private const int Messages = 100_000;
    private readonly Partitioning _partitions = new(1_000_000, 64);
    private MessageBus<int> _bus = null!;
    private int[] _targets = [];

    /// <summary>Draws the targets and warms the buffers to their steady-state size.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _bus = new MessageBus<int>(_partitions);
        var rng = new RandomStream(1, 0, 0, 0);
        _targets = new int[Messages];
        for (int i = 0; i < Messages; i++) _targets[i] = rng.NextInt(1_000_000);
        Exchange();
    }

    /// <summary>One round: every partition sends its share and publishes; every partition delivers.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long Exchange()
    {
        int per = Messages / _partitions.Count;
        for (int p = 0; p < _partitions.Count; p++)
        {
            for (int k = p * per; k < (p + 1) * per; k++) _bus.Send(p, _targets[k], k);
            _bus.Publish(p);
        }
        var sum = new Sum();
        long delivered = 0;
        for (int p = 0; p < _partitions.Count; p++) delivered += _bus.Deliver(p, ref sum);
        return delivered + sum.Total;
    }

    private struct Sum : IMessageHandler<int>
    {
        public long Total;

        public void Handle(int sourcePartition, in Envelope<int> message) => Total += message.Payload;
    }
}

/// <summary>Keyed streams handed to MathNet.Numerics distributions.</summary>
[MemoryDiagnoser]
public class DistributionBenchmarks
{
    private const int N = 1_000;
    private readonly StreamRandom _random = new(new StreamKey(1, 2, 3, 4));
    private readonly Normal _normal;

    /// <summary>Builds the MathNet distribution on a keyed stream.</summary>
    public DistributionBenchmarks() => _normal = new Normal(0, 1, _random);

    /// <summary>MathNet's Normal sampling from a keyed stream.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double MathNetNormalFromKeyedStream()
    {
        double s = 0;
        for (int i = 0; i < N; i++) s += _normal.Sample();
        return s;
    }

    /// <summary>The stream's own Box-Muller normal.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double StreamNormal()
    {
        var r = new RandomStream(1, 2, 3, 4);
        double s = 0;
        for (int i = 0; i < N; i++) s += r.NextStandardNormal();
        return s;
    }
}

/// <summary>
/// The Schelling yardstick (ABM framework comparison): build the model and run 20 steps, to the comparison's
/// declaration (explicit agents, a neighbour search at each activation), and the kept-counts variant beside it.
/// </summary>
[MemoryDiagnoser]
public class SchellingBenchmarks
{
    private ulong _seed;

    /// <summary>1,000 agents on 40x40, radius 1.</summary>
    [Benchmark]
    public int Small() => SchellingModel.BuildAndRun(SchellingSpec.Small, ++_seed).LastMoves;

    /// <summary>8,000 agents on 100x100, radius 2.</summary>
    [Benchmark]
    public int Large() => SchellingModel.BuildAndRun(SchellingSpec.Large, ++_seed).LastMoves;

    /// <summary>Small, with neighbour counts kept per cell (not comparable with other frameworks).</summary>
    [Benchmark]
    public int SmallKeptCounts() => SchellingKeptCountsModel.BuildAndRun(SchellingSpec.Small, ++_seed).LastMoves;

    /// <summary>Large, with neighbour counts kept per cell (not comparable with other frameworks).</summary>
    [Benchmark]
    public int LargeKeptCounts() => SchellingKeptCountsModel.BuildAndRun(SchellingSpec.Large, ++_seed).LastMoves;
}
