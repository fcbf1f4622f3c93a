using System.Text.Json.Nodes;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Experiments.Statistics;
using CoProdSim.Model.Metrics;
using MathNet.Numerics.Distributions;

namespace CoProdSim.Charts;

/// <summary>
/// One results folder in a report: its label (the folder's name when two are compared), its results, the sweep point
/// shown by default, and the points the reader can choose between (whose monthly series the report holds).
/// </summary>
public sealed class ReportSource
{
    /// <summary>At most this many strategy-months of monthly series per folder: beyond it only the default point can be chosen (keeps the report a few MB).</summary>
    public const int MonthlySeriesBudget = 25_000;

    private ReportSource(string label, ResultSet set, int defaultPoint)
    {
        Label = label;
        Set = set;
        DefaultPoint = defaultPoint;
    }

    /// <summary>The folder's label ("" for a report of one folder).</summary>
    public string Label { get; }

    /// <summary>The results.</summary>
    public ResultSet Set { get; }

    /// <summary>The sweep point shown first: the one nearest the values the scenario states (<see cref="ParameterLabel.Stated"/>).</summary>
    public int DefaultPoint { get; }

    /// <summary>The points the reader can choose (those whose monthly series were kept), in the sweep's order.</summary>
    public IReadOnlyList<int> ShownPoints => [.. Set.BandPoints.Order()];

    /// <summary>The metrics a report compares pair by pair (the summary's, the headline's and the sweep charts').</summary>
    public static IReadOnlyList<string> PairedMetrics(RunManifest m) =>
    [
        .. ReportSummary.Measures.Select(x => x.Metric), MetricCatalog.NeedMet, MetricCatalog.EfficiencyPublic, MetricCatalog.EfficiencyTotal,
        MetricCatalog.TotalCost, MetricCatalog.DiscountedCost, MetricCatalog.DiscountedQalys, MetricCatalog.OutcomeGini,
        MetricCatalog.OutcomeQuintile(1), MetricCatalog.OutcomeQuintile(5),
        .. m.HeadlineMetrics ?? ReportBuilder.DefaultMetrics, .. SweepCharts.MetricsOf(m),
    ];

    /// <summary>Reads a results folder for the report.</summary>
    public static ReportSource Load(string directory, string label)
    {
        int defaultPoint = 0;
        ResultSet set = ResultSet.Load(directory, m =>
        {
            defaultPoint = DefaultPointOf(m);
            IReadOnlyList<IReadOnlyList<double>> points = m.Sweep?.Points ?? [];
            int strategies = (m.Parameters?["strategies"] as JsonObject)?.Count ?? 1;
            bool browsable = m.Sweep is { Analysed: false } && (long)points.Count * strategies * (m.Horizon + 1) <= MonthlySeriesBudget;
            return new ResultSetOptions(browsable ? Enumerable.Range(0, points.Count).ToArray() : [defaultPoint], PairedMetrics(m).Distinct().ToArray());
        });
        return new ReportSource(label, set, defaultPoint);
    }

    /// <summary>
    /// The point nearest the scenario's own values of the swept parameters (each axis scaled by the swept range): with
    /// <c>budget_change</c> swept, the point of no change; with a Latin hypercube, the sample nearest the stated values.
    /// </summary>
    public static int DefaultPointOf(RunManifest m)
    {
        if (m.Sweep is not { Points.Count: > 1 } sweep) return 0;
        double[] stated = sweep.Parameters.Select(p => ParameterLabel.Stated(p, m)).ToArray();
        int best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int p = 0; p < sweep.Points.Count; p++)
        {
            double d = 0;
            for (int k = 0; k < stated.Length; k++)
            {
                double min = sweep.Points.Min(x => x[k]), max = sweep.Points.Max(x => x[k]);
                double z = (sweep.Points[p][k] - stated[k]) / (max > min ? max - min : 1);
                d += double.IsNaN(z) ? 0 : z * z;
            }
            if (d < bestDistance)
            {
                bestDistance = d;
                best = p;
            }
        }
        return best;
    }

    /// <summary>"Budget change = 0%" for a point, or "" without a sweep.</summary>
    public string PointLabel(int point) => Set.SweepPaths.Count == 0 ? "" : ParameterLabel.Point(Set.SweepPaths, Set.Points[point]);
}

