using System.Globalization;
using System.Text.RegularExpressions;
using CoProdSim.Charts;
using CoProdSim.Experiments.Output;
using CoProdSim.Model.Metrics;
using CoProdSim.Tests.Experiments;

namespace CoProdSim.Tests.Charts;

/// <summary>The report's summary, looks, scales and commands, checked against the numbers of the run's own files.</summary>
public partial class ReportSummaryTests
{
    /// <summary>Three presets and a named baseline, small and fast.</summary>
    private const string Three = """
        name: three
        description: Which of three strategies does best?
        seed: 11
        replications: 4
        horizon: 12
        population: {citizens: 800, neighbourhoods: 8}
        strategies: [traditional, four-cos, cost-cutting]
        baseline: traditional
        """;

    private static string Run(CliHarness cli, string yaml, string name = "out")
    {
        string dir = Path.Combine(cli.Folder, name);
        var (code, _, error) = cli.Run(cli.Write(name + ".yaml", yaml), dir);
        Assert.That(code, Is.Zero, error);
        return dir;
    }

    /// <summary>summary.csv's mean of <paramref name="metric"/> per strategy.</summary>
    private static Dictionary<string, double> Means(string dir, string metric) =>
        File.ReadLines(Path.Combine(dir, ResultFiles.SummaryFile)).Skip(1).Select(l => l.Split(','))
            .Where(f => f[1] == metric).ToDictionary(f => f[0], f => double.Parse(f[2], CultureInfo.InvariantCulture));

    [Test]
    public void SummaryNamesTheBestStrategyOfEachMeasureAsSummaryCsvRanksThem()
    {
        using var cli = new CliHarness();
        string dir = Run(cli, Three);
        string html = File.ReadAllText(Path.Combine(dir, ReportBuilder.FileName));
        foreach (var (aspect, metric) in ReportSummary.Measures)
        {
            var means = Means(dir, metric);
            string best = MetricCatalog.Read(metric).Better == Better.Lower ? means.MinBy(kv => kv.Value).Key : means.MaxBy(kv => kv.Value).Key;
            Match li = Regex.Match(html, $"<li data-aspect=\"{aspect.ToLowerInvariant()}\" data-metric=\"{metric}\"><b>{aspect}:</b> <b class=\"best\">([a-z-]+)</b>");
            Assert.That(li.Success, Is.True, $"a finding for {aspect}");
            Assert.That(li.Groups[1].Value, Is.EqualTo(best), $"{aspect}: the best by summary.csv's means");
        }
        // What one unit means, and the glossary, come from the metric catalogue.
        Assert.That(html, Does.Contain(System.Net.WebUtility.HtmlEncode(MetricCatalog.Read(MetricCatalog.OutcomeIndex).OneUnit)));
        Assert.That(html, Does.Contain("<dt>Shadow wage</dt>").And.Contain("<dt>Gini coefficient</dt>").And.Contain("<dt>Within noise</dt>"));
    }

    [Test]
    public void EfficiencyCaveatAppearsWhenTheMostEfficientStrategyBuysLessOutcome()
    {
        using var cli = new CliHarness();
        string dir = Run(cli, Three);
        ResultSet rs = ResultSet.Load(dir, m => new ResultSetOptions(PairedMetrics: [MetricCatalog.OutcomeIndex]));
        string mostEfficient = rs.Strategies.MaxBy(s => rs.Final(s, MetricCatalog.EfficiencyPublic).Mean)!;
        string bestOutcome = rs.Strategies.MaxBy(s => rs.Final(s, MetricCatalog.OutcomeIndex).Mean)!;
        Assert.That(mostEfficient, Is.EqualTo("cost-cutting"), "precondition: cutting the budget raises outcome per pound");
        Assert.That(rs.Paired(mostEfficient, bestOutcome, MetricCatalog.OutcomeIndex).High, Is.LessThan(0), "precondition: and buys clearly less outcome");
        string html = File.ReadAllText(Path.Combine(dir, ReportBuilder.FileName));
        Assert.That(html, Does.Match("<li data-caveat=\"efficiency_public\"><b>cost-cutting</b> gets the most outcome per pound, public .* but because it spends less, not because it achieves more"));
    }

