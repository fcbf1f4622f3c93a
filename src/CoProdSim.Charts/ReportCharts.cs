using System.Globalization;
using System.Text.Json.Nodes;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Experiments.Statistics;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;
using Plotly.NET;
using CS = Plotly.NET.CSharp;

namespace CoProdSim.Charts;

/// <summary>The charts of the planner's report, each titled with the plain-language question it answers.</summary>
public static class ReportCharts
{
    /// <summary>Every chart for a result set, in report order.</summary>
    public static IReadOnlyList<ChartFigure> All(ResultSet rs)
    {
        var charts = new List<ChartFigure>
        {
            TimeBand(rs, "outcome", MetricCatalog.OutcomeIndex, "How do outcomes develop under each strategy?", "outcome index (0-100)"),
            Efficiency(rs),
            TimeBand(rs, "efficiency-over-time", MetricCatalog.EfficiencyPublic, "How much outcome does each pound of public money buy?", "points per GBP/resident-month",
                "Agency-only efficiency; the next chart counts citizens' time too (De Witte & Geys 2013)."),
            TimeBand(rs, "efficiency-total", MetricCatalog.EfficiencyTotal, "And counting citizens' time at the shadow wage?", "points per GBP/resident-month"),
            TimeBand(rs, "public-cost", MetricCatalog.PublicCost, "What does each strategy cost the public purse?", "GBP per month"),
            TimeBand(rs, "citizen-hours", MetricCatalog.CitizenHours, "How many hours do citizens give?", "hours per month"),
            TimeBand(rs, "citizen-value", MetricCatalog.CitizenValue, "What are citizens' hours worth?", "GBP per month at the shadow wage"),
            FinalBars(rs, "participation-mode", "Who takes part, and how? (participation by mode, final month)", "mode of co-production", "share of citizens taking part (%)",
                Names.Modes.Select(m => (m.Replace('_', '-'), MetricCatalog.ParticipationMode(m))).ToArray(), 100),
            FinalBars(rs, "participation-quintile", "Do the most deprived take part? (participation by income quintile, final month)", "income quintile (1 = most deprived)", "share of quintile taking part (%)",
                Enumerable.Range(1, 5).Select(q => ($"Q{q}", MetricCatalog.ParticipationQuintile(q))).ToArray(), 100),
            TimeBand(rs, "need-met", MetricCatalog.NeedMet, "How much of residents' assessed need do services meet?", "share of assessed need met (%)", scale: 100),
            TimeBand(rs, "burnout", MetricCatalog.CarerBurnoutRate, "Are carers burning out?", "carers burnt out (%)", scale: 100),
            TimeBand(rs, "trust", MetricCatalog.TrustMean, "Do citizens trust public bodies more or less?", "mean trust (0-1)"),
            TimeBand(rs, "outcome-gap", MetricCatalog.OutcomeGap, "Does the gap between rich and poor widen or narrow?", "gap Q5 - Q1 (index points)"),
            TimeBand(rs, "gini", MetricCatalog.OutcomeGini, "How unequal is well-being?", "Gini of well-being (0-1)"),
            FinalBars(rs, "outcome-quintile", "Who gains? (outcome by income quintile, final month)", "income quintile (1 = most deprived)", "outcome index (0-100)",
                Enumerable.Range(1, 5).Select(q => ($"Q{q}", MetricCatalog.OutcomeQuintile(q))).ToArray(), 1),
        };
        charts.AddRange(SweepCharts(rs));
        charts.AddRange(SensitivityCharts.All(rs));
        return charts;
    }

    private static string PointNote(ResultSet rs) => rs.SweepPaths.Count == 0 ? ""
        : "At the first sweep point: " + string.Join(", ", rs.SweepPaths.Select((p, k) => $"{p} = {Experiments.Designs.SweepValue.Display(p, rs.Points[0][k])}")) + ". The sweep charts at the end cover every point.";

