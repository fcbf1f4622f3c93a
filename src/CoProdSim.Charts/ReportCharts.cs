using System.Globalization;
using System.Text.Json.Nodes;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Statistics;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Charts;

/// <summary>
/// The charts of one view of the report (a sweep point, or two folders overlaid), each titled with the plain-language
/// question it answers: cost-effectiveness, the monthly series, and the final-month bars. Every axis is honest
/// (<see cref="Scales"/>): a chart of one metric has the same scale in every view, and says when it is zoomed.
/// </summary>
public static class ReportCharts
{
    /// <summary>The monthly charts: id, metric, question, and a note where the metric needs one.</summary>
    public static readonly IReadOnlyList<(string Id, string Metric, string Question, string Note)> TimeCharts =
    [
        ("outcome", MetricCatalog.OutcomeIndex, "How do outcomes develop under each strategy?", ""),
        ("need-met", MetricCatalog.NeedMet, "How much of residents' assessed need do services meet?", ""),
        ("public-cost", MetricCatalog.PublicCost, "What does each strategy cost the public purse?", ""),
        ("efficiency-over-time", MetricCatalog.EfficiencyPublic, "How much outcome does each pound of public money buy?",
            "Agency-only efficiency; the next chart counts citizens' time too (De Witte & Geys 2013). A ratio to cost: read it beside outcome and need met."),
        ("efficiency-total", MetricCatalog.EfficiencyTotal, "And counting citizens' time at the shadow wage?", ""),
        ("citizen-hours", MetricCatalog.CitizenHours, "How many hours do citizens give?", ""),
        ("citizen-value", MetricCatalog.CitizenValue, "What are citizens' hours worth?", "Valued at the shadow wage (see the glossary)."),
        ("burnout", MetricCatalog.CarerBurnoutRate, "Are carers burning out?", "Unpaid carers only; the glossary says what burnt out means."),
        ("outcome-carers", MetricCatalog.OutcomeCarers, "How are carers faring?", ""),
        ("trust", MetricCatalog.TrustMean, "Do citizens trust public bodies more or less?", ""),
        ("outcome-gap", MetricCatalog.OutcomeGap, "Does the gap between rich and poor widen or narrow?", ""),
        ("gini", MetricCatalog.OutcomeGini, "How unequal is well-being?", ""),
    ];

    /// <summary>Every chart of a view, in report order: cost-effectiveness first, then the monthly series, then the final-month bars.</summary>
    public static IReadOnlyList<ChartFigure> Of(ReportView view)
    {
        var charts = new List<ChartFigure> { CostEffectiveness(view) };
        if (view.Baseline is { } baseline) charts.Add(CostEffectivenessDifference(view, baseline));
        foreach (var (id, metric, question, note) in TimeCharts)
        {
            if (view.Series.All(s => s.Source.Set.Metrics.Contains(metric))) charts.Add(TimeBand(view, id, metric, question, note));
        }
        charts.Add(FinalBars(view, "participation-mode", "Who takes part, and how? (participation by mode, final month)", "mode of co-production",
            Names.Modes.Select(m => (m.Replace('_', '-'), MetricCatalog.ParticipationMode(m))).ToArray(), MetricView.Of(MetricCatalog.ParticipationRate)));
        charts.Add(FinalBars(view, "participation-quintile", "Do the most deprived take part? (participation by income quintile, final month)", "income quintile (1 = poorest fifth)",
            Enumerable.Range(1, 5).Select(q => ($"Q{q}", MetricCatalog.ParticipationQuintile(q))).ToArray(), MetricView.Of(MetricCatalog.ParticipationRate)));
        charts.Add(FinalBars(view, "outcome-quintile", "Who gains? (outcome by income quintile, final month)", "income quintile (1 = poorest fifth)",
            Enumerable.Range(1, 5).Select(q => ($"Q{q}", MetricCatalog.OutcomeQuintile(q))).ToArray(), MetricView.Of(MetricCatalog.OutcomeIndex)));
        return charts;
    }

    private static string Legend(ReportView view) => view.Series.Any(s => s.Dash is not null)
        ? "Colour and marker: strategy; solid line: the first folder, dashed: the second."
        : "";

