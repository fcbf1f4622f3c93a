namespace CoProdSim.Engine.Scheduling;

/// <summary>
/// Per-partition accumulators for a parallel reduction: each partition adds into its own row, and
/// <see cref="ReduceInto"/> sums rows in partition order. Floating-point addition is not associative, so summing in
/// a fixed order (never by racing threads) is what keeps results bit-identical across thread counts.
/// </summary>
public sealed class PartialSums
{
    private readonly double[] _values;

    /// <summary>Creates <paramref name="partitions"/> rows of <paramref name="width"/> accumulators.</summary>
    public PartialSums(int partitions, int width)
    {
        Partitions = partitions;
        Width = width;
        _values = new double[partitions * width];
    }

    /// <summary>Number of rows (partitions).</summary>
    public int Partitions { get; }

    /// <summary>Accumulators per row.</summary>
    public int Width { get; }

    /// <summary>The row of partition <paramref name="partition"/>, for that partition alone to write.</summary>
    public Span<double> Row(int partition) => _values.AsSpan(partition * Width, Width);

    /// <summary>Zeroes every row.</summary>
    public void Clear() => Array.Clear(_values);

    /// <summary>Sums the rows, in partition order, into <paramref name="destination"/>.</summary>
    public void ReduceInto(Span<double> destination)
    {
        if (destination.Length < Width) throw new ArgumentException("destination shorter than width", nameof(destination));
        destination[..Width].Clear();
        for (int p = 0; p < Partitions; p++)
        {
            ReadOnlySpan<double> row = _values.AsSpan(p * Width, Width);
            for (int k = 0; k < Width; k++) destination[k] += row[k];
        }
    }
}
