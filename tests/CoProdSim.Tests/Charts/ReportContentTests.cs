using System.Text.RegularExpressions;
using CoProdSim.Charts;
using CoProdSim.Experiments.Output;
using CoProdSim.Tests.Experiments;

namespace CoProdSim.Tests.Charts;

/// <summary>What the report contains, checked in its HTML (the browser test checks that it draws).</summary>
public partial class ReportContentTests
{
    private static string RunWithReport(CliHarness cli, string extra, params string[] sets)
    {
        string yaml = CliHarness.Small.Replace("report: false", "report: true", StringComparison.Ordinal) + "\n" + extra;
        string file = cli.Write("s.yaml", yaml);
        string dir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, dir, sets);
        Assert.That(code, Is.Zero, error);
        return dir;
    }

    private static Dictionary<string, int> Charts(string html) =>
        ChartDiv().Matches(html).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

    [Test]
    public void ReportHasEveryChartTheQuestionAndTheCitation()
    {
        using var cli = new CliHarness();
        string dir = RunWithReport(cli, "");
        string html = File.ReadAllText(Path.Combine(dir, ReportBuilder.FileName));
        var charts = Charts(html);
        Assert.That(charts.Keys, Is.SupersetOf(new[] { "outcome", "efficiency", "public-cost", "citizen-hours", "citizen-value", "participation-mode", "participation-quintile", "burnout", "trust", "outcome-gap", "gini", "outcome-quintile" }));
        Assert.That(charts["outcome"], Is.EqualTo(4), "2 strategies: a line and a band each");
        Assert.That(charts["participation-mode"], Is.EqualTo(2), "a bar series per strategy");
        Assert.That(html, Does.Contain("A small test scenario."), "the scenario's question");
        Assert.That(html, Does.Contain("root seed 99").And.Contain("SHA-256 "), "the citation");
        Assert.That(html, Does.Contain("How do outcomes develop under each strategy?"));
        // One colour per strategy in every chart: the same strategy's line keeps its colour.
        int sameColour = Regex.Matches(html, "\"name\":\"invite\",\"mode\":\"lines\",\"x\":\\[[^\\]]*\\],\"y\":\\[[^\\]]*\\],\"marker\":\\{\\},\"line\":\\{\"color\":\"rgba\\(213, 94, 0, 1.0\\)\"").Count;
        Assert.That(sameColour, Is.GreaterThanOrEqualTo(8), "the second strategy's line is vermilion in every time chart");
        Assert.That(html, Does.Not.Contain("<script src="), "plotly.js is inline");
        Assert.That(new FileInfo(Path.Combine(dir, ReportBuilder.FileName)).Length, Is.InRange(3_000_000, 6_000_000), "plotly.js inline: about 3.6 MB of it");
    }

    [Test]
    public void OneParameterSweepGetsLinesOverTheParameter()
    {
        using var cli = new CliHarness();
        string dir = RunWithReport(cli, "sweep:\n  parameters:\n    strategy.invitation_rate: {min: 0.1, max: 0.5, steps: 3}\n");
        var charts = Charts(File.ReadAllText(Path.Combine(dir, ReportBuilder.FileName)));
        Assert.That(charts["sweep-0"], Is.EqualTo(4), "a line and a band per strategy over the swept values");
        Assert.That(charts.Keys.Any(k => k.StartsWith("sweep-heatmap", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public void TwoParameterGridGetsAHeatmapPerStrategy()
    {
        using var cli = new CliHarness();
        string dir = RunWithReport(cli, "sweep:\n  parameters:\n    strategy.invitation_rate: {values: [0.1, 0.4]}\n    strategy.recognition: {values: [0, 1]}\n");
        var charts = Charts(File.ReadAllText(Path.Combine(dir, ReportBuilder.FileName)));
        Assert.That(charts["sweep-heatmap-0"], Is.EqualTo(1));
        Assert.That(charts["sweep-heatmap-1"], Is.EqualTo(1));
    }

    [Test]
    public void BudgetSweepDrawsOutcomeAgainstCostAcrossBudgetLevels()
    {
        using var cli = new CliHarness();
        string dir = RunWithReport(cli, "sweep:\n  parameters:\n    strategy.budget_change: {values: [-0.2, 0, 0.2]}\n");
        string html = File.ReadAllText(Path.Combine(dir, ReportBuilder.FileName));
        Assert.That(html, Does.Contain("One point per budget level of the sweep (strategy.budget_change)"));
        Assert.That(Charts(html)["efficiency"], Is.EqualTo(2), "a curve per strategy");
    }

    [Test]
    public void ReportCommandRebuildsTheReportFromTheFiles()
    {
        using var cli = new CliHarness();
        string dir = RunWithReport(cli, "");
        string report = Path.Combine(dir, ReportBuilder.FileName);
        File.Delete(report);
        var (code, output, error) = cli.Invoke("report", dir);
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("report.html"));
        Assert.That(File.Exists(report), Is.True);
        var (missing, _, missingError) = cli.Invoke("report", Path.Combine(cli.Folder, "nowhere"));
        Assert.That(missing, Is.EqualTo(2));
        Assert.That(missingError, Does.Contain("manifest.json"));
    }

    [GeneratedRegex("<div id=\"([a-z0-9-]+)\" class=\"plot\" data-expected-traces=\"(\\d+)\"")]
    private static partial Regex ChartDiv();
}