    /// <summary>Mean line and 95% band over replications, per strategy, over time.</summary>
    public static ChartFigure TimeBand(ResultSet rs, string id, string metric, string question, string yTitle, string note = "", double scale = 1)
    {
        var traces = new List<GenericChart>();
        for (int s = 0; s < rs.Strategies.Count; s++)
        {
            string name = rs.Strategies[s];
            Band b = rs.BandOf(name, metric);
            double[] x = b.Ticks.ToArray();
            double[] mean = b.Values.Select(v => v.Mean * scale).ToArray();
            if (b.Values.Any(v => !double.IsNaN(v.Low)))
            {
                double[] bx = [.. x, .. x.Reverse()];
                double[] by = [.. b.Values.Select(v => Finite(v.High, v.Mean) * scale), .. b.Values.Reverse().Select(v => Finite(v.Low, v.Mean) * scale)];
                traces.Add(CS.Chart.Scatter<double, double, string>(bx, by, StyleParam.Mode.Lines, Name: name + " 95% CI", ShowLegend: false,
                    Fill: StyleParam.Fill.ToSelf, FillColor: StrategyStyle.Band(s), LineWidth: 0, LineColor: StrategyStyle.Band(s)));
            }
            traces.Add(CS.Chart.Scatter<double, double, string>(x, mean, StyleParam.Mode.Lines, Name: name,
                LineColor: StrategyStyle.Colour(s), LineDash: StrategyStyle.Dash(s), LineWidth: 2.5));
        }
        string fullNote = string.Join(" ", new[] { note, "Lines: mean over replications; shaded: 95% confidence interval.", PointNote(rs) }.Where(t => t.Length > 0));
        ChartFigure f = ChartFigure.From(id, question, "month", yTitle, traces, fullNote);
        GroupBands(f);
        return f;
    }

    /// <summary>
    /// Outcome against cost per resident. Where the scenario sweeps the budget: one point per budget level (final
    /// month, public cost). Otherwise each strategy's path over the months against its total cost, public money plus
    /// citizens' time at the shadow wage (public cost alone is fixed by the budget, so it would draw vertical lines).
    /// </summary>
    public static ChartFigure Efficiency(ResultSet rs)
    {
        int budgetParam = rs.Manifest.Sweep?.FirstBudget ?? -1;
        var traces = new List<GenericChart>();
        double residents = ResidentCount(rs);
        if (budgetParam >= 0)
        {
            for (int s = 0; s < rs.Strategies.Count; s++)
            {
                string name = rs.Strategies[s];
                var pts = Enumerable.Range(0, rs.Points.Count)
                    .Select(p => (Cost: rs.Final(name, MetricCatalog.PublicCost, p).Mean / residents, Outcome: rs.Final(name, MetricCatalog.OutcomeIndex, p).Mean, Level: rs.Points[p][budgetParam]))
                    .OrderBy(t => t.Cost).ToList();
                traces.Add(CS.Chart.Scatter<double, double, string>(pts.Select(t => t.Cost), pts.Select(t => t.Outcome), StyleParam.Mode.Lines_Markers, Name: name,
                    LineColor: StrategyStyle.Colour(s), LineDash: StrategyStyle.Dash(s), MarkerColor: StrategyStyle.Colour(s),
                    MultiText: pts.Select(t => $"{rs.SweepPaths[budgetParam]} = {t.Level.ToString("G4", CultureInfo.InvariantCulture)}").ToArray()));
            }
            return ChartFigure.From("efficiency", "Which strategy gets the most outcome for its money?", "public cost (GBP per resident per month)", "outcome index (0-100)", traces,
                $"One point per budget level of the sweep ({rs.SweepPaths[budgetParam]}), final month. Up and to the left: more outcome for less money.",
                l => l["hovermode"] = "closest");
        }
        for (int s = 0; s < rs.Strategies.Count; s++)
        {
            string name = rs.Strategies[s];
            Band cost = rs.BandOf(name, MetricCatalog.PublicCost), value = rs.BandOf(name, MetricCatalog.CitizenValue), outcome = rs.BandOf(name, MetricCatalog.OutcomeIndex);
            double[] x = cost.Values.Zip(value.Values, (c, v) => (c.Mean + v.Mean) / residents).ToArray();
            double[] y = outcome.Values.Select(v => v.Mean).ToArray();
            traces.Add(CS.Chart.Scatter<double, double, string>(x, y, StyleParam.Mode.Lines, Name: name,
                LineColor: StrategyStyle.Colour(s), LineDash: StrategyStyle.Dash(s), LineWidth: 2,
                MultiText: cost.Ticks.Select(t => "month " + t.ToString(CultureInfo.InvariantCulture)).ToArray()));
            // The final month, marked, with its 95% interval of outcome.
            Estimate last = outcome.Values[^1];
            traces.Add(CS.Chart.Scatter<double, double, string>([x[^1]], [last.Mean], StyleParam.Mode.Markers, Name: name + " (final month)", ShowLegend: false,
                MarkerColor: StrategyStyle.Colour(s)));
        }
        ChartFigure f = ChartFigure.From("efficiency", "Which strategy gets the most outcome for what it costs, counting citizens' time?",
            "total cost: public + citizens' time (GBP per resident per month)", "outcome index (0-100)", traces,
            "Each strategy's path over the months, ending at the marker (final month). Citizens' hours are valued at the shadow wage. Up and to the left: more outcome for less.",
            l => l["hovermode"] = "closest");
        var data = (JsonArray)f.Figure["data"]!;
        foreach (JsonNode? t in data)
        {
            string n = t!["name"]!.GetValue<string>();
            t["legendgroup"] = n.Replace(" (final month)", "", StringComparison.Ordinal);
            if (n.EndsWith("(final month)", StringComparison.Ordinal)) t["marker"]!["size"] = 11;
        }
        return f;
    }

