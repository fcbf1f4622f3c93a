using System.Globalization;
using System.Text.Json.Nodes;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Experiments.Statistics;
using CoProdSim.Model.Metrics;

namespace CoProdSim.Charts;

/// <summary>
/// The sweep section: how each chosen metric (outcome, cost, fairness, trust, carers, need met, and the scenario's
/// own <c>outputs.metrics</c>) responds to the swept parameters, at the final month, with 95% intervals. One swept
/// parameter: a line and band per strategy. Two on a grid: heatmaps per strategy on one colour scale no narrower than
/// the metric's meaningful span, then heatmaps of each strategy's paired difference from the reference strategy with
/// the cells within noise marked. Otherwise (more parameters, or sampled designs): a panel per parameter with a point
/// and whiskers per sample. Axes are labelled in words from the parameter table.
/// </summary>
public static class SweepCharts
{
    /// <summary>The metrics of the sweep charts for a run: the summary's measures, need met, then <c>outputs.metrics</c> when the scenario lists them.</summary>
    public static IReadOnlyList<string> MetricsOf(RunManifest m) =>
        ReportSummary.Measures.Select(x => x.Metric).Append(MetricCatalog.NeedMet).Concat(m.HeadlineMetrics ?? []).Distinct().ToArray();

    /// <summary>The id of a metric's sweep chart.</summary>
    public static string Id(string kind, string metric) => $"{kind}-{metric.Replace('_', '-')}";

    /// <summary>Every sweep chart of a folder (none without a sweep).</summary>
    public static IEnumerable<ChartFigure> All(ReportSource source)
    {
        ResultSet rs = source.Set;
        if (rs.SweepPaths.Count == 0 || rs.Points.Count < 2) yield break;
        var looks = StrategyStyle.For(rs.Strategies);
        bool grid = rs.Manifest.Sweep?.Method is Experiments.Scenarios.SweepMethod.Grid;
        // A sobol or morris design has its own section per analysed metric (sensitivity.csv); its thousands of points get the outcome's panels only, which keeps the report small.
        string[] metrics = rs.Manifest.Sweep?.Analysed == true ? [MetricCatalog.OutcomeIndex] : MetricsOf(rs.Manifest).Where(rs.Metrics.Contains).ToArray();
        if (rs.Manifest.Sweep?.FirstBudget is int budget and >= 0) yield return CostAcrossBudgets(source, budget, looks);
        foreach (string metric in metrics)
        {
            MetricView mv = MetricView.Of(metric, rs.Manifest.Derived);
            if (rs.SweepPaths.Count == 1 && !Sampled(rs)) yield return Line(source, metric, mv, looks);
            else if (rs.SweepPaths.Count == 2 && grid)
            {
                yield return Heatmaps(source, metric, mv);
                if (rs.Strategies.Count > 1) yield return DifferenceHeatmaps(source, metric, mv);
            }
            else yield return Panels(source, metric, mv, looks);
        }
    }

    private static bool Sampled(ResultSet rs) => rs.Manifest.Sweep?.Method is not (Experiments.Scenarios.SweepMethod.Grid or Experiments.Scenarios.SweepMethod.File);

    private static string Reference(ResultSet rs) => rs.Manifest.Baseline is { } b && rs.Strategies.Contains(b) ? b : rs.Strategies[0];

