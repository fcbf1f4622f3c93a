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
/// Builds report.html from one results folder, or from two to compare (before and after a change): one
/// self-contained file (plotly.js inline, nothing fetched when opened) that a planner can e-mail, open anywhere and
/// print. It opens with a summary in plain words written from the results, then the headline table with confidence
/// intervals, the differences from a named baseline, the charts, the sweep and sensitivity sections, a glossary, and
/// what is needed to cite the numbers (version, commit, scenario hash, seed). Every text from the files is escaped.
/// </summary>
public static class ReportBuilder
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The report's file name.</summary>
    public const string FileName = "report.html";

    /// <summary>The metrics of the headline table when the scenario does not list its own (<c>outputs.metrics</c>).</summary>
    public static IReadOnlyList<string> DefaultMetrics { get; } =
    [
        MetricCatalog.OutcomeIndex, MetricCatalog.NeedMet, MetricCatalog.PublicCost, MetricCatalog.EfficiencyPublic, MetricCatalog.EfficiencyTotal,
        MetricCatalog.CitizenHours, MetricCatalog.ParticipationRate, MetricCatalog.OutcomeGap, MetricCatalog.OutcomeGini,
        MetricCatalog.CarerBurnoutRate, MetricCatalog.TrustMean,
    ];

    /// <summary>Reads the run folder and writes its report; returns the report's path.</summary>
    public static string Build(string runDirectory)
    {
        string html = Render([ReportSource.Load(runDirectory, "")]);
        string path = Path.Combine(runDirectory, FileName);
        AtomicFile.WriteAllText(path, html);
        return path;
    }

    /// <summary>Reads the run folder and writes its report into <paramref name="outDirectory"/>; returns the report's path.</summary>
    public static string BuildInto(string runDirectory, string outDirectory)
    {
        string html = Render([ReportSource.Load(runDirectory, "")]);
        Directory.CreateDirectory(outDirectory);
        string path = Path.Combine(outDirectory, FileName);
        AtomicFile.WriteAllText(path, html);
        return path;
    }

    /// <summary>
    /// Reads two results folders and writes one report comparing them into <paramref name="outDirectory"/>: the same
    /// strategies overlaid, each labelled by its folder's name (the parent's too when the names are the same).
    /// </summary>
    public static string BuildComparison(string first, string second, string outDirectory)
    {
        var (a, b) = Labels(first, second);
        string html = Render([ReportSource.Load(first, a), ReportSource.Load(second, b)]);
        Directory.CreateDirectory(outDirectory);
        string path = Path.Combine(outDirectory, FileName);
        AtomicFile.WriteAllText(path, html);
        return path;
    }

    /// <summary>Short labels for two folders: their names, with as many parent folders as it takes to tell them apart; characters other than letters, digits, '-', '_', '.' and '/' are dropped.</summary>
    public static (string A, string B) Labels(string first, string second)
    {
        string[] a = Path.GetFullPath(first).TrimEnd(Path.DirectorySeparatorChar).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        string[] b = Path.GetFullPath(second).TrimEnd(Path.DirectorySeparatorChar).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (int n = 1; n <= Math.Max(a.Length, b.Length); n++)
        {
            string la = Clean(string.Join('/', a.TakeLast(n))), lb = Clean(string.Join('/', b.TakeLast(n)));
            if (la != lb) return (la, lb);
        }
        return ("first", "second");

        static string Clean(string s) => new(s.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/').Take(60).ToArray());
    }

    /// <summary>The report's HTML for one folder, or two compared.</summary>
    public static string Render(IReadOnlyList<ReportSource> sources)
    {
        IReadOnlyList<ReportView> views = ReportView.Of(sources);
        int shown = sources.Count == 1 ? Math.Max(0, sources[0].ShownPoints.ToList().IndexOf(sources[0].DefaultPoint)) : 0;
        List<ChartFigure>[] viewCharts = views.Select(v => ReportCharts.Of(v).ToList()).ToArray();
        for (int c = 0; c < viewCharts[0].Count; c++) Scales.Share(viewCharts.Select(v => v[c]).ToArray());
        var extra = new List<(string Class, string Heading, string Intro, List<ChartFigure> Charts)>();
        for (int i = 0; i < sources.Count; i++)
        {
            string prefix = sources.Count > 1 ? $"f{i + 1}-" : "";
            string whose = sources.Count > 1 ? $" ({sources[i].Label})" : "";
            var sweep = SweepCharts.All(sources[i]).Select(f => Prefixed(f, prefix)).ToList();
            if (sweep.Count > 0) extra.Add(("sweep", "How the results respond to the swept parameters" + whose, SweepIntro(sources[i]), sweep));
            var sensitivity = SensitivityCharts.All(sources[i].Set).Select(f => Prefixed(f, prefix)).ToList();
            if (sensitivity.Count > 0) extra.Add(("sensitivity", "Which assumptions drive the results" + whose, "Sensitivity analysis of the design's runs (sensitivity.csv).", sensitivity));
        }

        RunManifest m = sources[0].Set.Manifest;
        IReadOnlyList<string> headline = m.HeadlineMetrics ?? DefaultMetrics;
        string name = sources.Count == 1 ? m.ScenarioName : string.Join(" and ", sources.Select(s => s.Set.Manifest.ScenarioName).Distinct());
        var sb = new StringBuilder(6 << 20);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(Enc(name)).Append(" - CoProdSim report</title>\n");
        // Errors are recorded in the page itself, before anything else runs, so a test (or a curious reader) can see them.
        sb.Append("<script>window.__reportErrors=[];window.addEventListener('error',function(e){window.__reportErrors.push(String(e.message));});")
          .Append("(function(){var ce=console.error;console.error=function(){window.__reportErrors.push(Array.prototype.join.call(arguments,' '));ce.apply(console,arguments);};})();</script>\n");
        sb.Append("<style>").Append(Css).Append("</style>\n");
        sb.Append("<script>").Append(PlotlyJs.Source).Append("</script>\n</head>\n<body>\n<main>\n");
        sb.Append("<header><p class=\"kicker\">CoProdSim report").Append(sources.Count > 1 ? ": two results compared" : "").Append("</p><h1>").Append(Enc(name)).Append("</h1>");
        if (m.ScenarioDescription.Length > 0) sb.Append("<p class=\"question\">").Append(Enc(m.ScenarioDescription)).Append("</p>");
        foreach (ReportSource s in sources)
        {
            ResultSet rs = s.Set;
            sb.Append("<p class=\"meta\">").Append(s.Label.Length > 0 ? $"<b>{Enc(s.Label)}</b>: " : "")
              .Append(rs.Strategies.Count).Append(" strategies, ").Append(rs.Replications).Append(" replications each")
              .Append(rs.SweepPaths.Count > 0 ? $", {rs.Points.Count} sweep points" : "")
              .Append(", ").Append(Enc(Population(rs.Manifest))).Append('.')
              .Append(rs.Manifest.Baseline is { } b ? $" Baseline: {Enc(b)}." : "").Append("</p>");
        }
        sb.Append("</header>\n");

        if (views.Count > 1)
        {
            ReportSource s = sources[0];
            sb.Append("<div class=\"pointpick\"><label for=\"point\">Sweep point shown in the summary, tables and monthly charts: </label><select id=\"point\">");
            for (int v = 0; v < views.Count; v++)
                sb.Append("<option value=\"").Append(v).Append('"').Append(v == shown ? " selected" : "").Append('>').Append(Enc(views[v].Label)).Append(v == shown ? " (the scenario's own values)" : "").Append("</option>");
            sb.Append("</select><span class=\"hint\"> The sweep charts further down cover every point.</span></div>\n");
        }
        else if (sources.Count == 1 && sources[0].Set.SweepPaths.Count > 0)
        {
            sb.Append("<p class=\"note\">The summary, tables and monthly charts show one sweep point, the nearest to the scenario's own values: ")
              .Append(Enc(views[0].Label)).Append(". The sweep charts further down cover all ").Append(sources[0].Set.Points.Count).Append(" points.</p>\n");
        }

        for (int v = 0; v < views.Count; v++)
        {
            sb.Append("<div class=\"view\" data-view=\"").Append(v).Append('"').Append(v == shown ? "" : " hidden").Append('>');
            View(sb, views[v], headline);
            sb.Append("</div>\n");
        }

        sb.Append("<section><h2>Charts</h2><p class=\"note\">Each strategy keeps its colour, line and marker in every chart and every report. <span class=\"hint\">Hover for values; click a legend entry to hide a strategy; use the camera button to download a chart as PNG.</span></p>");
        foreach (ChartFigure c in viewCharts[shown]) Figure(sb, c);
        sb.Append("</section>\n");
        foreach (var (cls, heading, intro, charts) in extra)
        {
            sb.Append("<section class=\"").Append(cls).Append("\"><h2>").Append(Enc(heading)).Append("</h2><p class=\"note\">").Append(Enc(intro)).Append("</p>");
            foreach (ChartFigure c in charts) Figure(sb, c);
            sb.Append("</section>\n");
        }

        sb.Append("<section class=\"glossary-section\"><h2>Glossary</h2>")
          .Append(ReportSummary.Glossary([.. headline, .. ReportSummary.Measures.Select(x => x.Metric), MetricCatalog.NeedMet, MetricCatalog.TotalCost, MetricCatalog.CitizenValue, MetricCatalog.Qalys, MetricCatalog.OutcomeCarers], sources, m.Derived))
          .Append("</section>\n");
        Cite(sb, sources);
        sb.Append("<footer>Made with CoProdSim. Model: docs/odd.md (ODD protocol). Open this file in any browser: it needs no network.</footer>\n</main>\n");

        var figures = new JsonObject();
        foreach (ChartFigure c in viewCharts[shown].Concat(extra.SelectMany(e => e.Charts))) figures[c.Id] = c.Figure.DeepClone();
        var perView = new JsonArray();
        if (views.Count > 1)
        {
            foreach (List<ChartFigure> charts in viewCharts)
            {
                var o = new JsonObject();
                foreach (ChartFigure c in charts) o[c.Id] = c.Figure.DeepClone();
                perView.Add(o);
            }
        }
        sb.Append("<script>\nvar figures=").Append(figures.ToJsonString()).Append(";\nvar views=").Append(perView.ToJsonString()).Append(";\n").Append(Script).Append("</script>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static ChartFigure Prefixed(ChartFigure f, string prefix) => prefix.Length == 0 ? f : f with { Id = prefix + f.Id };

    private static string SweepIntro(ReportSource s) =>
        "Every metric at the final month across the sweep ("
        + string.Join("; ", s.Set.SweepPaths.Select(p => $"{ParameterLabel.Axis(p)}: {s.Set.Points.Select(x => x[s.Set.SweepPaths.ToList().IndexOf(p)]).Distinct().Count()} values, {p}"))
        + "), with 95% intervals.";

    private static void Figure(StringBuilder sb, ChartFigure c)
    {
        sb.Append("<figure class=\"chart\"><div id=\"").Append(Enc(c.Id)).Append("\" class=\"plot\" data-expected-traces=\"").Append(c.Traces).Append("\"></div>");
        if (c.Note.Length > 0) sb.Append("<figcaption>").Append(Enc(c.Note)).Append("</figcaption>");
        sb.Append("</figure>\n");
    }

    /// <summary>The summary, the headline table and the differences (from the baseline, or between the two folders) of one view.</summary>
    private static void View(StringBuilder sb, ReportView view, IReadOnlyList<string> headline)
    {
        sb.Append("<section class=\"summary\"><h2>In brief</h2>").Append(ReportSummary.Html(view)).Append("</section>\n");
        var derived = view.Series[0].Source.Set.Manifest.Derived;
        MetricView[] columns = headline.Select(h => MetricView.Of(h, derived)).ToArray();
        sb.Append("<section><h2>Headline: where each strategy ends up</h2>");
        sb.Append("<p class=\"note\">Mean at the final month over replications, with the 95% confidence interval (Student's t) beneath")
          .Append(view.Label.Length > 0 ? $"; {Enc(view.Label)}" : "").Append(". The glossary at the end explains each column.</p>");
        Table(sb, "headline", columns, view.Series.Select(s => (s, (Func<MetricView, (Estimate, bool)>)(mv => (s.Final(mv.Name), false)))));
        sb.Append("</section>\n");
        if (view.Baseline is { } baseline)
        {
            sb.Append("<section><h2>Differences from the baseline, ").Append(Enc(baseline.Label)).Append("</h2>");
            sb.Append("<p class=\"note\">Each strategy minus ").Append(Enc(baseline.Label)).Append(" at the final month, replication by replication (the same seed, so the same town and chance events), with the 95% confidence interval of the paired differences (as in differences.csv)")
              .Append(". An interval that includes 0 means the difference is within noise; such cells are greyed.</p>");
            Table(sb, "headline differences", columns, view.Series.Where(s => s != baseline).Select(s => (s, (Func<MetricView, (Estimate, bool)>)(mv => (s.Minus(baseline, mv.Name), true)))));
            sb.Append("</section>\n");
        }
        var pairs = view.Series.GroupBy(s => s.Strategy).Where(g => g.Count() == 2).Select(g => (A: g.First(), B: g.Last())).ToList();
        if (pairs.Count > 0)
        {
            string la = pairs[0].A.Source.Label, lb = pairs[0].B.Source.Label;
            sb.Append("<section><h2>What changed from ").Append(Enc(la)).Append(" to ").Append(Enc(lb)).Append("</h2>");
            sb.Append("<p class=\"note\">Each strategy in ").Append(Enc(lb)).Append(" minus the same strategy in ").Append(Enc(la))
              .Append(" at the final month, with Welch's 95% interval (the folders are separate runs, so their replications are not paired). An interval that includes 0 means the change is within noise; such cells are greyed.</p>");
            Table(sb, "headline differences", columns, pairs.Select(p => (p.B with { Label = p.B.Strategy }, (Func<MetricView, (Estimate, bool)>)(mv => (p.B.Minus(p.A, mv.Name), true)))));
            sb.Append("</section>\n");
        }
    }

    private static void Table(StringBuilder sb, string cls, MetricView[] columns, IEnumerable<(Series S, Func<MetricView, (Estimate E, bool Difference)> Cell)> rows)
    {
        sb.Append("<div class=\"tablewrap\"><table class=\"").Append(cls).Append("\"><colgroup><col class=\"name\">");
        foreach (MetricView _ in columns) sb.Append("<col>");
        sb.Append("</colgroup><thead><tr><th>strategy</th>");
        foreach (MetricView c in columns) sb.Append("<th title=\"").Append(Enc(c.Name)).Append("\">").Append(Enc(c.Header)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var (s, cell) in rows)
        {
            sb.Append("<tr><th>").Append(Swatch(s.Look, s.Dash)).Append(Enc(s.Label)).Append("</th>");
            foreach (MetricView c in columns)
            {
                var (e, difference) = cell(c);
                bool noise = difference && ReportSummary.WithinNoise(e);
                sb.Append(noise ? "<td class=\"noise\" title=\"within noise\">" : "<td>");
                sb.Append(difference ? c.ShowDifference(e.Mean) : c.Show(e.Mean));
                if (!double.IsNaN(e.Low))
                    sb.Append("<span class=\"ci\">").Append(difference ? c.ShowDifference(e.Low) : c.Show(e.Low)).Append(" to ").Append(difference ? c.ShowDifference(e.High) : c.Show(e.High)).Append("</span>");
                sb.Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table></div>");
    }

    /// <summary>A small drawing of a strategy's line and marker, as in the charts, so the table reads in greyscale too.</summary>
    public static string Swatch(Look look, string? dash = null)
    {
        string d = (dash ?? look.Dash) switch
        {
            "solid" => "",
            "dash" => "6,3",
            "dot" => "2,2.5",
            "dashdot" => "6,2.5,2,2.5",
            "longdash" => "10,3",
            "longdashdot" => "10,2.5,2,2.5",
            string custom => custom.Replace("px", "", StringComparison.Ordinal).Replace(",", ",", StringComparison.Ordinal),
        };
        bool open = look.Symbol.EndsWith("-open", StringComparison.Ordinal);
        string fill = open ? "none" : look.Hex;
        string shape = look.Symbol.Replace("-open", "", StringComparison.Ordinal) switch
        {
            "circle" => "<circle cx=\"17\" cy=\"7\" r=\"4.2\"/>",
            "square" => "<rect x=\"13\" y=\"3\" width=\"8\" height=\"8\"/>",
            "diamond" => "<polygon points=\"17,2 22,7 17,12 12,7\"/>",
            "triangle-up" => "<polygon points=\"17,2 22,11 12,11\"/>",
            "triangle-down" => "<polygon points=\"12,3 22,3 17,12\"/>",
            "triangle-left" => "<polygon points=\"12,7 21,2 21,12\"/>",
            "x" or "cross" => "<path d=\"M13 3 L21 11 M21 3 L13 11\" stroke-width=\"2.4\"/>",
            "pentagon" => "<polygon points=\"17,2 22,6 20,12 14,12 12,6\"/>",
            _ => "<polygon points=\"17,1.5 18.6,5.5 22.5,5.6 19.4,8.2 20.5,12.2 17,9.8 13.5,12.2 14.6,8.2 11.5,5.6 15.4,5.5\"/>",
        };
        return $"<svg class=\"swatch\" width=\"34\" height=\"14\" viewBox=\"0 0 34 14\" aria-hidden=\"true\"><line x1=\"0\" y1=\"7\" x2=\"34\" y2=\"7\" stroke=\"{look.Hex}\" stroke-width=\"2.5\"{(d.Length > 0 ? $" stroke-dasharray=\"{d}\"" : "")}/><g fill=\"{fill}\" stroke=\"{look.Hex}\" stroke-width=\"1.5\">{shape}</g></svg>";
    }

    private static void Cite(StringBuilder sb, IReadOnlyList<ReportSource> sources)
    {
        sb.Append("<section class=\"cite\"><h2>How to cite these numbers</h2>");
        foreach (ReportSource s in sources)
        {
            RunManifest m = s.Set.Manifest;
            sb.Append("<p>").Append(s.Label.Length > 0 ? $"<b>{Enc(s.Label)}</b>: " : "")
              .Append(Enc(string.Create(CultureInfo.InvariantCulture, $"CoProdSim {m.Version} (commit {m.Commit}), scenario \"{m.ScenarioName}\" ({m.ScenarioFile}, SHA-256 {m.ScenarioSha256}), root seed {m.Seed}, {m.Replications} replications, run {m.Ended}.")))
              .Append("</p>");
            if (m.Overrides.Count > 0)
                sb.Append("<p>Parameters set on the command line: <code>").Append(Enc(string.Join(" ", m.Overrides.Select(x => "--set " + x)))).Append("</code></p>");
        }
        sb.Append("<p>Every run's seed, and every parameter, are in <code>manifest.json</code> beside the results; the data behind each chart are in <code>timeseries.csv</code> and <code>summary.csv</code>.</p>");
        foreach (ReportSource s in sources)
        {
            sb.Append("<details><summary>All parameters").Append(s.Label.Length > 0 ? $" of {Enc(s.Label)}" : " of this run").Append("</summary><pre>")
              .Append(Enc(s.Set.Manifest.Parameters?.ToJsonString(Indented) ?? "{}"))
              .Append("</pre></details>");
        }
        sb.Append("</section>\n");
    }

    private static string Population(RunManifest m)
    {
        string months = $"{m.Horizon.ToString(CultureInfo.InvariantCulture)} months";
        if (m.Citizens is not { } citizens) return months;
        string hoods = m.Neighbourhoods is { } n ? $" in {n.ToString(CultureInfo.InvariantCulture)} neighbourhoods" : "";
        return $"{citizens.ToString("N0", CultureInfo.InvariantCulture)} citizens{hoods} over {months}";
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    /// <summary>
    /// Draws every chart, records what it drew (for the browser test), switches the view when another sweep point is
    /// chosen (and remembers it in the address, #point=N), and fits the charts to the paper when printing.
    /// </summary>
    private const string Script = """
(function(){
var config={displaylogo:false,responsive:true};
var rendered={};
function draw(id,f){var el=document.getElementById(id);if(!el)return;
  var cfg=Object.assign({},config,{toImageButtonOptions:{format:'png',scale:2,filename:id}});
  try{Plotly.newPlot(el,f.data,f.layout,cfg);rendered[id]={traces:el.data?el.data.length:0,drawn:el.querySelectorAll('.trace, .hm').length};}
  catch(e){window.__reportErrors.push(id+': '+e.message);}}
Object.keys(figures).forEach(function(id){draw(id,figures[id]);});
var pick=document.getElementById('point');
function show(v){
  document.querySelectorAll('.view').forEach(function(d){d.hidden=d.getAttribute('data-view')!==String(v);});
  if(views.length>v){Object.keys(views[v]).forEach(function(id){var el=document.getElementById(id);var f=views[v][id];
    try{Plotly.react(el,f.data,f.layout);}catch(e){window.__reportErrors.push(id+': '+e.message);}});}
  document.body.setAttribute('data-view',String(v));}
if(pick){
  var m=/point=(\d+)/.exec(location.hash);if(m&&Number(m[1])<pick.options.length){pick.value=m[1];show(Number(m[1]));}
  else{document.body.setAttribute('data-view',pick.value);}
  pick.addEventListener('change',function(){show(Number(pick.value));history.replaceState(null,'','#point='+pick.value);});}
function fit(){document.querySelectorAll('.plot').forEach(function(el){if(el.data){Plotly.relayout(el,{width:el.clientWidth});}});}
function unfit(){document.querySelectorAll('.plot').forEach(function(el){if(el.data){Plotly.relayout(el,{width:null,autosize:true});}});}
window.addEventListener('beforeprint',fit);window.addEventListener('afterprint',unfit);
if(window.matchMedia){var mq=window.matchMedia('print');var on=function(e){if(e.matches){fit();}else{unfit();}};if(mq.addEventListener){mq.addEventListener('change',on);}else if(mq.addListener){mq.addListener(on);}}
document.body.setAttribute('data-rendered',JSON.stringify(rendered));document.body.setAttribute('data-errors',JSON.stringify(window.__reportErrors));
})();

""";

    private const string Css = """
body{margin:0;background:#f6f6f4;color:#222;font-family:"Segoe UI",Helvetica,Arial,sans-serif;line-height:1.45}
main{max-width:1180px;margin:0 auto;padding:24px 28px 40px;background:#fff}
header{border-bottom:3px solid #0072B2;margin-bottom:14px;padding-bottom:8px}
.kicker{text-transform:uppercase;letter-spacing:.08em;color:#0072B2;font-size:13px;margin:0}
h1{margin:4px 0 6px;font-size:30px}
h2{font-size:21px;margin:24px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.question{font-size:18px;margin:6px 0}
.meta,.note,figcaption{color:#555;font-size:14px}
.meta{margin:4px 0}
.pointpick{background:#eef4fa;border:1px solid #c9dcee;padding:8px 12px;margin:10px 0;font-size:15px}
.pointpick select{font-size:15px;margin-left:4px}
.summary h2{margin-top:10px}
.lead{font-size:15px;margin:6px 0}
ul.findings{padding-left:20px;margin:8px 0}
ul.findings li{margin:6px 0;font-size:15.5px}
.unit{display:block;color:#666;font-size:13px}
.caveats{background:#fff7e6;border-left:4px solid #E69F00;padding:4px 14px;margin:10px 0}
.caveats p{margin:6px 0}
.caveats ul{margin:4px 0 8px;padding-left:20px}
.tablewrap{overflow-x:auto}
table.headline{border-collapse:collapse;font-size:14px;width:100%}
table.headline th,table.headline td{border-bottom:1px solid #e3e3e3;padding:6px 8px;text-align:right;vertical-align:top}
table.headline thead th{background:#f0f4f8;font-weight:600;font-size:13px}
table.headline tbody th{text-align:left;white-space:nowrap}
table.headline td.noise{color:#999}
.ci{display:block;color:#777;font-size:12px}
.swatch{vertical-align:-2px;margin-right:6px}
figure.chart{margin:18px 0 26px;page-break-inside:avoid;break-inside:avoid}
.plot{width:100%;min-height:430px}
dl.glossary dt{font-weight:600;margin-top:8px}
dl.glossary dd{margin:2px 0 4px 18px;color:#333;font-size:14.5px}
.cite{font-size:14px}
pre{background:#f6f6f6;padding:10px;overflow-x:auto;font-size:12px}
footer{margin-top:30px;color:#777;font-size:13px;border-top:1px solid #ddd;padding-top:8px}
@page{margin:12mm}
@media print{
body{background:#fff;font-size:10pt}
main{max-width:none;padding:0;margin:0}
.hint,.modebar,.modebar-container,.pointpick select{display:none!important}
.pointpick{border:none;background:none;padding:0;font-size:10pt}
h1{font-size:20pt}
h2{font-size:13pt;margin:12px 0 6px;break-after:avoid;page-break-after:avoid}
ul.findings li{font-size:10pt;break-inside:avoid}
.unit{font-size:8.5pt}
.tablewrap{overflow:visible}
table.headline{table-layout:fixed;width:100%;font-size:7.5pt}
table.headline col.name{width:15%}
table.headline th,table.headline td{padding:3px 2px;overflow-wrap:break-word}
table.headline thead th{font-size:7pt;hyphens:auto;-webkit-hyphens:auto}
table.headline tbody th{white-space:normal}
.swatch{width:24px;height:10px;margin-right:3px}
.ci{white-space:normal;font-size:6.5pt}
tr{break-inside:avoid;page-break-inside:avoid}
figure.chart{break-inside:avoid;page-break-inside:avoid;margin:8px 0 12px}
.plot{min-height:0}
section.summary{break-after:auto}
details{display:none}
footer{font-size:8pt}
}
""";
}

/// <summary>
/// plotly.js as shipped inside Plotly.NET, read once: the report inlines it so it opens with no network, and the
/// explorer (<c>coprodsim serve</c>) serves it from its own address, so neither needs a CDN.
/// </summary>
public static class PlotlyJs
{
    private static readonly Lazy<string> Raw = new(() =>
    {
        Assembly asm = typeof(Plotly.NET.GenericChart).Assembly;
        string resource = asm.GetManifestResourceNames().Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = asm.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    // A closing script tag inside the library would end the inline script early.
    private static readonly Lazy<string> Inline = new(() => Raw.Value.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase));

    /// <summary>The library as shipped, to serve as a file.</summary>
    public static string Library => Raw.Value;

    /// <summary>The library, safe to inline in a script element.</summary>
    public static string Source => Inline.Value;
}
