using System.Globalization;
using CoProdSim.Experiments.Designs;
using CoProdSim.Experiments.Running;
using Parquet;
using Parquet.Schema;

namespace CoProdSim.Experiments.Output;

/// <summary>
/// timeseries.parquet and summary.parquet (<c>outputs.format: parquet</c>): the same rows as the CSVs, with typed
/// columns. strategy is text; replication and tick are 32-bit integers; seed is an unsigned 64-bit integer, exact
/// (R's arrow reads it as integer64 or, when that cannot hold it, a double; pandas as uint64); a swept parameter is a
/// double, or text (the name) for a parameter that takes names; metrics are doubles, a missing value (NA in the
/// CSV) being null, which R and pandas read as missing. Each double is the one the CSV's text reads back as, bit for
/// bit.
/// <para>
/// The time series is streamed from the runs' part files into row groups of at most <see cref="DefaultRowGroupRows"/> rows,
/// so memory does not grow with the number of runs. Both files are written under a temporary name and renamed into
/// place, like the CSVs.
/// </para>
/// </summary>
public static class ParquetTables
{
    /// <summary>File names, fixed: scripts depend on them.</summary>
    public const string TimeSeriesFile = "timeseries.parquet", SummaryFile = "summary.parquet";

    /// <summary>Most rows in one row group of timeseries.parquet.</summary>
    public const int DefaultRowGroupRows = 1 << 16;

    /// <summary>Most rows in one row group; tests make it small to see several groups.</summary>
    internal static int RowGroupRows { get; set; } = DefaultRowGroupRows;

    private static readonly string[] EstimateColumns = ["mean", "sd", "ci95_low", "ci95_high"];

    /// <summary>Writes timeseries.parquet from the runs' part files, in the plan's order; returns its path.</summary>
    public static string WriteTimeSeries(string directory, TimeSeriesLayout layout, RunPlan plan, IReadOnlyList<IReadOnlyList<double>> points, Func<RunSpec, string> partPath)
    {
        string path = Path.Combine(directory, TimeSeriesFile);
        AtomicFile.WriteBinary(path, stream => WriteTimeSeriesAsync(stream, layout, plan, points, partPath));
        return path;
    }

    /// <summary>Writes summary.parquet; returns its path.</summary>
    public static string WriteSummary(string directory, IReadOnlyList<string> sweepPaths, IReadOnlyList<SummaryRow> rows)
    {
        string path = Path.Combine(directory, SummaryFile);
        AtomicFile.WriteBinary(path, stream => WriteSummaryAsync(stream, sweepPaths, rows));
        return path;
    }

    /// <summary>The field of a swept parameter: text for a parameter that takes names, else a double.</summary>
    private static DataField SweepField(string path) => SweepValue.IsChoice(path) ? new DataField<string>(path, nullable: false) : new DataField<double>(path);

    private static async Task WriteTimeSeriesAsync(Stream stream, TimeSeriesLayout layout, RunPlan plan, IReadOnlyList<IReadOnlyList<double>> points, Func<RunSpec, string> partPath)
    {
        int sweeps = layout.SweepPaths.Count, metrics = layout.Metrics.Count, firstMetric = layout.FirstMetric, groupRows = RowGroupRows;
        var strategyField = new DataField<string>(TimeSeriesLayout.Leading[TimeSeriesLayout.Strategy], nullable: false);
        var replicationField = new DataField<int>(TimeSeriesLayout.Leading[TimeSeriesLayout.Replication]);
        var seedField = new DataField<ulong>(TimeSeriesLayout.Leading[TimeSeriesLayout.Seed]);
        var tickField = new DataField<int>(TimeSeriesLayout.Leading[TimeSeriesLayout.Tick]);
        DataField[] sweepFields = layout.SweepPaths.Select(SweepField).ToArray();
        DataField<double?>[] metricFields = layout.Metrics.Select(m => new DataField<double?>(m)).ToArray();
        var schema = new ParquetSchema([strategyField, replicationField, seedField, tickField, .. sweepFields, .. metricFields]);

        // One row group's columns; filled run by run and flushed when full.
        var strategy = new List<string>(groupRows);
        int[] replication = new int[groupRows], tick = new int[groupRows];
        ulong[] seed = new ulong[groupRows];
        double[][] sweepNumbers = new double[sweeps][];
        List<string>[] sweepNames = new List<string>[sweeps];
        for (int k = 0; k < sweeps; k++)
        {
            if (SweepValue.IsChoice(layout.SweepPaths[k])) sweepNames[k] = new List<string>(groupRows);
            else sweepNumbers[k] = new double[groupRows];
        }
        double?[][] values = new double?[metrics][];
        for (int m = 0; m < metrics; m++) values[m] = new double?[groupRows];
        int n = 0;

        await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false);

