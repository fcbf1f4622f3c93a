using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Tests.Experiments;

/// <summary><c>outputs.metrics</c>: the columns of the terminal table and the report's headline, and the default metrics of the sensitivity analysis.</summary>
public class OutputMetricsTests
{
    private const string Head = "name: m\nstrategies: [traditional]\n";

    [Test]
    public void DefaultsAreTodaysColumnsAndTheAnalysisDefaults()
    {
        Scenario s = ScenarioLoader.Parse(Head + "sweep:\n  method: sobol\n  samples: 4\n  parameters:\n    behaviour.trust: {min: 0, max: 1}\n", "m.yaml");
        Assert.That(s.Outputs.Metrics, Is.Null);
        Assert.That(s.Sweep!.Options.Metrics, Is.EqualTo(DesignOptions.DefaultMetrics));
    }

    [Test]
    public void OutputMetricsAreTheAnalysisDefaultUnlessTheSweepNamesItsOwn()
    {
        const string sweep = "sweep:\n  method: sobol\n  samples: 4\n  parameters:\n    behaviour.trust: {min: 0, max: 1}\n";
        Scenario s = ScenarioLoader.Parse(Head + "outputs:\n  metrics: [qalys, need_met]\n" + sweep, "m.yaml");
        Assert.That(s.Outputs.Metrics, Is.EqualTo(new[] { "qalys", "need_met" }));
        Assert.That(s.Sweep!.Options.Metrics, Is.EqualTo(new[] { "qalys", "need_met" }));
        Scenario own = ScenarioLoader.Parse(Head + "outputs:\n  metrics: [qalys, need_met]\n" + sweep + "  metrics: [trust_mean]\n", "m.yaml");
        Assert.That(own.Sweep!.Options.Metrics, Is.EqualTo(new[] { "trust_mean" }));
    }

    [Test]
    public void TheTableAndTheReportShowTheListedMetrics()
    {
        using var cli = new CliHarness();
        string file = cli.Write("s.yaml", CliHarness.Small.Replace("  report: false", "  report: true\n  metrics: [qalys, outcome_index, waiting_hours]"));
        string outDir = Path.Combine(cli.Folder, "out");
        var (code, stdout, error) = cli.Run(file, outDir);
        Assert.That(code, Is.EqualTo(0), error);
        string header = stdout.Split('\n').First(l => l.Contains("strategy", StringComparison.Ordinal));
        Assert.That(header, Does.Contain("qalys").And.Contain("outcome 0-100").And.Contain("waiting_hours"));
        Assert.That(header, Does.Not.Contain("trust"));
        Assert.That(RunManifest.Read(Path.Combine(outDir, "manifest.json")).HeadlineMetrics, Is.EqualTo(new[] { "qalys", "outcome_index", "waiting_hours" }));
        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        string table = html[html.IndexOf("<table class=\"headline\">", StringComparison.Ordinal)..html.IndexOf("</thead>", StringComparison.Ordinal)];
        // Titles and units from the metric catalogue; the metric's name on hover.
        Assert.That(table, Does.Contain("<th title=\"qalys\">QALYs (QALYs/month)</th>").And.Contain("<th title=\"outcome_index\">Outcome (well-being) (0-100)</th>").And.Contain("<th title=\"waiting_hours\">Unmet demand (hours/month)</th>"));
        Assert.That(table, Does.Not.Contain("Trust"));
    }
}