    /// <summary>Grouped bars at the final month: one group per category, one bar per strategy, with 95% error bars.</summary>
    public static ChartFigure FinalBars(ResultSet rs, string id, string question, string xTitle, string yTitle, (string Label, string Metric)[] categories, double scale)
    {
        var traces = new List<GenericChart>();
        var errors = new List<(double[] Up, double[] Down)>();
        for (int s = 0; s < rs.Strategies.Count; s++)
        {
            string name = rs.Strategies[s];
            Estimate[] e = categories.Select(c => rs.Final(name, c.Metric)).ToArray();
            traces.Add(CS.Chart.Column<double, string, string>(e.Select(v => Zero(v.Mean) * scale), Keys: categories.Select(c => c.Label).ToArray(), Name: name,
                MarkerColor: StrategyStyle.Colour(s), MarkerPatternShape: StrategyStyle.Pattern(s)));
            errors.Add((e.Select(v => double.IsNaN(v.High) ? 0 : (v.High - v.Mean) * scale).ToArray(), e.Select(v => double.IsNaN(v.Low) ? 0 : (v.Mean - v.Low) * scale).ToArray()));
        }
        string note = "Bars: mean at the final month; whiskers: 95% confidence interval. " + PointNote(rs);
        ChartFigure f = ChartFigure.From(id, question, xTitle, yTitle, traces, note.Trim(), l =>
        {
            l["barmode"] = "group";
            l["hovermode"] = "closest";
        });
        ErrorBars(f, errors);
        return f;
    }

