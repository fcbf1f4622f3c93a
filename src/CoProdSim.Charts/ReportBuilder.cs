using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Statistics;
using CoProdSim.Model.Metrics;

namespace CoProdSim.Charts;

/// <summary>
/// Builds report.html from a run folder: one self-contained file (plotly.js inline, nothing fetched when opened)
/// that a planner can e-mail, open anywhere and print. It holds the scenario's question, a headline table with
/// confidence intervals, the charts, and what is needed to cite the numbers (version, commit, scenario hash, seed).
/// </summary>
public static class ReportBuilder
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The report's file name.</summary>
    public const string FileName = "report.html";

    private static readonly (string Metric, string Title, Func<double, string> Format)[] DefaultHeadline =
    [
        (MetricCatalog.OutcomeIndex, "Outcome index (0-100)", x => x.ToString("F1", CultureInfo.InvariantCulture)),
        (MetricCatalog.NeedMet, "Need met (%)", x => (100 * x).ToString("F1", CultureInfo.InvariantCulture)),
        (MetricCatalog.PublicCost, "Public cost (GBP/month)", x => x.ToString("N0", CultureInfo.InvariantCulture)),
        (MetricCatalog.EfficiencyPublic, "Efficiency, public (points per GBP/resident)", x => x.ToString("F3", CultureInfo.InvariantCulture)),
        (MetricCatalog.EfficiencyTotal, "Efficiency, incl. citizens' time", x => x.ToString("F3", CultureInfo.InvariantCulture)),
        (MetricCatalog.CitizenHours, "Citizen hours (per month)", x => x.ToString("N0", CultureInfo.InvariantCulture)),
        (MetricCatalog.ParticipationRate, "Participation (%)", x => (100 * x).ToString("F1", CultureInfo.InvariantCulture)),
        (MetricCatalog.OutcomeGap, "Outcome gap Q5-Q1 (points)", x => x.ToString("F1", CultureInfo.InvariantCulture)),
        (MetricCatalog.OutcomeGini, "Gini of well-being", x => x.ToString("F3", CultureInfo.InvariantCulture)),
        (MetricCatalog.CarerBurnoutRate, "Carer burnout (%)", x => (100 * x).ToString("F1", CultureInfo.InvariantCulture)),
        (MetricCatalog.TrustMean, "Trust (0-1)", x => x.ToString("F3", CultureInfo.InvariantCulture)),
    ];

    /// <summary>The metrics of the headline table when the scenario does not list its own (<c>outputs.metrics</c>).</summary>
    public static IReadOnlyList<string> DefaultMetrics => DefaultHeadline.Select(h => h.Metric).ToArray();

    /// <summary>Reads the run folder and writes its report; returns the report's path.</summary>
    public static string Build(string runDirectory)
    {
        ResultSet rs = ResultSet.Load(runDirectory);
        string path = Path.Combine(runDirectory, FileName);
        string html = Render(rs);
        AtomicFile.WriteAllText(path, html);
        return path;
    }

    /// <summary>The report's HTML.</summary>
    public static string Render(ResultSet rs)
    {
        IReadOnlyList<ChartFigure> charts = ReportCharts.All(rs);
        RunManifest m = rs.Manifest;
        var headline = HeadlineOf(m.HeadlineMetrics);
        string name = m.ScenarioName, description = m.ScenarioDescription;
        var sb = new StringBuilder(4 << 20);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(Enc(name)).Append(" - CoProdSim report</title>\n");
        // Errors are recorded in the page itself, before anything else runs, so a test (or a curious reader) can see them.
        sb.Append("<script>window.__reportErrors=[];window.addEventListener('error',function(e){window.__reportErrors.push(String(e.message));});")
          .Append("(function(){var ce=console.error;console.error=function(){window.__reportErrors.push(Array.prototype.join.call(arguments,' '));ce.apply(console,arguments);};})();</script>\n");
        sb.Append("<style>").Append(Css).Append("</style>\n");
        sb.Append("<script>").Append(PlotlyJs.Source).Append("</script>\n</head>\n<body>\n<main>\n");
        sb.Append("<header><p class=\"kicker\">CoProdSim report</p><h1>").Append(Enc(name)).Append("</h1>");
        if (description.Length > 0) sb.Append("<p class=\"question\">").Append(Enc(description)).Append("</p>");
        sb.Append("<p class=\"meta\">").Append(rs.Strategies.Count).Append(" strategies, ").Append(rs.Replications).Append(" replications each")
          .Append(rs.SweepPaths.Count > 0 ? $", {rs.Points.Count} sweep points" : "")
          .Append(", ").Append(Enc(Population(m))).Append(". Final month: ").Append(FinalMonth(rs)).Append(".</p></header>\n");

        sb.Append("<section><h2>Headline: where each strategy ends up</h2>");
        sb.Append("<p class=\"note\">Mean at the final month over replications, with the 95% confidence interval (Student's t)")
          .Append(rs.SweepPaths.Count > 0 ? " at the first sweep point" : "").Append(".</p>");
        sb.Append("<div class=\"tablewrap\"><table class=\"headline\"><thead><tr><th>strategy</th>");
        foreach (var h in headline) sb.Append("<th>").Append(Enc(h.Title)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        for (int s = 0; s < rs.Strategies.Count; s++)
        {
            sb.Append("<tr><th><span class=\"swatch\" style=\"background:").Append(StrategyStyle.Hex(s)).Append("\"></span>").Append(Enc(rs.Strategies[s])).Append("</th>");
            foreach (var h in headline)
            {
                Estimate e = rs.Final(rs.Strategies[s], h.Metric);
                sb.Append("<td>").Append(double.IsNaN(e.Mean) ? "NA" : h.Format(e.Mean));
                if (!double.IsNaN(e.Low)) sb.Append("<span class=\"ci\">").Append(h.Format(e.Low)).Append(" to ").Append(h.Format(e.High)).Append("</span>");
                sb.Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table></div></section>\n");
        Differences(sb, rs, headline);

        sb.Append("<section><h2>Charts</h2><p class=\"note\">Each strategy keeps its colour and line style in every chart. Hover for values; click a legend entry to hide a strategy; use the camera button to download a chart as PNG.</p>");
        foreach (ChartFigure c in charts)
        {
            sb.Append("<figure class=\"chart\"><div id=\"").Append(c.Id).Append("\" class=\"plot\" data-expected-traces=\"").Append(c.Traces).Append("\"></div>");
            if (c.Note.Length > 0) sb.Append("<figcaption>").Append(Enc(c.Note)).Append("</figcaption>");
            sb.Append("</figure>\n");
        }
        sb.Append("</section>\n");

        sb.Append("<section class=\"cite\"><h2>How to cite these numbers</h2><p>")
          .Append(Enc(string.Create(CultureInfo.InvariantCulture, $"CoProdSim {m.Version} (commit {m.Commit}), scenario \"{name}\" ({m.ScenarioFile}, SHA-256 {m.ScenarioSha256}), root seed {m.Seed}, {m.Replications} replications, run {m.Ended}.")))
          .Append("</p>");
        if (m.Overrides.Count > 0)
            sb.Append("<p>Parameters set on the command line: <code>").Append(Enc(string.Join(" ", m.Overrides.Select(x => "--set " + x)))).Append("</code></p>");
        sb.Append("<p>Every run's seed, and every parameter, are in <code>manifest.json</code> beside this report; the data behind each chart are in <code>timeseries.csv</code> and <code>summary.csv</code>.</p>");
        sb.Append("<details><summary>All parameters of this run</summary><pre>")
          .Append(Enc(m.Parameters?.ToJsonString(Indented) ?? "{}"))
          .Append("</pre></details></section>\n");
        sb.Append("<footer>Made with CoProdSim. Model: docs/odd.md (ODD protocol). Open this file in any browser: it needs no network.</footer>\n</main>\n");

        sb.Append("<script>\n(function(){var config={displaylogo:false,responsive:true,toImageButtonOptions:{format:'png',scale:2}};\nvar figures=");
        var figures = new JsonObject();
        foreach (ChartFigure c in charts) figures[c.Id] = c.Figure.DeepClone();
        sb.Append(figures.ToJsonString());
        sb.Append(";\nvar rendered={};\nObject.keys(figures).forEach(function(id){var f=figures[id];var el=document.getElementById(id);")
          .Append("var cfg=Object.assign({},config,{toImageButtonOptions:{format:'png',scale:2,filename:id}});")
          .Append("try{Plotly.newPlot(el,f.data,f.layout,cfg);rendered[id]={traces:el.data?el.data.length:0,drawn:el.querySelectorAll('.trace, .hm, .heatmaplayer image').length};}")
          .Append("catch(e){window.__reportErrors.push(id+': '+e.message);}});\n")
          .Append("document.body.setAttribute('data-rendered',JSON.stringify(rendered));document.body.setAttribute('data-errors',JSON.stringify(window.__reportErrors));})();\n</script>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The headline table's columns: those of <c>outputs.metrics</c>, else the defaults; a metric without a default title is shown by name and unit.</summary>
    /// <summary>
    /// When the scenario names a baseline: each other strategy's difference from it at the final month, paired by
    /// replication, with the 95% interval of the paired differences (differences.csv), at the first sweep point.
    /// </summary>
    private static void Differences(StringBuilder sb, ResultSet rs, (string Metric, string Title, Func<double, string> Format)[] headline)
    {
        string? baseline = rs.Manifest.Baseline;
        string path = Path.Combine(rs.Directory, ResultFiles.DifferencesFile);
        if (baseline is null || !File.Exists(path)) return;
        IReadOnlyList<double> point = rs.Points[0];
        var rows = ResultFiles.ReadDifferences(path, rs.SweepPaths).Where(r => r.SweepValues.SequenceEqual(point)).ToList();
        sb.Append("<section><h2>Differences from the baseline, ").Append(Enc(baseline)).Append("</h2>");
        sb.Append("<p class=\"note\">Each strategy minus ").Append(Enc(baseline)).Append(" at the final month, replication by replication (the same seed, so the same town and chance events), with the 95% confidence interval of the paired differences")
          .Append(rs.SweepPaths.Count > 0 ? ", at the first sweep point" : "").Append(". An interval that includes 0 means the difference is within noise.</p>");
        sb.Append("<div class=\"tablewrap\"><table class=\"headline differences\"><thead><tr><th>strategy</th>");
        foreach (var h in headline) sb.Append("<th>").Append(Enc(h.Title)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        for (int s = 0; s < rs.Strategies.Count; s++)
        {
            string strategy = rs.Strategies[s];
            if (strategy == baseline) continue;
            sb.Append("<tr><th><span class=\"swatch\" style=\"background:").Append(StrategyStyle.Hex(s)).Append("\"></span>").Append(Enc(strategy)).Append("</th>");
            foreach (var h in headline)
            {
                SummaryRow? row = rows.FirstOrDefault(r => r.Strategy == strategy && r.Metric == h.Metric);
                if (row is null || double.IsNaN(row.Estimate.Mean)) { sb.Append("<td>NA</td>"); continue; }
                Estimate e = row.Estimate;
                sb.Append("<td>").Append(e.Mean > 0 ? "+" : "").Append(h.Format(e.Mean));
                if (!double.IsNaN(e.Low)) sb.Append("<span class=\"ci\">").Append(h.Format(e.Low)).Append(" to ").Append(h.Format(e.High)).Append("</span>");
                sb.Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table></div></section>\n");
    }

    private static (string Metric, string Title, Func<double, string> Format)[] HeadlineOf(IReadOnlyList<string>? metrics) => metrics is null ? DefaultHeadline
        : metrics.Select(name => DefaultHeadline.FirstOrDefault(h => h.Metric == name) is { Metric: not null } known ? known : (name, Titled(name), Formatter(name))).ToArray();

    private static string Titled(string metric) => MetricCatalog.Describe(metric).Unit is { Length: > 0 } unit ? $"{metric} ({(unit == "share" ? "%" : unit)})" : metric;

    private static Func<double, string> Formatter(string metric) => MetricCatalog.Describe(metric).Unit == "share"
        ? x => (100 * x).ToString("F1", CultureInfo.InvariantCulture)
        : x => x.ToString("G5", CultureInfo.InvariantCulture);

    private static string Population(RunManifest m)
    {
        string months = $"{m.Horizon.ToString(CultureInfo.InvariantCulture)} months";
        if (m.Citizens is not { } citizens) return months;
        string hoods = m.Neighbourhoods is { } n ? $" in {n.ToString(CultureInfo.InvariantCulture)} neighbourhoods" : "";
        return $"{citizens.ToString("N0", CultureInfo.InvariantCulture)} citizens{hoods} over {months}";
    }

    private static string FinalMonth(ResultSet rs)
    {
        Band b = rs.BandOf(rs.Strategies[0], MetricCatalog.OutcomeIndex);
        return b.Ticks.Count > 0 ? b.Ticks[^1].ToString(CultureInfo.InvariantCulture) : "?";
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    private const string Css = """
body{margin:0;background:#f6f6f4;color:#222;font-family:"Segoe UI",Helvetica,Arial,sans-serif;line-height:1.45}
main{max-width:1180px;margin:0 auto;padding:24px 28px 40px;background:#fff}
header{border-bottom:3px solid #0072B2;margin-bottom:18px;padding-bottom:10px}
.kicker{text-transform:uppercase;letter-spacing:.08em;color:#0072B2;font-size:13px;margin:0}
h1{margin:4px 0 8px;font-size:30px}
h2{font-size:21px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.question{font-size:18px;margin:6px 0}
.meta,.note,figcaption{color:#555;font-size:14px}
.tablewrap{overflow-x:auto}
table.headline{border-collapse:collapse;font-size:14px;width:100%}
table.headline th,table.headline td{border-bottom:1px solid #e3e3e3;padding:6px 8px;text-align:right;vertical-align:top}
table.headline thead th{background:#f0f4f8;font-weight:600;font-size:13px}
table.headline tbody th{text-align:left;white-space:nowrap}
.ci{display:block;color:#777;font-size:12px;white-space:nowrap}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
figure.chart{margin:18px 0 26px;page-break-inside:avoid;break-inside:avoid}
.plot{width:100%;min-height:430px}
.cite{font-size:14px}
pre{background:#f6f6f6;padding:10px;overflow-x:auto;font-size:12px}
footer{margin-top:30px;color:#777;font-size:13px;border-top:1px solid #ddd;padding-top:8px}
@media print{body{background:#fff}main{padding:0}.modebar{display:none!important}}
""";
}

/// <summary>plotly.js as shipped inside Plotly.NET, read once: the report inlines it so it opens with no network.</summary>
internal static class PlotlyJs
{
    private static readonly Lazy<string> Text = new(() =>
    {
        Assembly asm = typeof(Plotly.NET.GenericChart).Assembly;
        string resource = asm.GetManifestResourceNames().Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = asm.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        // A closing script tag inside the library would end the inline script early.
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    });

    public static string Source => Text.Value;
}
