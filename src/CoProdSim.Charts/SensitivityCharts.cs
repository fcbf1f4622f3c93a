using System.Text.Json.Nodes;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Sensitivity;
using Plotly.NET;
using CS = Plotly.NET.CSharp;

namespace CoProdSim.Charts;

/// <summary>
/// The sensitivity section of the report, from sensitivity.csv when the folder has one: per metric, Sobol' S1 and
/// ST bars with their 95% intervals, or Morris mu* against sigma, one point per parameter.
/// </summary>
public static class SensitivityCharts
{
    /// <summary>The sensitivity charts of a result folder; none without sensitivity.csv.</summary>
    public static IEnumerable<ChartFigure> All(ResultSet rs)
    {
        string path = Path.Combine(rs.Directory, SensitivityTable.FileName);
        if (!File.Exists(path)) yield break;
        IReadOnlyList<SensitivityRow> rows = SensitivityTable.Read(path);
        string[] strategies = rows.Select(r => r.Strategy).Distinct().ToArray();
        foreach (var byMetric in rows.GroupBy(r => r.Metric))
        {
            string metric = byMetric.Key, statistic = byMetric.First().Statistic;
            if (byMetric.First().Method == "sobol") yield return Sobol(metric, statistic, strategies, byMetric.ToList());
            else yield return Morris(metric, statistic, strategies, byMetric.ToList());
        }
        string convergence = Path.Combine(rs.Directory, SensitivityTable.ConvergenceFileName);
        if (!File.Exists(convergence)) yield break;
        foreach (var byMetric in SensitivityTable.ReadConvergence(convergence).GroupBy(r => r.Row.Metric))
            yield return Convergence(byMetric.Key, byMetric.First().Row.Statistic, strategies, byMetric.ToList());
    }