    /// <summary>Mean line (with the strategy's marker) and 95% band over replications, per series, over the months.</summary>
    public static ChartFigure TimeBand(ReportView view, string id, string metric, string question, string note = "")
    {
        MetricView mv = MetricView.Of(metric, view.Series[0].Source.Set.Manifest.Derived);
        var traces = new List<JsonObject>();
        foreach (Series s in view.Series)
        {
            Band b = s.Band(metric);
            double[] x = b.Ticks.ToArray();
            if (b.Values.Any(v => !double.IsNaN(v.Low)))
            {
                JsonObject band = Trace.Band(s.Label, x, b.Values.Select(v => Finite(v.Low, v.Mean) * mv.Scale).ToArray(), b.Values.Select(v => Finite(v.High, v.Mean) * mv.Scale).ToArray());
                StrategyStyle.Band(band, s.Look);
                traces.Add(band);
            }
            JsonObject line = Trace.Scatter(s.Label, x, b.Values.Select(v => v.Mean * mv.Scale));
            StrategyStyle.Line(line, s.Look, s.Dash);
            traces.Add(line);
        }
        string fullNote = string.Join(" ", new[] { note, "Lines: mean over replications; shaded: 95% confidence interval.", Legend(view) }.Where(t => t.Length > 0));
        return ChartFigure.Of(id, question, "month", mv.Header, traces, fullNote) with { Metric = mv };
    }

    /// <summary>Grouped bars at the final month: one group per category, one bar per series, with 95% whiskers; the axis starts at 0.</summary>
    public static ChartFigure FinalBars(ReportView view, string id, string question, string xTitle, (string Label, string Metric)[] categories, MetricView unit)
    {
        var traces = new List<JsonObject>();
        foreach (Series s in view.Series)
        {
            Estimate[] e = categories.Select(c => s.Source.Set.Metrics.Contains(c.Metric) ? s.Final(c.Metric) : Estimate.Of([])).ToArray();
            var bar = new JsonObject
            {
                ["type"] = "bar",
                ["name"] = s.Label,
                ["legendgroup"] = s.Label,
                ["x"] = Trace.Texts(categories.Select(c => c.Label)),
                ["y"] = Trace.Numbers(e.Select(v => Zero(v.Mean) * unit.Scale)),
            };
            StrategyStyle.Bars(bar, s.Look);
            Trace.Errors(bar, "y", e.Select(v => v.Mean * unit.Scale).ToArray(), e.Select(v => v.Low * unit.Scale).ToArray(), e.Select(v => v.High * unit.Scale).ToArray());
            traces.Add(bar);
        }
        string note = "Bars: mean at the final month; whiskers: 95% confidence interval. The axis starts at 0. " + Legend(view);
        return ChartFigure.Of(id, question, xTitle, unit.Header, traces, note.Trim(), l =>
        {
            l["barmode"] = "group";
            l["hovermode"] = "closest";
            l["yaxis"]!["rangemode"] = "tozero";
        });
    }