    [Test]
    public void PairedDifferencesAreThoseOfDifferencesCsv()
    {
        using var cli = new CliHarness();
        string dir = Run(cli, Three + "\nsweep:\n  parameters:\n    strategy.recognition: {values: [0, 1]}\n");
        ResultSet rs = ResultSet.Load(dir, m => new ResultSetOptions(PairedMetrics: [MetricCatalog.OutcomeIndex, MetricCatalog.PublicCost]));
        var rows = ResultFiles.ReadDifferences(Path.Combine(dir, ResultFiles.DifferencesFile), rs.SweepPaths);
        int compared = 0;
        foreach (SummaryRow row in rows.Where(r => r.Metric is MetricCatalog.OutcomeIndex or MetricCatalog.PublicCost))
        {
            int point = rs.Points.ToList().FindIndex(p => p.SequenceEqual(row.SweepValues));
            var e = rs.Paired(row.Strategy, "traditional", row.Metric, point);
            Assert.That((e.Mean, e.Low, e.High, e.N), Is.EqualTo((row.Estimate.Mean, row.Estimate.Low, row.Estimate.High, row.Estimate.N)).Within(1e-9), $"{row.Strategy} {row.Metric} at point {point}");
            compared++;
        }
        Assert.That(compared, Is.EqualTo(2 * 2 * 2), "two strategies, two points, two metrics");
    }

    [Test]
    public void PresetsKeepTheirLookAndOtherNamesGetAStableDistinctOne()
    {
        Assert.That(StrategyStyle.Of("cost-cutting"), Is.EqualTo(StrategyStyle.Presets["cost-cutting"]));
        var one = StrategyStyle.For(["cost-cutting", "traditional"]);
        var other = StrategyStyle.For(["four-cos", "traditional", "my-plan", "cost-cutting", "another-plan"]);
        Assert.That(one["cost-cutting"], Is.EqualTo(other["cost-cutting"]), "the same look whatever the list");
        Assert.That(one["traditional"], Is.EqualTo(other["traditional"]));
        Assert.That(StrategyStyle.For(["my-plan"])["my-plan"], Is.EqualTo(StrategyStyle.Of("my-plan")), "a name's own look, from the name");
        Assert.That(other.Values.Select(l => l.Hex).Distinct().Count(), Is.EqualTo(5), "no two strategies of a report share a colour");
        // No dash next to a long dash among the presets: they would merge in greyscale.
        Assert.That(StrategyStyle.Presets.Values.Select(l => l.Dash), Is.Unique.And.Not.Contain("longdash"));
        Assert.That(StrategyStyle.Presets.Values.Select(l => l.Symbol), Is.Unique);
        // Many names: colours stay distinct until the palette runs out.
        var many = StrategyStyle.For(Enumerable.Range(0, 8).Select(i => $"plan-{i}"));
        Assert.That(many.Values.Select(l => l.Hex).Distinct().Count(), Is.EqualTo(8));
    }

    [TestCase("%", 600_000.0, 600_000.0, 5, Description = "a constant percentage: a 5-point span, not a magnified flat line")]
    [TestCase("£ a month", 599_999.0, 600_001.0, 60_000, Description = "a constant cost: at least 10% of the value")]
    [TestCase("0-1", 0.6, 0.62, 0.05, Description = "a 0-1 measure: at least 0.05")]
    public void AnAxisNeverMagnifiesANearConstant(string unit, double lo, double hi, double minSpan)
    {
        var mv = MetricView.Of(MetricCatalog.OutcomeIndex) with { Unit = unit };
        var (a, b, _) = Scales.Range(mv, lo, hi);
        Assert.That(b - a, Is.GreaterThanOrEqualTo(minSpan));
        Assert.That(a, Is.LessThanOrEqualTo(lo).And.Not.Negative);
        Assert.That(b, Is.GreaterThanOrEqualTo(hi));
    }

