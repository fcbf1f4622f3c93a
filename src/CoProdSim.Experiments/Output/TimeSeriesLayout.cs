namespace CoProdSim.Experiments.Output;

/// <summary>
/// The columns of timeseries.csv, in one place: who writes the file (the runner's part files, the header) and who
/// reads it (summary, report) agree on where each field is because they all ask this. The leading columns say
/// which run and tick a row is; then come the swept parameters' values (by path), then the metrics.
/// </summary>
public sealed class TimeSeriesLayout
{
    /// <summary>Index of the strategy column.</summary>
    public const int Strategy = 0;

    /// <summary>Index of the replication column.</summary>
    public const int Replication = 1;

    /// <summary>Index of the seed column.</summary>
    public const int Seed = 2;

    /// <summary>Index of the tick column.</summary>
    public const int Tick = 3;

    /// <summary>Names of the leading columns, in order.</summary>
    public static IReadOnlyList<string> Leading { get; } = ["strategy", "replication", "seed", "tick"];

    /// <summary>Lays out the columns for these swept parameters and metrics.</summary>
    public TimeSeriesLayout(IReadOnlyList<string> sweepPaths, IReadOnlyList<string> metrics)
    {
        SweepPaths = sweepPaths;
        Metrics = metrics;
        Columns = [.. Leading, .. sweepPaths, .. metrics];
    }

    /// <summary>Paths of the swept parameters, in column order.</summary>
    public IReadOnlyList<string> SweepPaths { get; }

    /// <summary>Metric names, in column order.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>Every column name, in order: the header of timeseries.csv.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Index of the first swept parameter's column.</summary>
    public static int FirstSweep => Leading.Count;

    /// <summary>Index of the first metric column.</summary>
    public int FirstMetric => Leading.Count + SweepPaths.Count;

    /// <summary>The header line of timeseries.csv, without its line end.</summary>
    public string Header => string.Join(',', Columns.Select(Csv.Text));

    /// <summary>
    /// The layout of a file whose header is <paramref name="header"/>, given the swept paths the manifest records:
    /// the metrics are whatever follows them. Refuses a header that does not start as this layout says.
    /// </summary>
    /// <exception cref="InvalidDataException">when the header's leading or swept columns are not the expected ones.</exception>
    public static TimeSeriesLayout Read(IReadOnlyList<string> header, IReadOnlyList<string> sweepPaths)
    {
        int first = Leading.Count + sweepPaths.Count;
        bool matches = header.Count >= first;
        for (int i = 0; matches && i < first; i++)
            matches = header[i] == (i < Leading.Count ? Leading[i] : sweepPaths[i - Leading.Count]);
        if (!matches)
            throw new InvalidDataException($"timeseries.csv: the header should start with {string.Join(',', [.. Leading, .. sweepPaths])}, found {string.Join(',', header.Take(first))}");
        return new TimeSeriesLayout(sweepPaths, header.Skip(first).ToArray());
    }
}
