using CoProdSim.Engine.Recording;

namespace CoProdSim.Tests.Engine;

public class MetricRecorderTests
{
    private sealed class SlowSink : IMetricSink
    {
        public List<long> Ticks { get; } = [];
        public List<double> Firsts { get; } = [];
        public int Completed;

        public void Write(long tick, ReadOnlySpan<double> values)
        {
            if (tick % 100 == 0) Thread.Sleep(1);
            Ticks.Add(tick);
            Firsts.Add(values[0]);
        }

        public void Complete() => Completed++;
    }

    [Test]
    public void EveryRowArrivesInOrderThroughASmallBoundedChannel()
    {
        var sink = new SlowSink();
        using (var recorder = new MetricRecorder(sink, width: 2, capacity: 2))
        {
            for (long t = 0; t < 2_000; t++) recorder.Record(t, [t * 0.5, -t]);
        }
        Assert.That(sink.Ticks, Is.EqualTo(Enumerable.Range(0, 2_000).Select(i => (long)i)));
        Assert.That(sink.Firsts[1_999], Is.EqualTo(999.5));
        Assert.That(sink.Completed, Is.EqualTo(1));
    }

    private sealed class FailingSink : IMetricSink
    {
        public void Write(long tick, ReadOnlySpan<double> values) => throw new IOException("disk full");

        public void Complete() { }
    }

    [Test]
    public void AWriterFailureSurfacesToTheSimulation()
    {
        var recorder = new MetricRecorder(new FailingSink(), width: 1, capacity: 1);
        Assert.Throws<IOException>(() =>
        {
            for (int t = 0; t < 100; t++) recorder.Record(t, [1.0]);
            recorder.Complete();
        });
    }
}
