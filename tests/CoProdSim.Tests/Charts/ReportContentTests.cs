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
        Assert.That(charts.Keys, Is.SupersetOf(new[] { "outcome", "cost-effectiveness", "public-cost", "citizen-hours", "citizen-value", "participation-mode", "participation-quintile", "burnout", "trust", "outcome-gap", "gini", "outcome-quintile" }));
        Assert.That(charts["outcome"], Is.EqualTo(4), "2 strategies: a line and a band each");
        Assert.That(charts["participation-mode"], Is.EqualTo(2), "a bar series per strategy");
        Assert.That(html, Does.Contain("A small test scenario."), "the scenario's question");
        Assert.That(html, Does.Contain("root seed 99").And.Contain("SHA-256 "), "the citation");
        Assert.That(html, Does.Contain("How do outcomes develop under each strategy?"));
        // One look per strategy in every chart: every line of "traditional" is the preset's blue, solid, with circles.
        int traditional = Regex.Matches(html, "\"name\":\"traditional\",\"x\":\\[[^\\]]*\\],\"y\":\\[[^\\]]*\\],\"legendgroup\":\"traditional\",\"mode\":\"lines[^\"]*markers\",\"line\":\\{\"color\":\"#0072B2\",\"dash\":\"solid\"").Count;
        Assert.That(traditional, Is.EqualTo(ReportCharts.TimeCharts.Count), "traditional's line is blue and solid in every monthly chart");
        Look invite = StrategyStyle.Of("invite");
        Assert.That(Regex.Matches(html, $"\"name\":\"invite\",[^{{}}]*\"mode\":\"lines[^\"]*markers\",\"line\":\\{{\"color\":\"{invite.Hex}\",\"dash\":\"{Regex.Escape(invite.Dash)}\"").Count,
            Is.EqualTo(ReportCharts.TimeCharts.Count), "a name that is not a preset keeps the look its name gives it");
        Assert.That(html, Does.Not.Contain("<script src="), "plotly.js is inline");
        Assert.That(new FileInfo(Path.Combine(dir, ReportBuilder.FileName)).Length, Is.InRange(3_000_000, 6_000_000), "plotly.js inline: about 3.6 MB of it");
    }

    [Test]
    public void OneParameterSweepGetsLinesOverTheParameter()
    {
        using var cli = new CliHarness();
        string dir = RunWithReport(cli, "sweep:\n  parameters:\n    strategy.invitation_rate: {min: 0.1, max: 0.5, steps: 3}\n");
        string html = File.ReadAllText(Path.Combine(dir, ReportBuilder.FileName));
        var charts = Charts(html);
        foreach (string metric in new[] { "outcome-index", "public-cost", "outcome-gap", "trust-mean", "carer-burnout-rate", "need-met" })
            Assert.That(charts["sweep-" + metric], Is.EqualTo(4), $"{metric}: a line and a band per strategy over the swept values");
        Assert.That(charts.Keys.Any(k => k.StartsWith("sweep-heatmap", StringComparison.Ordinal)), Is.False);
        // Axis labels in words, from the parameter table, not the raw path.
        Assert.That(html, Does.Contain("\"text\":\"Invitation rate (probability/month)\""));
        // The control offers each of the three points; the first view is the point nearest the scenario's own value (0.3, set for invite; traditional's 0 differs, so the table's default 0 is used: 0.1 is nearest).
        Assert.That(Regex.Matches(html, "<option value=\"\\d\"").Count, Is.EqualTo(3));
        Assert.That(html, Does.Contain("<option value=\"0\" selected>invitation rate = 0.1 (the scenario's own values)</option>"));
    }

    [Test]
    public void TwoParameterGridGetsAHeatmapPerStrategy()
    {
        using var cli = new CliHarness();
        string dir = RunWithReport(cli, "sweep:\n  parameters:\n    strategy.invitation_rate: {values: [0.1, 0.4]}\n    strategy.recognition: {values: [0, 1]}\n");
        string html = File.ReadAllText(Path.Combine(dir, ReportBuilder.FileName));
        var charts = Charts(html);
        foreach (string metric in new[] { "outcome-index", "public-cost", "outcome-gap", "trust-mean", "carer-burnout-rate", "need-met" })
        {
            Assert.That(charts["sweep-heatmap-" + metric], Is.EqualTo(2), $"{metric}: a panel per strategy");
            Assert.That(charts["sweep-difference-" + metric], Is.EqualTo(1), $"{metric}: invite minus traditional");
        }
        Assert.That(html, Does.Contain("Cells marked &quot;noise&quot; have a 95% interval that includes 0"));
    }

    [Test]
    public void BudgetSweepDrawsOutcomeAgainstCostAcrossBudgetLevels()
    {
        using var cli = new CliHarness();
        string dir = RunWithReport(cli, "sweep:\n  parameters:\n    strategy.budget_change: {values: [-0.2, 0, 0.2]}\n");
        string html = File.ReadAllText(Path.Combine(dir, ReportBuilder.FileName));
        Assert.That(html, Does.Contain("One cross per level of budget change (strategy.budget_change)"));
        Assert.That(Charts(html)["sweep-cost-outcome"], Is.EqualTo(2), "a curve per strategy");
        // The point shown first is that of no change to the budget (the parameter's default), not the first of the sweep.
        Assert.That(html, Does.Contain("<option value=\"1\" selected>budget change = 0% (the scenario's own values)</option>"));
        Assert.That(Regex.Match(html, "<div class=\"view\" data-view=\"(\\d)\">").Groups[1].Value, Is.EqualTo("1"), "the view of that point is the one not hidden");
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
