using System.Globalization;
using System.Text.Json;
using CoProdSim.Charts;
using CoProdSim.Experiments.Output;
using CoProdSim.Model.Metrics;
using CoProdSim.Tests.Experiments;
using Microsoft.Playwright;

namespace CoProdSim.Tests.Charts;

/// <summary>
/// The report as a reader meets it, in headless Chromium driven by Playwright (the system's /usr/bin/chromium; no
/// browser is downloaded), network off: the strategies' looks across reports, the summary against summary.csv, the
/// sweep charts and the sweep-point control, the print layout at A4 width, and no error in the console. Ignored without
/// Chromium, unless COPRODSIM_REQUIRE_BROWSER=1 (as in .ci/run).
/// </summary>
[Category("Browser")]
[NonParallelizable]
public class ReportPageTests : ChromiumTest
{
    /// <summary>The width of an A4 page's text at 96 dpi with the report's 12 mm margins: (210 - 24) mm. Letter's is wider (725 px).</summary>
    private const int A4TextWidth = 703;

    /// <summary>Opens a report; every console error and page error is collected, and checked empty when the page is closed.</summary>
    private async Task<(IPage Page, List<string> Errors)> Open(string report, int width = 1300)
    {
        IPage page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 1000 } });
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        // Nothing may be fetched: the report is self-contained.
        await page.RouteAsync(url => !url.StartsWith("file:", StringComparison.Ordinal), route => { errors.Add("fetched " + route.Request.Url); return route.AbortAsync(); });
        await page.GotoAsync(new Uri(report).AbsoluteUri);
        await page.WaitForFunctionAsync("document.body.hasAttribute('data-rendered')");
        return (page, errors);
    }

    private static async Task Close(IPage page, List<string> errors)
    {
        string pageErrors = await page.EvaluateAsync<string>("JSON.stringify(window.__reportErrors)");
        await page.CloseAsync();
        Assert.That(errors, Is.Empty, "console errors");
        Assert.That(pageErrors, Is.EqualTo("[]"), "errors recorded by the page");
    }

    private static string Run(CliHarness cli, string name, string yaml)
    {
        string dir = Path.Combine(cli.Folder, name);
        var (code, _, error) = cli.Run(cli.Write(name + ".yaml", yaml), dir);
        Assert.That(code, Is.Zero, error);
        return Path.Combine(dir, ReportBuilder.FileName);
    }

    private static string Scenario(string name, string strategies, string extra = "") =>
        $"name: {name}\nseed: 3\nreplications: 3\nhorizon: 8\npopulation: {{citizens: 500, neighbourhoods: 5}}\nstrategies: {strategies}\n{extra}\n";

    /// <summary>Each strategy's line in the outcome chart as drawn (colour, dash, marker) and its swatch in the table, by name.</summary>
    private static async Task<Dictionary<string, string>> Looks(IPage page) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(await page.EvaluateAsync<string>("""
            (() => { const o = {};
              document.getElementById('outcome').data.filter(t => t.mode && t.mode.indexOf('lines') >= 0 && t.showlegend !== false)
                .forEach(t => { o[t.name] = [t.line.color, t.line.dash, t.marker.symbol].join(' '); });
              document.querySelectorAll('table.headline:not(.differences) tbody th').forEach(th => {
                o['table ' + th.textContent] = th.querySelector('svg line').getAttribute('stroke'); });
              return JSON.stringify(o); })()
            """))!;

    [Test]
    public async Task EachPresetKeepsItsColourDashAndMarkerInReportsWithDifferentStrategyLists()
    {
        using var cli = new CliHarness();
        string one = Run(cli, "one", Scenario("one", "[traditional, cost-cutting, equity-targeted]"));
        string two = Run(cli, "two", Scenario("two", "[equity-targeted, {name: my-plan, preset: four-cos}, four-cos, cost-cutting, traditional]"));
        var (p1, e1) = await Open(one);
        var looks1 = await Looks(p1);
        await Close(p1, e1);
        var (p2, e2) = await Open(two);
        var looks2 = await Looks(p2);
        await Close(p2, e2);
        foreach (string preset in new[] { "traditional", "cost-cutting", "equity-targeted" })
        {
            Look look = StrategyStyle.Presets[preset];
            Assert.That(looks1[preset], Is.EqualTo(looks2[preset]), $"{preset}: the same line in both reports");
            Assert.That(looks1[preset], Is.EqualTo($"{look.Hex} {look.Dash} {look.Symbol}"), $"{preset}: its preset look");
            Assert.That(looks1["table " + preset], Is.EqualTo(look.Hex).And.EqualTo(looks2["table " + preset]), $"{preset}: the table's swatch too");
        }
        // cost-cutting was second in one list and fourth in the other: position plays no part.
        Assert.That(looks2.Where(kv => !kv.Key.StartsWith("table", StringComparison.Ordinal)).Select(kv => kv.Value.Split(' ')[0]), Is.Unique, "five strategies, five colours");
    }

    [Test]
    public async Task SummaryNamesTheBestStrategyConsistentWithSummaryCsv()
    {
        using var cli = new CliHarness();
        string report = Run(cli, "four", Scenario("four", "[traditional, inside-out, four-cos, cost-cutting]"));
        var means = File.ReadLines(Path.Combine(Path.GetDirectoryName(report)!, ResultFiles.SummaryFile)).Skip(1).Select(l => l.Split(','))
            .GroupBy(f => f[1]).ToDictionary(g => g.Key, g => g.ToDictionary(f => f[0], f => double.TryParse(f[2], CultureInfo.InvariantCulture, out double x) ? x : double.NaN));
        var (page, errors) = await Open(report);
        foreach (var (aspect, metric) in ReportSummary.Measures)
        {
            var m = means[metric];
            string best = MetricCatalog.Read(metric).Better == Better.Lower ? m.MinBy(kv => kv.Value).Key : m.MaxBy(kv => kv.Value).Key;
            string shown = await page.EvaluateAsync<string>($"document.querySelector('.view:not([hidden]) li[data-metric=\"{metric}\"] .best').textContent");
            Assert.That(shown, Is.EqualTo(best), $"{aspect}: the strategy the summary names first");
            Assert.That(await page.IsVisibleAsync($".view:not([hidden]) li[data-metric=\"{metric}\"]"), Is.True);
        }
        await Close(page, errors);
    }

    [TestCase("    strategy.invitation_rate: {values: [0.1, 0.3, 0.5]}\n", "sweep-", TestName = "EverySweepMetricChartIsDrawn(one parameter: lines)")]
    [TestCase("    strategy.invitation_rate: {values: [0.1, 0.3]}\n    population.caring_load_scale: {values: [1, 2]}\n", "sweep-heatmap-", TestName = "EverySweepMetricChartIsDrawn(two on a grid: heatmaps and differences)")]
    public async Task EverySweepMetricChartIsDrawn(string parameters, string kind)
    {
        using var cli = new CliHarness();
        string report = Run(cli, "sweep", Scenario("sweep", "[traditional, inside-out]", "sweep:\n  parameters:\n" + parameters));
        var (page, errors) = await Open(report);
        var manifest = RunManifest.Read(Path.Combine(Path.GetDirectoryName(report)!, ResultFiles.ManifestFile));
        foreach (string metric in SweepCharts.MetricsOf(manifest))
        {
            foreach (string id in kind == "sweep-" ? [SweepCharts.Id("sweep", metric)] : new[] { SweepCharts.Id("sweep-heatmap", metric), SweepCharts.Id("sweep-difference", metric) })
            {
                int expected = await page.EvaluateAsync<int>($"Number(document.getElementById('{id}').getAttribute('data-expected-traces'))");
                var drawn = await page.EvaluateAsync<int[]>($"(() => {{ const r = JSON.parse(document.body.getAttribute('data-rendered'))['{id}']; return [r.traces, r.drawn]; }})()");
                Assert.That(expected, Is.GreaterThan(0), id);
                Assert.That(drawn, Is.EqualTo(new[] { expected, expected }), $"{id}: every trace drawn");
                Assert.That(await page.IsVisibleAsync("#" + id), Is.True, id);
            }
        }

        // Choosing another sweep point changes the summary and the monthly charts, and says which point is shown.
        string before = await page.EvaluateAsync<string>("JSON.stringify(document.getElementById('outcome').data.find(t => t.name === 'inside-out' && t.showlegend !== false).y)");
        string other = await page.EvaluateAsync<string>("Array.from(document.querySelectorAll('#point option')).find(o => !o.selected).value");
        await page.SelectOptionAsync("#point", other);
        Assert.That(await page.EvaluateAsync<string>("document.body.getAttribute('data-view')"), Is.EqualTo(other));
        Assert.That(await page.IsVisibleAsync($".view[data-view=\"{other}\"] .summary"), Is.True);
        Assert.That(await page.EvaluateAsync<int>("document.querySelectorAll('.view:not([hidden])').length"), Is.EqualTo(1), "one view at a time");
        Assert.That(await page.EvaluateAsync<string>("JSON.stringify(document.getElementById('outcome').data.find(t => t.name === 'inside-out' && t.showlegend !== false).y)"), Is.Not.EqualTo(before), "the monthly chart shows the other point");
        Assert.That(page.Url, Does.EndWith("#point=" + other), "the point is kept in the address");
        await Close(page, errors);
    }

    [Test]
    public async Task PrintLayoutShowsEveryTableColumnAtA4WidthAndHidesInteractiveHints()
    {
        using var cli = new CliHarness();
        string report = Run(cli, "print", Scenario("print", "[traditional, inside-out, outside-in, four-cos, cost-cutting, equity-targeted]", "baseline: traditional"));
        var (page, errors) = await Open(report, A4TextWidth);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.WaitForTimeoutAsync(300); // the charts are refitted to the paper on the change to print media
        var tables = JsonSerializer.Deserialize<List<double[]>>(await page.EvaluateAsync<string>("""
            JSON.stringify(Array.from(document.querySelectorAll('.view:not([hidden]) table.headline')).map(t => {
              const wrap = t.parentElement, cells = Array.from(t.querySelectorAll('thead th'));
              return [cells.length, Math.max(...cells.map(c => c.getBoundingClientRect().right)), Math.min(...cells.map(c => c.getBoundingClientRect().left)),
                      wrap.scrollWidth, wrap.clientWidth, Math.min(...cells.map(c => c.getBoundingClientRect().width))]; }))
            """))!;
        Assert.That(tables, Has.Count.EqualTo(2), "the headline and the differences tables");
        foreach (double[] t in tables)
        {
            Assert.That(t[0], Is.EqualTo(1 + ReportBuilder.DefaultMetrics.Count), "every column is in the table");
            Assert.That(t[1], Is.LessThanOrEqualTo(A4TextWidth), "the last column ends within the page");
            Assert.That(t[2], Is.GreaterThanOrEqualTo(0));
            Assert.That(t[3], Is.LessThanOrEqualTo(t[4] + 1), "nothing hidden behind a scrollbar");
            Assert.That(t[5], Is.GreaterThan(20), "no column squeezed to nothing");
        }
        foreach (string hidden in new[] { ".hint", ".modebar" })
            Assert.That(await page.EvaluateAsync<bool>($"Array.from(document.querySelectorAll('{hidden}')).every(e => getComputedStyle(e).display === 'none' || e.offsetParent === null)"), Is.True, $"{hidden} is not printed");
        double widest = await page.EvaluateAsync<double>("Math.max(...Array.from(document.querySelectorAll('.plot .main-svg')).map(s => s.getBoundingClientRect().right))");
        Assert.That(widest, Is.LessThanOrEqualTo(A4TextWidth + 1), "every chart fits the page width");
        Assert.That(await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('figure.chart')).breakInside"), Is.EqualTo("avoid"), "a chart is not split across pages");
        await Close(page, errors);
    }

    [Test]
    public void PdfIsPrintedWithTheSystemsChromium()
    {
        string chromium = ReportBrowserTests.RequireChromium();
        using var cli = new CliHarness();
        string report = Run(cli, "pdf", Scenario("pdf", "[traditional, four-cos]"));
        string? before = Environment.GetEnvironmentVariable("CHROMIUM");
        try
        {
            Environment.SetEnvironmentVariable("CHROMIUM", chromium);
            var (code, output, error) = cli.Invoke("report", Path.GetDirectoryName(report)!, "--pdf");
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Contain("report.pdf"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CHROMIUM", before);
        }
        string pdf = Path.ChangeExtension(report, ".pdf");
        byte[] head = File.ReadAllBytes(pdf).Take(5).ToArray();
        Assert.That(System.Text.Encoding.ASCII.GetString(head), Is.EqualTo("%PDF-"));
        Assert.That(new FileInfo(pdf).Length, Is.GreaterThan(50_000), "pages with charts, not an empty document");
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(report)!, "*.tmp"), Is.Empty, "no temporary file left");
    }
}