        async Task Flush()
        {
            if (n == 0) return;
            using (ParquetRowGroupWriter group = writer.CreateRowGroup())
            {
                await group.WriteAsync(strategyField, strategy).ConfigureAwait(false);
                await group.WriteAsync<int>(replicationField, replication.AsMemory(0, n)).ConfigureAwait(false);
                await group.WriteAsync<ulong>(seedField, seed.AsMemory(0, n)).ConfigureAwait(false);
                await group.WriteAsync<int>(tickField, tick.AsMemory(0, n)).ConfigureAwait(false);
                for (int k = 0; k < sweeps; k++)
                {
                    if (sweepNames[k] is { } names) await group.WriteAsync(sweepFields[k], names).ConfigureAwait(false);
                    else await group.WriteAsync<double>(sweepFields[k], sweepNumbers[k].AsMemory(0, n)).ConfigureAwait(false);
                }
                for (int m = 0; m < metrics; m++) await group.WriteAsync<double>(metricFields[m], values[m].AsMemory(0, n)).ConfigureAwait(false);
            }
            n = 0;
            strategy.Clear();
            foreach (List<string>? names in sweepNames) names?.Clear();
        }

        foreach (RunSpec run in plan.Runs)
        {
            string name = plan.Strategies[run.Strategy];
            IReadOnlyList<double> point = sweeps > 0 ? points[run.Point] : [];
            string[] pointNames = layout.SweepPaths.Select((p, k) => sweepNames[k] is null ? "" : SweepValue.Name(p, point[k])).ToArray();
            foreach (string line in File.ReadLines(partPath(run)))
            {
                if (line.Length == 0) continue;
                List<string> f = Csv.Split(line);
                strategy.Add(name);
                replication[n] = run.Replication;
                seed[n] = run.Seed;
                tick[n] = int.Parse(f[TimeSeriesLayout.Tick], CultureInfo.InvariantCulture);
                for (int k = 0; k < sweeps; k++)
                {
                    if (sweepNames[k] is { } names) names.Add(pointNames[k]);
                    else sweepNumbers[k][n] = point[k];
                }
                for (int m = 0; m < metrics; m++)
                {
                    double x = Csv.Parse(f[firstMetric + m]);
                    values[m][n] = double.IsNaN(x) ? null : x;
                }
                if (++n == groupRows) await Flush().ConfigureAwait(false);
            }
        }
        await Flush().ConfigureAwait(false);
    }

    private static async Task WriteSummaryAsync(Stream stream, IReadOnlyList<string> sweepPaths, IReadOnlyList<SummaryRow> rows)
    {
        var strategyField = new DataField<string>("strategy", nullable: false);
        DataField[] sweepFields = sweepPaths.Select(SweepField).ToArray();
        var metricField = new DataField<string>("metric", nullable: false);
        DataField<double?>[] estimateFields = EstimateColumns.Select(c => new DataField<double?>(c)).ToArray();
        var nField = new DataField<int>("n");
        var schema = new ParquetSchema([strategyField, .. sweepFields, metricField, .. estimateFields, nField]);
        static double? Value(double x) => double.IsNaN(x) ? null : x;

        await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false);
        using ParquetRowGroupWriter group = writer.CreateRowGroup();
        await group.WriteAsync(strategyField, rows.Select(r => r.Strategy).ToArray()).ConfigureAwait(false);
        for (int k = 0; k < sweepPaths.Count; k++)
        {
            int at = k;
            if (SweepValue.IsChoice(sweepPaths[k])) await group.WriteAsync(sweepFields[k], rows.Select(r => SweepValue.Name(sweepPaths[at], r.SweepValues[at])).ToArray()).ConfigureAwait(false);
            else await group.WriteAsync<double>(sweepFields[k], rows.Select(r => r.SweepValues[at]).ToArray()).ConfigureAwait(false);
        }
        await group.WriteAsync(metricField, rows.Select(r => r.Metric).ToArray()).ConfigureAwait(false);
        Func<SummaryRow, double>[] estimates = [r => r.Estimate.Mean, r => r.Estimate.Sd, r => r.Estimate.Low, r => r.Estimate.High];
        for (int c = 0; c < estimates.Length; c++)
        {
            Func<SummaryRow, double> get = estimates[c];
            await group.WriteAsync<double>(estimateFields[c], rows.Select(r => Value(get(r))).ToArray()).ConfigureAwait(false);
        }
        await group.WriteAsync<int>(nField, rows.Select(r => r.Estimate.N).ToArray()).ConfigureAwait(false);
    }
}