    /// <summary>Adds asymmetric error bars to the figure's traces, one (up, down) pair of arrays per trace in order.</summary>
    internal static void ErrorBars(ChartFigure f, IReadOnlyList<(double[] Up, double[] Down)> errors)
    {
        var data = (JsonArray)f.Figure["data"]!;
        for (int i = 0; i < data.Count; i++)
        {
            data[i]!["error_y"] = new JsonObject
            {
                ["type"] = "data",
                ["symmetric"] = false,
                ["color"] = "#333",
                ["thickness"] = 1.2,
                ["array"] = new JsonArray(errors[i].Up.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
                ["arrayminus"] = new JsonArray(errors[i].Down.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
            };
            data[i]!["marker"]!["line"] = new JsonObject { ["color"] = "#333", ["width"] = 0.8 };
        }
    }

    /// <summary>Final outcome over the swept parameters: a heatmap per strategy for a two-parameter grid, else lines (grid) or points (sample) per parameter.</summary>
    public static IEnumerable<ChartFigure> SweepCharts(ResultSet rs)
    {
        if (rs.SweepPaths.Count == 0) yield break;
        if (rs.Manifest.Sweep?.Method is SweepMethod.LatinHypercube or SweepMethod.MonteCarlo)
        {
            foreach (ChartFigure f in SampleScatter(rs)) yield return f;
            yield break;
        }
        bool grid = rs.Manifest.Sweep?.Method == SweepMethod.Grid;
        if (rs.SweepPaths.Count == 2 && grid)
        {
            double[] xs = rs.Points.Select(p => p[0]).Distinct().Order().ToArray();
            double[] ys = rs.Points.Select(p => p[1]).Distinct().Order().ToArray();
            for (int s = 0; s < rs.Strategies.Count; s++)
            {
                string name = rs.Strategies[s];
                double[][] z = ys.Select(y => xs.Select(x =>
                {
                    int p = rs.Points.ToList().FindIndex(pt => pt[0] == x && pt[1] == y);
                    return p < 0 ? double.NaN : rs.Final(name, MetricCatalog.OutcomeIndex, p).Mean;
                }).ToArray()).ToArray();
                yield return ChartFigure.From($"sweep-heatmap-{s}", $"Where is the outcome highest? ({name}: final outcome over {rs.SweepPaths[0]} and {rs.SweepPaths[1]})",
                    rs.SweepPaths[0], rs.SweepPaths[1],
                    [CS.Chart.Heatmap<double, double, double, string>(z, X: xs, Y: ys, Name: name, ColorScale: StyleParam.Colorscale.Viridis)],
                    "Colour: mean outcome index (0-100) at the final month over replications.", l =>
                    {
                        l["hovermode"] = "closest";
                        NameTicks(l, "xaxis", rs.SweepPaths[0], xs);
                        NameTicks(l, "yaxis", rs.SweepPaths[1], ys);
                    });
            }
            yield break;
        }
        for (int k = 0; k < rs.SweepPaths.Count; k++)
        {
            var traces = new List<GenericChart>();
            for (int s = 0; s < rs.Strategies.Count; s++)
            {
                string name = rs.Strategies[s];
                var pts = Enumerable.Range(0, rs.Points.Count).Select(p => (X: rs.Points[p][k], E: rs.Final(name, MetricCatalog.OutcomeIndex, p))).OrderBy(t => t.X).ToList();
                if (grid && rs.SweepPaths.Count == 1 && pts.Any(t => !double.IsNaN(t.E.Low)))
                {
                    double[] bx = [.. pts.Select(t => t.X), .. pts.Select(t => t.X).Reverse()];
                    double[] by = [.. pts.Select(t => Finite(t.E.High, t.E.Mean)), .. pts.Select(t => Finite(t.E.Low, t.E.Mean)).Reverse()];
                    traces.Add(CS.Chart.Scatter<double, double, string>(bx, by, StyleParam.Mode.Lines, Name: name + " 95% CI", ShowLegend: false,
                        Fill: StyleParam.Fill.ToSelf, FillColor: StrategyStyle.Band(s), LineWidth: 0, LineColor: StrategyStyle.Band(s)));
                }
                traces.Add(CS.Chart.Scatter<double, double, string>(pts.Select(t => t.X), pts.Select(t => t.E.Mean), grid ? StyleParam.Mode.Lines_Markers : StyleParam.Mode.Markers, Name: name,
                    LineColor: StrategyStyle.Colour(s), LineDash: StrategyStyle.Dash(s), MarkerColor: StrategyStyle.Colour(s)));
            }
            ChartFigure f = ChartFigure.From($"sweep-{k}", $"How does the outcome respond to {rs.SweepPaths[k]}?", rs.SweepPaths[k], "outcome index at the final month (0-100)", traces,
                grid ? "Mean over replications at the final month; shaded: 95% confidence interval." : "Each point is one sample of the Latin hypercube (mean over replications at the final month).",
                l =>
                {
                    l["hovermode"] = "closest";
                    NameTicks(l, "xaxis", rs.SweepPaths[k], rs.Points.Select(p => p[k]));
                });
            GroupBands(f);
            yield return f;
        }
    }

    /// <summary>
    /// For a sampled sweep (Latin hypercube, Monte Carlo): one chart per metric (the outcome, then each of the
    /// headline metrics), a panel per swept parameter with the metric at the final month against the parameter's
    /// value, one point per sample and strategy. A trend in a panel says the metric responds to that parameter; a
    /// cloud with no shape says it does not (over the others' variation).
    /// </summary>
    public static IEnumerable<ChartFigure> SampleScatter(ResultSet rs)
    {
        int k = rs.SweepPaths.Count, columns = Math.Min(k, 3), rows = (k + columns - 1) / columns;
        string method = rs.Manifest.Sweep!.Method == SweepMethod.MonteCarlo ? "Monte Carlo sample" : "Latin hypercube sample";
        IEnumerable<string> metrics = [MetricCatalog.OutcomeIndex, .. rs.Manifest.HeadlineMetrics ?? ReportBuilder.DefaultMetrics];
        foreach (string metric in metrics.Distinct().Where(rs.Metrics.Contains))
        {
            var traces = new List<GenericChart>();
            var axes = new List<int>();
            for (int j = 0; j < k; j++)
            {
                for (int s = 0; s < rs.Strategies.Count; s++)
                {
                    string name = rs.Strategies[s];
                    double[] x = rs.Points.Select(p => p[j]).ToArray();
                    double[] y = Enumerable.Range(0, rs.Points.Count).Select(p => rs.Final(name, metric, p).Mean).ToArray();
                    traces.Add(CS.Chart.Scatter<double, double, string>(x, y, StyleParam.Mode.Markers, Name: name, ShowLegend: j == 0,
                        MarkerColor: StrategyStyle.Colour(s), MultiText: Enumerable.Range(1, rs.Points.Count).Select(p => "sample " + p.ToString(CultureInfo.InvariantCulture)).ToArray()));
                    axes.Add(j + 1);
                }
            }
            (string unit, _) = MetricCatalog.Describe(metric);
            string yTitle = unit.Length > 0 ? $"{metric} ({unit})" : metric;
            ChartFigure f = ChartFigure.From($"scatter-{metric.Replace('_', '-')}", $"How does {metric} respond to each swept parameter? (final month, every sample)", rs.SweepPaths[0], yTitle, traces,
                $"One panel per swept parameter; each point is one {method} (mean over replications at the final month), one colour per strategy. A trend in a panel: the metric responds to that parameter; a shapeless cloud: it hardly does, over the variation of the others.",
                l =>
                {
                    l["hovermode"] = "closest";
                    l["height"] = Math.Max(430, 300 * rows + 80);
                    l["grid"] = new JsonObject { ["rows"] = rows, ["columns"] = columns, ["pattern"] = "independent", ["roworder"] = "top to bottom" };
                    for (int j = 0; j < k; j++)
                    {
                        string suffix = j == 0 ? "" : (j + 1).ToString(CultureInfo.InvariantCulture);
                        l["xaxis" + suffix] = new JsonObject { ["title"] = new JsonObject { ["text"] = rs.SweepPaths[j] }, ["zeroline"] = false, ["gridcolor"] = "#e5e5e5" };
                        l["yaxis" + suffix] = new JsonObject { ["title"] = new JsonObject { ["text"] = j % columns == 0 ? yTitle : "" }, ["zeroline"] = false, ["gridcolor"] = "#e5e5e5" };
                        NameTicks(l, "xaxis" + suffix, rs.SweepPaths[j], rs.Points.Select(p => p[j]));
                    }
                });
            var data = (JsonArray)f.Figure["data"]!;
            for (int i = 0; i < data.Count; i++)
            {
                string suffix = axes[i] == 1 ? "" : axes[i].ToString(CultureInfo.InvariantCulture);
                data[i]!["xaxis"] = "x" + suffix;
                data[i]!["yaxis"] = "y" + suffix;
                data[i]!["legendgroup"] = data[i]!["name"]!.GetValue<string>();
            }
            yield return f;
        }
    }

    /// <summary>On an axis of a parameter that takes names, a tick at each value, labelled with its name rather than its index.</summary>
    private static void NameTicks(JsonObject layout, string axis, string path, IEnumerable<double> values)
    {
        if (!Experiments.Designs.SweepValue.IsChoice(path)) return;
        double[] ticks = values.Distinct().Order().ToArray();
        JsonObject a = layout[axis]!.AsObject();
        a["tickvals"] = new JsonArray(ticks.Select(t => (JsonNode)t).ToArray());
        a["ticktext"] = new JsonArray(ticks.Select(t => (JsonNode)Experiments.Designs.SweepValue.Name(path, t)).ToArray());
    }

    private static void GroupBands(ChartFigure f)
    {
        // A band and its line share a legend group, so clicking a strategy in the legend hides both.
        foreach (JsonNode? t in (JsonArray)f.Figure["data"]!)
        {
            string name = t!["name"]?.GetValue<string>() ?? "";
            t["legendgroup"] = name.EndsWith(" 95% CI", StringComparison.Ordinal) ? name[..^7] : name;
            if (name.EndsWith(" 95% CI", StringComparison.Ordinal)) t["hoverinfo"] = "skip";
        }
    }

    private static double ResidentCount(ResultSet rs) => rs.Manifest.Citizens ?? double.NaN;

    private static double Finite(double x, double fallback) => double.IsNaN(x) ? fallback : x;

    private static double Zero(double x) => double.IsNaN(x) ? 0 : x;
}
