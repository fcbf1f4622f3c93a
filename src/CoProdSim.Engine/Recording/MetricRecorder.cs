using System.Threading.Channels;

namespace CoProdSim.Engine.Recording;

/// <summary>Where recorded rows go: a CSV file, an in-memory table, a summary accumulator.</summary>
public interface IMetricSink
{
    /// <summary>Called once per recorded tick, on the recorder's writer thread, in tick order.</summary>
    void Write(long tick, ReadOnlySpan<double> values);

    /// <summary>Called once after the last row.</summary>
    void Complete();
}

/// <summary>
/// Carries per-tick metric rows from the simulation to a sink through a bounded <see cref="Channel{T}"/>, so the
/// tick loop hands a row over and goes on while a writer thread formats and writes it.
/// Row buffers circulate through a second channel (a free list) of the same capacity: memory is bounded by
/// capacity x width, and in steady state nothing is allocated. If the writer falls behind by more than the
/// capacity, the simulation waits (back-pressure) rather than buffering without limit.
/// </summary>
public sealed class MetricRecorder : IAsyncDisposable, IDisposable
{
    private readonly Channel<(long Tick, double[] Row)> _rows;
    private readonly Channel<double[]> _free;
    private readonly IMetricSink _sink;
    private readonly Task _writer;
    private bool _completed;

    /// <summary>Starts a writer for rows of <paramref name="width"/> values.</summary>
    public MetricRecorder(IMetricSink sink, int width, int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _sink = sink;
        Width = width;
        var options = new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait };
        _rows = Channel.CreateBounded<(long, double[])>(options);
        _free = Channel.CreateBounded<double[]>(new BoundedChannelOptions(capacity + 1) { SingleReader = true, SingleWriter = true });
        for (int i = 0; i < capacity + 1; i++) _free.Writer.TryWrite(new double[width]);
        _writer = Task.Run(WriteLoop);
    }

    /// <summary>Values per row.</summary>
    public int Width { get; }

    /// <summary>Gets an empty row to fill. Blocks only if the writer is a whole channel behind.</summary>
    public double[] Rent()
    {
        if (_free.Reader.TryRead(out double[]? row)) return row;
        try
        {
            return _free.Reader.ReadAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            _writer.GetAwaiter().GetResult(); // rethrows the writer's own failure
            throw;
        }
    }

    /// <summary>Hands a filled row to the writer.</summary>
    public void Post(long tick, double[] row)
    {
        if (_rows.Writer.TryWrite((tick, row))) return;
        try
        {
            _rows.Writer.WriteAsync((tick, row)).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            _writer.GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Copies <paramref name="values"/> into a row and posts it.</summary>
    public void Record(long tick, ReadOnlySpan<double> values)
    {
        double[] row = Rent();
        values.CopyTo(row);
        Post(tick, row);
    }

    private async Task WriteLoop()
    {
        ChannelReader<(long Tick, double[] Row)> reader = _rows.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    _sink.Write(item.Tick, item.Row.AsSpan(0, Width));
                    _free.Writer.TryWrite(item.Row);
                }
            }
            _sink.Complete();
        }
        catch (Exception ex)
        {
            // Close both channels so a producer waiting on either wakes up and sees this failure.
            _rows.Writer.TryComplete(ex);
            _free.Writer.TryComplete(ex);
            throw;
        }
    }

    /// <summary>Flushes every posted row to the sink and completes it. Rethrows a writer failure.</summary>
    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        _rows.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        _free.Writer.TryComplete();
    }

    /// <inheritdoc />
    public void Dispose() => Complete();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Complete();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Keeps every row in memory: for tests and small runs.</summary>
public sealed class MemorySink : IMetricSink
{
    private readonly List<(long Tick, double[] Values)> _rows = [];

    /// <summary>The rows, in tick order.</summary>
    public IReadOnlyList<(long Tick, double[] Values)> Rows => _rows;

    /// <summary>True once the recorder completed.</summary>
    public bool Completed { get; private set; }

    /// <inheritdoc />
    public void Write(long tick, ReadOnlySpan<double> values) => _rows.Add((tick, values.ToArray()));

    /// <inheritdoc />
    public void Complete() => Completed = true;
}