    /// <summary>
    /// Outcome against cost at the final month, one point per strategy with its 95% interval on both axes (a cross):
    /// against public cost, and against total cost (with citizens' time at the shadow wage), both per resident per
    /// month. Up and to the left: more outcome for less money.
    /// </summary>
    public static ChartFigure CostEffectiveness(ReportView view)
    {
        MetricView outcome = MetricView.Of(MetricCatalog.OutcomeIndex);
        string[] costs = [MetricCatalog.PublicCost, MetricCatalog.TotalCost];
        var traces = new List<JsonObject>();
        for (int panel = 0; panel < costs.Length; panel++)
        {
            foreach (Series s in view.Series)
            {
                if (!s.Source.Set.Metrics.Contains(costs[panel])) continue;
                double residents = s.Source.Set.Manifest.Citizens ?? double.NaN;
                Estimate c = s.Final(costs[panel]), o = s.Final(MetricCatalog.OutcomeIndex);
                JsonObject t = Trace.Scatter(s.Label, [c.Mean / residents], [o.Mean]);
                StrategyStyle.Markers(t, s.Look, 13);
                Trace.Errors(t, "x", [c.Mean / residents], [c.Low / residents], [c.High / residents], s.Look.Hex);
                Trace.Errors(t, "y", [o.Mean], [o.Low], [o.High], s.Look.Hex);
                t["showlegend"] = panel == 0;
                t["xaxis"] = panel == 0 ? "x" : "x2";
                t["yaxis"] = "y";
                t["hovertemplate"] = $"{s.Label}<br>cost £%{{x:.2f}} a resident-month<br>outcome %{{y:.2f}}<extra></extra>";
                traces.Add(t);
            }
        }
        return ChartFigure.Of("cost-effectiveness", "Which strategy gets the most outcome for its money?",
            "public cost<br>(£ per resident per month)", outcome.Header, traces,
            "Final month. Each cross is a strategy: its centre the mean, its arms the 95% confidence intervals of cost and outcome. Left panel: public money only; right: total cost, counting citizens' hours at the shadow wage. Up and to the left is better: more outcome for less money. A strategy that is cheaper but lower is not more cost-effective by that alone: it buys less. " + Legend(view),
            l =>
            {
                l["hovermode"] = "closest";
                l["grid"] = new JsonObject { ["rows"] = 1, ["columns"] = 2, ["pattern"] = "independent" };
                l["xaxis"]!["domain"] = new JsonArray(0, 0.47);
                l["xaxis2"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "total cost, incl. citizens' time<br>(£ per resident per month)" }, ["domain"] = new JsonArray(0.53, 1), ["gridcolor"] = "#e5e5e5", ["zeroline"] = false };
            }) with { Metric = outcome };
    }

    /// <summary>
    /// The cost-effectiveness plane against the named baseline: each strategy's paired difference in outcome against its
    /// paired difference in public cost per resident-month, with 95% intervals; the baseline sits at the origin.
    /// </summary>
    public static ChartFigure CostEffectivenessDifference(ReportView view, Series baseline)
    {
        var traces = new List<JsonObject>();
        foreach (Series s in view.Series.Where(s => s != baseline))
        {
            double residents = s.Source.Set.Manifest.Citizens ?? double.NaN;
            Estimate dc = s.Minus(baseline, MetricCatalog.PublicCost), dout = s.Minus(baseline, MetricCatalog.OutcomeIndex);
            JsonObject t = Trace.Scatter(s.Label, [dc.Mean / residents], [dout.Mean]);
            StrategyStyle.Markers(t, s.Look, 13);
            Trace.Errors(t, "x", [dc.Mean / residents], [dc.Low / residents], [dc.High / residents], s.Look.Hex);
            Trace.Errors(t, "y", [dout.Mean], [dout.Low], [dout.High], s.Look.Hex);
            traces.Add(t);
        }
        return ChartFigure.Of("cost-effectiveness-difference", $"What does each strategy add, and cost, compared with {baseline.Label}?",
            $"extra public cost against {baseline.Label} (£ per resident per month)", $"extra outcome against {baseline.Label} (points)", traces,
            $"Final month, paired by replication (the same residents and chance events), with 95% intervals. {baseline.Label} is the origin. Top left: more outcome for less money; top right: more outcome at a price; bottom left: savings that cost outcome. An arm that crosses a zero line is within noise on that axis.",
            l =>
            {
                l["hovermode"] = "closest";
                l["xaxis"]!["zeroline"] = true;
                l["xaxis"]!["zerolinecolor"] = "#555";
                l["yaxis"]!["zeroline"] = true;
                l["yaxis"]!["zerolinecolor"] = "#555";
            });
    }

    private static double Finite(double x, double fallback) => double.IsNaN(x) ? fallback : x;

    private static double Zero(double x) => double.IsNaN(x) ? 0 : x;

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
                ["array"] = Trace.Numbers(errors[i].Up),
                ["arrayminus"] = Trace.Numbers(errors[i].Down),
            };
            data[i]!["marker"]!["line"] = new JsonObject { ["color"] = "#333", ["width"] = 0.8 };
        }
    }

    /// <summary>A number for a hover or note.</summary>
    internal static string G4(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