    /// <summary>
    /// Whether the Sobol' indices have settled: S1 and ST of each parameter from a quarter, a half and all of the base
    /// samples, with their bootstrap intervals. Lines that are flat by N say that more samples would change little.
    /// </summary>
    private static ChartFigure Convergence(string metric, string statistic, string[] strategies, List<ConvergenceRow> rows)
    {
        string[] parameters = rows.Select(r => r.Row.Parameter).Distinct().ToArray();
        int[] sizes = rows.Select(r => r.NBase).Distinct().Order().ToArray();
        var traces = new List<GenericChart>();
        var errors = new List<(double[] Up, double[] Down)>();
        var groups = new List<string>();
        for (int s = 0; s < strategies.Length; s++)
        {
            for (int j = 0; j < parameters.Length; j++)
            {
                foreach (string index in new[] { "ST", "S1" })
                {
                    IndexEstimate[] e = sizes.Select(n => rows.First(r => r.Row.Strategy == strategies[s] && r.Row.Parameter == parameters[j] && r.Row.Index == index && r.NBase == n).Row.Estimate).ToArray();
                    string who = strategies.Length > 1 ? $"{strategies[s]}: {parameters[j]}" : parameters[j];
                    traces.Add(CS.Chart.Scatter<double, double, string>(sizes.Select(n => (double)n), e.Select(v => Zero(v.Value)), StyleParam.Mode.Lines_Markers, Name: $"{who} {index}",
                        ShowLegend: index == "ST", LineColor: StrategyStyle.Indexed(j), MarkerColor: StrategyStyle.Indexed(j),
                        LineDash: index == "ST" ? StyleParam.DrawingStyle.Solid : StyleParam.DrawingStyle.Dot));
                    errors.Add((e.Select(v => Whisker(v.High - v.Value)).ToArray(), e.Select(v => Whisker(v.Value - v.Low)).ToArray()));
                    groups.Add(who);
                }
            }
        }
        ChartFigure f = ChartFigure.From($"convergence-{metric.Replace('_', '-')}", $"Have the Sobol' indices of {metric} settled? ({statistic}, from a quarter, a half and all of the base samples)",
            "base samples used (N)", "index (0-1)", traces,
            "Solid: ST; dotted: S1; whiskers: bootstrap 95% intervals. Each estimate uses the first n base samples of the design (nested subsets). Flat lines with narrowing whiskers: the indices have settled; lines still moving at N: take more samples.",
            l =>
            {
                l["hovermode"] = "closest";
                l["legend"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "parameter (ST)" } };
                l["xaxis"]!["type"] = "log";
                l["xaxis"]!["tickvals"] = new JsonArray(sizes.Select(n => (JsonNode)n).ToArray());
            });
        ReportCharts.ErrorBars(f, errors);
        var data = (JsonArray)f.Figure["data"]!;
        for (int i = 0; i < data.Count; i++) data[i]!["legendgroup"] = groups[i];
        return f;
    }

    private static ChartFigure Sobol(string metric, string statistic, string[] strategies, List<SensitivityRow> rows)
    {
        string[] parameters = rows.Where(r => r.Index == "S1").Select(r => r.Parameter).Distinct().ToArray();
        var traces = new List<GenericChart>();
        var errors = new List<(double[] Up, double[] Down)>();
        for (int s = 0; s < strategies.Length; s++)
        {
            foreach (string index in new[] { "S1", "ST" })
            {
                IndexEstimate[] e = parameters.Select(p => rows.First(r => r.Strategy == strategies[s] && r.Parameter == p && r.Index == index).Estimate).ToArray();
                string name = strategies.Length > 1 ? $"{strategies[s]} {index}" : index;
                traces.Add(CS.Chart.Column<double, string, string>(e.Select(v => Zero(v.Value)), Keys: parameters, Name: name,
                    MarkerColor: Color.fromString(index == "S1" ? StrategyStyle.Of(strategies[s]).Rgba(0.35) : StrategyStyle.Of(strategies[s]).Hex)));
                errors.Add((e.Select(v => Whisker(v.High - v.Value)).ToArray(), e.Select(v => Whisker(v.Value - v.Low)).ToArray()));
            }
        }
        ChartFigure f = ChartFigure.From($"sobol-{metric.Replace('_', '-')}", $"Which assumptions drive {metric}? (Sobol' indices, {statistic})", "parameter", "share of variance (0-1)", traces,
            "S1 (light): the share of the variance due to the parameter alone; ST (dark): including its interactions. Whiskers: bootstrap 95% intervals. ST near 0: the parameter hardly matters over its range.",
            l =>
            {
                l["barmode"] = "group";
                l["hovermode"] = "closest";
                l["legend"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "index" } };
            });
        ReportCharts.ErrorBars(f, errors);
        return f;
    }

    private static ChartFigure Morris(string metric, string statistic, string[] strategies, List<SensitivityRow> rows)
    {
        var traces = new List<GenericChart>();
        for (int s = 0; s < strategies.Length; s++)
        {
            var mine = rows.Where(r => r.Strategy == strategies[s]).ToList();
            string[] parameters = mine.Select(r => r.Parameter).Distinct().ToArray();
            double[] mu = parameters.Select(p => mine.First(r => r.Parameter == p && r.Index == "mu_star").Estimate.Value).ToArray();
            double[] sigma = parameters.Select(p => mine.First(r => r.Parameter == p && r.Index == "sigma").Estimate.Value).ToArray();
            traces.Add(CS.Chart.Scatter<double, double, string>(mu, sigma.Select(Zero), StyleParam.Mode.Markers_Text, Name: strategies[s],
                MarkerColor: Color.fromHex(StrategyStyle.Of(strategies[s]).Hex), MultiText: parameters, TextPosition: StyleParam.TextPosition.TopCenter));
        }
        return ChartFigure.From($"morris-{metric.Replace('_', '-')}", $"Which assumptions drive {metric}? (Morris screening, {statistic})", "mu* (mean absolute effect over the whole range)", "sigma (non-linearity or interaction)", traces,
            "Right: the parameter matters; up: its effect depends on the other parameters or is not linear. Near the origin: it can be fixed.",
            l => l["hovermode"] = "closest");
    }

    private static double Zero(double x) => double.IsNaN(x) ? 0 : x;

    private static double Whisker(double x) => double.IsNaN(x) ? 0 : Math.Max(0, x);
}