/// <summary>A strategy of one folder at one sweep point, as a chart draws it.</summary>
public sealed record Series(string Label, string Strategy, ReportSource Source, int Point, Look Look, string? Dash = null)
{
    /// <summary>Monthly estimates of a metric (none when this folder lacks it: an older folder compared with a newer).</summary>
    public Band Band(string metric) => Source.Set.Metrics.Contains(metric) ? Source.Set.BandOf(Strategy, metric, Point) : new Band([], []);

    /// <summary>The final-month estimate of a metric (NaN when this folder lacks it).</summary>
    public Estimate Final(string metric) => Source.Set.Metrics.Contains(metric) ? Source.Set.Final(Strategy, metric, Point) : Estimate.Of([]);

    /// <summary>
    /// This series minus <paramref name="other"/> at the final month: paired by replication when both are of one
    /// folder and point (the same seeds: the numbers of differences.csv), else Welch's interval for independent samples.
    /// </summary>
    public Estimate Minus(Series other, string metric)
    {
        if (ReferenceEquals(Source, other.Source) && Point == other.Point)
            return Source.Set.Metrics.Contains(metric) ? Source.Set.Paired(Strategy, other.Strategy, metric, Point) : Estimate.Of([]);
        return Welch(Final(metric), other.Final(metric));
    }

    /// <summary>The difference of two independent means with Welch's t interval (Welch 1947).</summary>
    public static Estimate Welch(Estimate a, Estimate b)
    {
        double mean = a.Mean - b.Mean;
        if (a.N < 2 || b.N < 2) return new Estimate(mean, double.NaN, double.NaN, double.NaN, Math.Min(a.N, b.N));
        double va = a.Sd * a.Sd / a.N, vb = b.Sd * b.Sd / b.N, se = Math.Sqrt(va + vb);
        if (se == 0) return new Estimate(mean, 0, mean, mean, Math.Min(a.N, b.N));
        double df = (va + vb) * (va + vb) / ((va * va / (a.N - 1)) + (vb * vb / (b.N - 1)));
        double half = StudentT.InvCDF(0, 1, df, 0.975) * se;
        return new Estimate(mean, se, mean - half, mean + half, Math.Min(a.N, b.N));
    }
}

/// <summary>What one state of the report shows: the series of the summary, tables and monthly charts, and a label for it.</summary>
public sealed record ReportView(string Label, IReadOnlyList<Series> Series)
{
    /// <summary>The views of a report: one per choosable sweep point of a single folder, or one overlaying two folders.</summary>
    public static IReadOnlyList<ReportView> Of(IReadOnlyList<ReportSource> sources)
    {
        var looks = StrategyStyle.For(sources.SelectMany(s => s.Set.Strategies));
        if (sources.Count == 1)
        {
            ReportSource s = sources[0];
            return s.ShownPoints.Select(p => new ReportView(s.PointLabel(p), s.Set.Strategies.Select(n => new Series(n, n, s, p, looks[n])).ToArray())).ToArray();
        }
        // Two folders: a strategy keeps its colour and marker; the folder is told by the line (solid, then dashed).
        string[] dashes = ["solid", "dash"];
        var series = new List<Series>();
        foreach (string name in sources.SelectMany(s => s.Set.Strategies).Distinct())
        {
            for (int i = 0; i < sources.Count; i++)
            {
                if (sources[i].Set.Strategies.Contains(name))
                    series.Add(new Series($"{name} ({sources[i].Label})", name, sources[i], sources[i].DefaultPoint, looks[name], dashes[i % dashes.Length]));
            }
        }
        string label = string.Join("; ", sources.Where(s => s.Set.SweepPaths.Count > 0).Select(s => $"{s.Label}: {s.PointLabel(s.DefaultPoint)}"));
        return [new ReportView(label, series)];
    }

    /// <summary>The baseline strategy's series, when the folder names one and it is in the view (one folder only).</summary>
    public Series? Baseline => Series.Select(s => s.Source).Distinct().Count() == 1 && Series[0].Source.Set.Manifest.Baseline is { } b
        ? Series.FirstOrDefault(s => s.Strategy == b) : null;
}