    /// <summary>A metric at the final month over one swept parameter: a line with the strategy's marker and a 95% band per strategy; the point shown above is marked.</summary>
    private static ChartFigure Line(ReportSource source, string metric, MetricView mv, IReadOnlyDictionary<string, Look> looks)
    {
        ResultSet rs = source.Set;
        string path = rs.SweepPaths[0];
        var traces = new List<JsonObject>();
        foreach (string name in rs.Strategies)
        {
            var pts = Enumerable.Range(0, rs.Points.Count).Select(p => (X: rs.Points[p][0], E: rs.Final(name, metric, p))).OrderBy(t => t.X).ToList();
            double[] x = pts.Select(t => t.X).ToArray();
            if (pts.Any(t => !double.IsNaN(t.E.Low)))
            {
                JsonObject band = Trace.Band(name, x, pts.Select(t => Or(t.E.Low, t.E.Mean) * mv.Scale).ToArray(), pts.Select(t => Or(t.E.High, t.E.Mean) * mv.Scale).ToArray());
                StrategyStyle.Band(band, looks[name]);
                traces.Add(band);
            }
            JsonObject line = Trace.Scatter(name, x, pts.Select(t => t.E.Mean * mv.Scale));
            StrategyStyle.Line(line, looks[name]);
            line["marker"]!["maxdisplayed"] = 0;
            traces.Add(line);
        }
        string axis = ParameterLabel.Axis(path);
        ChartFigure f = ChartFigure.Of(Id("sweep", metric), $"How does {mv.Title.ToLowerInvariant()} respond to {axis.Split(" (")[0].ToLowerInvariant()}?", axis, mv.Header + ", final month", traces,
            $"{ParameterLabel.Explain(path)} Lines: mean over replications at the final month; shaded: 95% confidence interval. Bands that overlap may be within noise: the differences table at each point says. The dotted line marks the point the summary and monthly charts show first.",
            l =>
            {
                l["hovermode"] = "x unified";
                ParameterLabel.Ticks(l["xaxis"]!.AsObject(), path, rs.Points.Select(p => p[0]));
                l["shapes"] = new JsonArray(new JsonObject
                {
                    ["type"] = "line", ["xref"] = "x", ["yref"] = "paper", ["x0"] = rs.Points[source.DefaultPoint][0], ["x1"] = rs.Points[source.DefaultPoint][0],
                    ["y0"] = 0, ["y1"] = 1, ["line"] = new JsonObject { ["color"] = "#777", ["dash"] = "dot", ["width"] = 1.5 },
                });
            }) with { Metric = mv };
        Scales.Share([f]);
        return f;
    }

    /// <summary>Outcome against public cost across the budget levels: a cross (95% intervals) per level and strategy, joined in budget order.</summary>
    private static ChartFigure CostAcrossBudgets(ReportSource source, int budget, IReadOnlyDictionary<string, Look> looks)
    {
        ResultSet rs = source.Set;
        string path = rs.SweepPaths[budget];
        double residents = rs.Manifest.Citizens ?? double.NaN;
        var traces = new List<JsonObject>();
        foreach (string name in rs.Strategies)
        {
            var pts = Enumerable.Range(0, rs.Points.Count).Select(p => (C: rs.Final(name, MetricCatalog.PublicCost, p), O: rs.Final(name, MetricCatalog.OutcomeIndex, p), Level: rs.Points[p][budget]))
                .OrderBy(t => t.Level).ToList();
            JsonObject t = Trace.Scatter(name, pts.Select(p => p.C.Mean / residents), pts.Select(p => p.O.Mean));
            StrategyStyle.Line(t, looks[name], width: 1.5);
            t["marker"]!["maxdisplayed"] = 0;
            t["marker"]!["size"] = 11;
            t["text"] = Trace.Texts(pts.Select(p => $"{ParameterLabel.Axis(path).Split(" (")[0].ToLowerInvariant()} {ParameterLabel.Value(path, p.Level)}"));
            t["hovertemplate"] = "%{text}<br>public cost £%{x:.2f} a resident-month<br>outcome %{y:.2f}<extra>" + name + "</extra>";
            Trace.Errors(t, "x", pts.Select(p => p.C.Mean / residents).ToArray(), pts.Select(p => p.C.Low / residents).ToArray(), pts.Select(p => p.C.High / residents).ToArray(), looks[name].Hex);
            Trace.Errors(t, "y", pts.Select(p => p.O.Mean).ToArray(), pts.Select(p => p.O.Low).ToArray(), pts.Select(p => p.O.High).ToArray(), looks[name].Hex);
            traces.Add(t);
        }
        return ChartFigure.Of("sweep-cost-outcome", "What does each budget level buy?", "public cost (£ per resident per month)", "outcome (0-100), final month", traces,
            $"One cross per level of {ParameterLabel.Axis(path).Split(" (")[0].ToLowerInvariant()} ({path}), final month, with 95% intervals on both axes; lines join the levels in order. Up and to the left: more outcome for less money.",
            l => l["hovermode"] = "closest");
    }

    /// <summary>A two-parameter grid: a heatmap of the metric per strategy, all on one colour scale no narrower than the metric's meaningful span; each cell shows its value.</summary>
    private static ChartFigure Heatmaps(ReportSource source, string metric, MetricView mv)
    {
        ResultSet rs = source.Set;
        var (xs, ys) = (Axis(rs, 0), Axis(rs, 1));
        var all = rs.Strategies.SelectMany(n => Enumerable.Range(0, rs.Points.Count).Select(p => rs.Final(n, metric, p).Mean * mv.Scale)).Where(v => !double.IsNaN(v)).ToArray();
        var (lo, hi, _) = all.Length > 0 ? Scales.Range(mv, all.Min(), all.Max()) : (0, 1, false);
        double noise = rs.Strategies.SelectMany(n => Enumerable.Range(0, rs.Points.Count).Select(p => rs.Final(n, metric, p).HalfWidth * mv.Scale)).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max();
        var traces = new List<JsonObject>();
        for (int s = 0; s < rs.Strategies.Count; s++)
        {
            string name = rs.Strategies[s];
            Estimate[][] e = ys.Select(y => xs.Select(x => rs.Final(name, metric, PointAt(rs, x, y))).ToArray()).ToArray();
            traces.Add(Heatmap(name, s, Labels(rs, 0), Labels(rs, 1), e.Select(r => r.Select(v => v.Mean * mv.Scale).ToArray()).ToArray(),
                e.Select(r => r.Select(v => mv.Show(v.Mean)).ToArray()).ToArray(),
                e.Select(r => r.Select(v => $"{name}<br>{mv.Show(v.Mean)} ({mv.Show(v.Low)} to {mv.Show(v.High)})").ToArray()).ToArray(),
                lo, hi, mv.Better == Better.Lower ? "Viridis_r" : "Viridis", s == 0, mv.Header));
        }
        string noiseText = double.IsNaN(noise) ? "" : $" The largest 95% half-interval of a cell is {mv.Show(noise / mv.Scale)}: cells closer than about that may be within noise (the next chart tests each difference).";
        return ChartFigure.Of(Id("sweep-heatmap", metric), $"Where is {mv.Title.ToLowerInvariant()} {(mv.Better == Better.Lower ? "lowest" : "highest")}? (final month)",
            ParameterLabel.Axis(rs.SweepPaths[0]), ParameterLabel.Axis(rs.SweepPaths[1]), traces,
            $"One panel per strategy, all on one colour scale ({mv.Show(lo / mv.Scale)} to {mv.Show(hi / mv.Scale)}), which is never narrower than the metric's meaningful span so that noise does not look like a pattern.{noiseText} Hover for each cell's interval.",
            l => PanelLayout(l, rs, rs.Strategies.Count, rs.Strategies.ToArray()));
    }

    /// <summary>Each other strategy minus the reference (the baseline, else the first strategy), paired by replication; cells whose interval includes 0 are marked "noise".</summary>
    private static ChartFigure DifferenceHeatmaps(ReportSource source, string metric, MetricView mv)
    {
        ResultSet rs = source.Set;
        var (xs, ys) = (Axis(rs, 0), Axis(rs, 1));
        string reference = Reference(rs);
        string[] others = rs.Strategies.Where(n => n != reference).ToArray();
        var d = others.ToDictionary(n => n, n => ys.Select(y => xs.Select(x => rs.Paired(n, reference, metric, PointAt(rs, x, y))).ToArray()).ToArray());
        double max = d.Values.SelectMany(r => r.SelectMany(c => c)).Select(e => Math.Abs(e.Mean * mv.Scale)).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max();
        double bound = Math.Max(max, Scales.MinSpan(mv, max) / 2);
        var traces = new List<JsonObject>();
        for (int i = 0; i < others.Length; i++)
        {
            string name = others[i];
            Estimate[][] e = d[name];
            traces.Add(Heatmap(name, i, Labels(rs, 0), Labels(rs, 1), e.Select(r => r.Select(v => v.Mean * mv.Scale).ToArray()).ToArray(),
                e.Select(r => r.Select(v => mv.ShowDifference(v.Mean) + (ReportSummary.WithinNoise(v) ? "<br>noise" : "")).ToArray()).ToArray(),
                e.Select(r => r.Select(v => $"{name} minus {reference}<br>{mv.ShowDifference(v.Mean)} ({mv.ShowDifference(v.Low)} to {mv.ShowDifference(v.High)}){(ReportSummary.WithinNoise(v) ? ": within noise" : "")}").ToArray()).ToArray(),
                // Plotly's RdBu runs from blue (low) to red (high): reversed when higher is better, so better is blue either way.
                -bound, bound, mv.Better == Better.Lower ? "RdBu" : "RdBu_r", i == 0, "difference"));
        }
        string better = mv.Better switch { Better.Higher => " Blue: higher than " + reference + " (better); red: lower.", Better.Lower => " Blue: lower than " + reference + " (better); red: higher.", _ => "" };
        return ChartFigure.Of(Id("sweep-difference", metric), $"Where does each strategy differ from {reference} on {mv.Title.ToLowerInvariant()}? (final month)",
            ParameterLabel.Axis(rs.SweepPaths[0]), ParameterLabel.Axis(rs.SweepPaths[1]), traces,
            $"Each panel: that strategy minus {reference}, replication by replication (the same residents and chance events), in {mv.UnitInText}.{better} Cells marked \"noise\" have a 95% interval that includes 0: there the two cannot be told apart.",
            l => PanelLayout(l, rs, others.Length, others));
    }

    private static JsonObject Heatmap(string name, int panel, string[] xs, string[] ys, double[][] z, string[][] text, string[][] hover, double zmin, double zmax, string scale, bool showScale, string scaleTitle)
    {
        string suffix = panel == 0 ? "" : (panel + 1).ToString(CultureInfo.InvariantCulture);
        bool reversed = scale.EndsWith("_r", StringComparison.Ordinal);
        return new JsonObject
        {
            ["type"] = "heatmap",
            ["name"] = name,
            ["x"] = Trace.Texts(xs),
            ["y"] = Trace.Texts(ys),
            ["z"] = new JsonArray(z.Select(r => (JsonNode)Trace.Numbers(r)).ToArray()),
            ["text"] = new JsonArray(text.Select(r => (JsonNode)Trace.Texts(r)).ToArray()),
            ["texttemplate"] = "%{text}",
            ["hovertext"] = new JsonArray(hover.Select(r => (JsonNode)Trace.Texts(r)).ToArray()),
            ["hoverinfo"] = "text",
            ["zmin"] = zmin,
            ["zmax"] = zmax,
            ["colorscale"] = reversed ? scale[..^2] : scale,
            ["reversescale"] = reversed,
            ["showscale"] = showScale,
            ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = scaleTitle, ["side"] = "right" }, ["len"] = 0.9 },
            ["xaxis"] = "x" + suffix,
            ["yaxis"] = "y" + suffix,
            ["xgap"] = 2,
            ["ygap"] = 2,
        };
    }

    /// <summary>A grid of panels, one per strategy, titled with its name; parameter axes with readable ticks.</summary>
    private static void PanelLayout(JsonObject l, ResultSet rs, int panels, string[] titles)
    {
        int columns = Math.Min(panels, 3), rows = (panels + columns - 1) / columns;
        l["hovermode"] = "closest";
        l["height"] = Math.Max(430, (330 * rows) + 90);
        l["grid"] = new JsonObject { ["rows"] = rows, ["columns"] = columns, ["pattern"] = "independent", ["roworder"] = "top to bottom", ["xgap"] = 0.12, ["ygap"] = 0.25 };
        var annotations = new JsonArray();
        for (int j = 0; j < panels; j++)
        {
            string suffix = j == 0 ? "" : (j + 1).ToString(CultureInfo.InvariantCulture);
            var x = new JsonObject { ["title"] = new JsonObject { ["text"] = j / columns == rows - 1 ? ParameterLabel.Axis(rs.SweepPaths[0]) : "" }, ["type"] = "category" };
            var y = new JsonObject { ["title"] = new JsonObject { ["text"] = j % columns == 0 ? ParameterLabel.Axis(rs.SweepPaths[1]) : "" }, ["type"] = "category" };
            l["xaxis" + suffix] = x;
            l["yaxis" + suffix] = y;
            annotations.Add(new JsonObject
            {
                ["text"] = "<b>" + titles[j] + "</b>", ["showarrow"] = false, ["xref"] = $"x{suffix} domain", ["yref"] = $"y{suffix} domain",
                ["x"] = 0.5, ["y"] = 1.0, ["yanchor"] = "bottom", ["font"] = new JsonObject { ["size"] = 13 },
            });
        }
        l["annotations"] = annotations;
    }

    /// <summary>The values of swept parameter <paramref name="k"/> in words (percentages for fractions, names for choices), as heatmap categories.</summary>
    private static string[] Labels(ResultSet rs, int k) => Axis(rs, k).Select(v => ParameterLabel.Value(rs.SweepPaths[k], v)).ToArray();

    /// <summary>
    /// More than two parameters, or a sampled design: a panel per parameter with the metric at the final month against
    /// the parameter's value, one point (with its 95% whiskers when there are replications) per sample and strategy.
    /// A trend in a panel says the metric responds to that parameter; a cloud with no shape says it does not (over the
    /// others' variation).
    /// </summary>
    private static ChartFigure Panels(ReportSource source, string metric, MetricView mv, IReadOnlyDictionary<string, Look> looks)
    {
        ResultSet rs = source.Set;
        int k = rs.SweepPaths.Count, columns = Math.Min(k, 3), rows = (k + columns - 1) / columns;
        string method = rs.Manifest.Sweep!.Method switch
        {
            Experiments.Scenarios.SweepMethod.MonteCarlo => "Monte Carlo sample",
            Experiments.Scenarios.SweepMethod.LatinHypercube => "Latin hypercube sample",
            Experiments.Scenarios.SweepMethod.Grid => "grid point",
            _ => "point of the design",
        };
        var traces = new List<JsonObject>();
        for (int j = 0; j < k; j++)
        {
            string suffix = j == 0 ? "" : (j + 1).ToString(CultureInfo.InvariantCulture);
            foreach (string name in rs.Strategies)
            {
                Estimate[] e = Enumerable.Range(0, rs.Points.Count).Select(p => rs.Final(name, metric, p)).ToArray();
                JsonObject t = Trace.Scatter(name, rs.Points.Select(p => p[j]), e.Select(v => v.Mean * mv.Scale));
                StrategyStyle.Markers(t, looks[name], 8);
                if (e.Any(v => !double.IsNaN(v.Low)))
                    Trace.Errors(t, "y", e.Select(v => v.Mean * mv.Scale).ToArray(), e.Select(v => v.Low * mv.Scale).ToArray(), e.Select(v => v.High * mv.Scale).ToArray(), looks[name].Rgba(0.6));
                t["showlegend"] = j == 0;
                t["xaxis"] = "x" + suffix;
                t["yaxis"] = "y" + suffix;
                if (rs.Points.Count <= 500) t["text"] = Trace.Texts(Enumerable.Range(1, rs.Points.Count).Select(p => $"{method} {p}"));
                traces.Add(t);
            }
        }
        return ChartFigure.Of(Id("sweep", metric), $"How does {mv.Title.ToLowerInvariant()} respond to each swept parameter? (final month)", "", mv.Header, traces,
            $"One point per {method} and strategy{(rs.Replications > 1 ? ", with its 95% interval" : "")}; one panel per swept parameter. A trend in a panel says the metric responds to that parameter; a shapeless cloud says it does not, over the variation of the others.",
            l =>
            {
                l["hovermode"] = "closest";
                l["height"] = Math.Max(430, (300 * rows) + 80);
                l["grid"] = new JsonObject { ["rows"] = rows, ["columns"] = columns, ["pattern"] = "independent", ["roworder"] = "top to bottom" };
                for (int j = 0; j < k; j++)
                {
                    string suffix = j == 0 ? "" : (j + 1).ToString(CultureInfo.InvariantCulture);
                    var x = new JsonObject { ["title"] = new JsonObject { ["text"] = ParameterLabel.Axis(rs.SweepPaths[j]) }, ["zeroline"] = false, ["gridcolor"] = "#e5e5e5" };
                    ParameterLabel.Ticks(x, rs.SweepPaths[j], rs.Points.Select(p => p[j]));
                    l["xaxis" + suffix] = x;
                    l["yaxis" + suffix] = new JsonObject { ["title"] = new JsonObject { ["text"] = j % columns == 0 ? mv.Header : "" }, ["zeroline"] = false, ["gridcolor"] = "#e5e5e5" };
                }
            });
    }

    private static double[] Axis(ResultSet rs, int k) => rs.Points.Select(p => p[k]).Distinct().Order().ToArray();

    private static int PointAt(ResultSet rs, double x, double y)
    {
        for (int p = 0; p < rs.Points.Count; p++)
        {
            if (rs.Points[p][0] == x && rs.Points[p][1] == y) return p;
        }
        return -1;
    }

    private static double Or(double x, double fallback) => double.IsNaN(x) ? fallback : x;
}
