using System.Globalization;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Experiments.Sensitivity;

namespace CoProdSim.Tests.Experiments;

/// <summary><c>outputs.derived</c>: metrics defined in the scenario from the catalogue's, evaluated every month of every run.</summary>
public class DerivedMetricTests
{
    private const string Derived = """
          derived:
            public_cost_per_outcome: "public_cost / outcome_index"
            cost_per_qaly: discounted_cost / discounted_qalys
            twice_cost_per_qaly: cost_per_qaly * 2
        """;

    private static double Number(string field) => field == "NA" ? double.NaN : double.Parse(field, CultureInfo.InvariantCulture);

    [Test]
    public void DerivedColumnsFollowTheCatalogueAndMatchHandComputedValues()
    {
        using var cli = new CliHarness();
        string file = cli.Write("d.yaml", CliHarness.Small.Replace("  report: false", "  report: false\n" + Derived));
        string dir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        string[] lines = File.ReadAllLines(Path.Combine(dir, "timeseries.csv"));
        string[] header = lines[0].Split(',');
        Assert.That(header[^3..], Is.EqualTo(new[] { "public_cost_per_outcome", "cost_per_qaly", "twice_cost_per_qaly" }), "after the catalogue's metrics");
        Assert.That(header[^4], Is.EqualTo("professional_openness"));
        int cost = Array.IndexOf(header, "public_cost"), outcome = Array.IndexOf(header, "outcome_index");
        int dc = Array.IndexOf(header, "discounted_cost"), dq = Array.IndexOf(header, "discounted_qalys");
        int checkedRows = 0;
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            Assert.That(Number(f[^3]), Is.EqualTo(Number(f[cost]) / Number(f[outcome])).Within(1e-12).Percent);
            double q = Number(f[dq]);
            if (q == 0)
            {
                // Tick 0: nothing discounted yet, 0 / 0.
                Assert.That(f[^2], Is.EqualTo("NA"), "division by zero is missing");
                Assert.That(f[^1], Is.EqualTo("NA"), "a missing input gives a missing result");
            }
            else
            {
                Assert.That(Number(f[^2]), Is.EqualTo(Number(f[dc]) / q).Within(1e-12).Percent);
                Assert.That(Number(f[^1]), Is.EqualTo(2 * Number(f[^2])).Within(1e-12).Percent);
            }
            checkedRows++;
        }
        Assert.That(checkedRows, Is.EqualTo(2 * 3 * 13));
        string[] summary = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        Assert.That(summary.Count(l => l.Contains(",cost_per_qaly,", StringComparison.Ordinal)), Is.EqualTo(2), "one summary row per strategy");
        Assert.That(RunManifest.Read(Path.Combine(dir, "manifest.json")).Derived!.Select(d => d.Name), Is.EqualTo(new[] { "public_cost_per_outcome", "cost_per_qaly", "twice_cost_per_qaly" }));
    }

    [Test]
    public void DerivedMetricsRoundTripThroughTheSensitivityAnalysis()
    {
        const string yaml = "name: sens\nseed: 5\nreplications: 1\nhorizon: 4\npopulation: {citizens: 200, neighbourhoods: 4}\nstrategies: [four-cos]\n"
            + "outputs:\n  report: false\n  metrics: [outcome_index, cost_per_outcome]\n  derived: {cost_per_outcome: public_cost / outcome_index}\n"
            + "sweep:\n  method: sobol\n  samples: 4\n  parameters:\n    behaviour.trust_gain: {min: 0.05, max: 0.2}\n    domains.health_care.sigma: {min: 0.3, max: 0.9}\n";
        using var cli = new CliHarness();
        string file = cli.Write("s.yaml", yaml), dir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        string path = Path.Combine(dir, SensitivityTable.FileName);
        string first = File.ReadAllText(path);
        Assert.That(SensitivityTable.Read(path).Select(r => r.Metric).Distinct(), Is.EqualTo(new[] { "outcome_index", "cost_per_outcome" }), "outputs.metrics are analysed by default");
        File.Delete(path);
        (code, _, error) = cli.Invoke("analyse", dir);
        Assert.That(code, Is.Zero, error);
        Assert.That(File.ReadAllText(path), Is.EqualTo(first), "analyse reads the derived column back from timeseries.csv");
    }

    [Test]
    public void EvaluationGivesMissingForNonFiniteValues()
    {
        DerivedMetrics d = DerivedMetrics.Compile(["a", "b"], [new("ratio", "a / b"), new("logged", "Math.Log(a)"), new("half", "ratio / 2")]);
        var result = new double[3];
        d.Evaluate([3, 4], result);
        Assert.That(result, Is.EqualTo(new[] { 0.75, Math.Log(3), 0.375 }));
        d.Evaluate([0, 0], result);
        Assert.That(result.All(double.IsNaN), Is.True, "0/0 and log 0 are missing, and so is what uses them");
        d.Evaluate([double.NaN, 1], result);
        Assert.That(double.IsNaN(result[0]), Is.True, "a missing input is missing");
    }

    private static IEnumerable<TestCaseData> BadCases()
    {
        TestCaseData Case(string derived, int line, int column, string message, string description) =>
            new TestCaseData(derived, line, column, message).SetName($"{{m}}({description})");
        // The derived section starts on line 4; each case's first entry is on line 5.
        yield return Case("    ratio: public_cost / \n", 5, 25, "outputs.derived.ratio: cannot read the expression", "syntax error");
        yield return Case("    ratio: public_cots / outcome_index\n", 5, 12, "unknown metric 'public_cots'; did you mean 'public_cost'?", "unknown metric");
        yield return Case("    ratio: \"outcome_index / publik_cost\"\n", 5, 29, "unknown metric 'publik_cost'; did you mean 'public_cost'?", "unknown metric, quoted, column inside");
        yield return Case("    a: b * 2\n    b: outcome_index\n", 5, 8, "'b' is a derived metric defined later", "later derived metric");
        yield return Case("    public_cost: outcome_index * 2\n", 5, 5, "'public_cost' is already a metric of the catalogue", "clash with the catalogue");
        yield return Case("    Cost-Per: outcome_index\n", 5, 5, "'Cost-Per' is not a metric name; allowed: lower-case letters, digits and underscores", "not snake_case");
        yield return Case("    ratio: [outcome_index]\n", 5, 12, "expected an expression in one line, found a list", "not an expression");
        yield return Case("    ratio: '\"text\"'\n", 5, 13, "cannot read the expression", "not a number");
        yield return Case("    ratio: outcome_index = 2\n", 5, 26, "cannot read the expression", "assignment");
        yield return Case("    ratio: \"\"\n", 5, 13, "the expression is empty", "empty");
        yield return Case("    - outcome_index\n", 5, 5, "outputs.derived maps each new metric's name to an expression", "not a mapping");
    }

    [TestCaseSource(nameof(BadCases))]
    public void BadDerivedMetricIsReportedAtItsPlace(string derived, int line, int column, string message)
    {
        string yaml = "name: bad\nstrategies: [traditional]\noutputs:\n  derived:\n" + derived;
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "bad.yaml"))!;
        ScenarioError e = ex.Errors.First(x => x.Message.Contains(message, StringComparison.Ordinal));
        Assert.That((e.Line, e.Column), Is.EqualTo((line, column)), e.Message);
    }

    [Test]
    public void OutputAndSweepMetricsMayNameDerivedMetricsButNotUnknownOnes()
    {
        const string head = "name: m\nstrategies: [traditional]\noutputs:\n  derived: {cost_per_outcome: public_cost / outcome_index}\n";
        Scenario s = ScenarioLoader.Parse(head + "  metrics: [cost_per_outcome]\nsweep:\n  method: morris\n  metrics: [cost_per_outcome, outcome_index]\n  parameters:\n    behaviour.trust: {min: 0, max: 1}\n", "m.yaml");
        Assert.That(s.Outputs.Metrics, Is.EqualTo(new[] { "cost_per_outcome" }));
        Assert.That(s.Sweep!.Options.Metrics, Is.EqualTo(new[] { "cost_per_outcome", "outcome_index" }));
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(head + "  metrics: [cost_per_outcom]\n", "m.yaml"))!;
        Assert.That(ex.Errors[0].Message, Does.Contain("did you mean 'cost_per_outcome'?"));
        Assert.That((ex.Errors[0].Line, ex.Errors[0].Column), Is.EqualTo((5, 13)));
    }
}