    [Test]
    public void AZoomedAxisSaysSoAndOneNearZeroStartsAtZero()
    {
        var mv = MetricView.Of(MetricCatalog.OutcomeIndex);
        Assert.That(Scales.Range(mv, 63, 72).Zoomed, Is.True);
        var (lo, _, zoomed) = Scales.Range(mv, 2, 30);
        Assert.That((lo, zoomed), Is.EqualTo((0.0, false)));
    }

    [Test]
    public void TextFromTheFilesIsEscaped()
    {
        using var cli = new CliHarness();
        string dir = Run(cli, Three.Replace("description: Which of three strategies does best?", "description: \"<script>alert('x')</script> & <b>bold</b>\"", StringComparison.Ordinal));
        string html = File.ReadAllText(Path.Combine(dir, ReportBuilder.FileName));
        Assert.That(html, Does.Not.Contain("<script>alert"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"));
    }

    [Test]
    public void ReportOfTwoFoldersOverlaysTheirStrategiesLabelledByFolder()
    {
        using var cli = new CliHarness();
        string before = Run(cli, Three, "before");
        string after = Run(cli, Three.Replace("seed: 11", "seed: 12", StringComparison.Ordinal), "after");
        string outDir = Path.Combine(cli.Folder, "both");
        var (code, output, error) = cli.Invoke("report", before, after, "--out", outDir);
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("report.html"));
        string html = File.ReadAllText(Path.Combine(outDir, ReportBuilder.FileName));
        // Every strategy of each folder, labelled by the folder; the same strategy in the same colour, the folder told by the dash.
        foreach (string s in new[] { "traditional", "four-cos", "cost-cutting" })
        {
            Assert.That(html, Does.Contain($"</svg>{s} (before)</th>").And.Contain($"</svg>{s} (after)</th>"));
            Look look = StrategyStyle.Of(s);
            Assert.That(html, Does.Contain($"\"name\":\"{s} (before)\"").And.Contain($"\"color\":\"{look.Hex}\",\"dash\":\"dash\""));
        }
        Assert.That(Regex.Count(html, "data-expected-traces=\"12\""), Is.GreaterThanOrEqualTo(ReportCharts.TimeCharts.Count), "monthly charts: a line and a band for 3 strategies x 2 folders");
        Assert.That(html, Does.Contain("What changed from before to after"));
        Assert.That(html, Does.Contain("root seed 11").And.Contain("root seed 12"));

        var (missing, _, missingError) = cli.Invoke("report", before, after);
        Assert.That(missing, Is.EqualTo(2));
        Assert.That(missingError, Does.Contain("needs --out"));
        var (three, _, _) = cli.Invoke("report", before, after, before, "--out", outDir);
        Assert.That(three, Is.EqualTo(2), "at most two folders");
    }

    [Test]
    [NonParallelizable] // it changes PATH for the process
    public void PdfWithoutChromiumSaysWhatToDoAndKeepsTheHtml()
    {
        using var cli = new CliHarness();
        string dir = Run(cli, Three);
        File.Delete(Path.Combine(dir, ReportBuilder.FileName));
        string? path = Environment.GetEnvironmentVariable("PATH"), chromium = Environment.GetEnvironmentVariable("CHROMIUM");
        try
        {
            Environment.SetEnvironmentVariable("PATH", cli.Folder);
            Environment.SetEnvironmentVariable("CHROMIUM", null);
            var (code, _, error) = cli.Invoke("report", dir, "--pdf");
            Assert.That(code, Is.EqualTo(1), "the environment lacks a browser");
            Assert.That(error, Does.Contain("error: --pdf needs Chromium").And.Contain("apt-get install chromium"));
            Assert.That(File.Exists(Path.Combine(dir, ReportBuilder.FileName)), Is.True, "the HTML report is written first");
            Assert.That(File.Exists(Path.Combine(dir, "report.pdf")), Is.False);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
            Environment.SetEnvironmentVariable("CHROMIUM", chromium);
        }
    }
}
