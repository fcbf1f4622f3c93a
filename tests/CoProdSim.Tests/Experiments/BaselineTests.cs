using System.Globalization;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Running;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Tests.Experiments;

/// <summary>A named baseline: paired differences, and baseline runs simulated once where the sweep cannot change them.</summary>
public class BaselineTests
{
    private const string Head = "name: base\nseed: 8\nreplications: 3\nhorizon: 5\npopulation: {citizens: 300, neighbourhoods: 4}\noutputs: {report: false}\n"
        + "strategies:\n  - traditional\n  - name: invite\n    preset: inside-out\n";

    private const string SweepOther = "sweep:\n  parameters:\n    strategies.invite.invitation_rate: {values: [0.1, 0.3]}\n";

    private const string SweepAll = "sweep:\n  parameters:\n    strategy.recognition: {values: [0, 1]}\n";

    [Test]
    public void DifferencesArePairedByReplicationAtTheFinalMonth()
    {
        using var cli = new CliHarness();
        string file = cli.Write("b.yaml", Head + "baseline: traditional\n" + SweepOther), dir = Path.Combine(cli.Folder, "out");
        var (code, output, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("difference from traditional"));
        string[] lines = File.ReadAllLines(Path.Combine(dir, ResultFiles.DifferencesFile));
        Assert.That(lines[0], Is.EqualTo("strategy,strategies.invite.invitation_rate,metric,baseline,mean_difference,sd,ci95_low,ci95_high,n"));
        // Recompute one difference from timeseries.csv: outcome_index of invite minus traditional, replication by replication.
        string[] header = File.ReadLines(Path.Combine(dir, "timeseries.csv")).First().Split(',');
        int metric = Array.IndexOf(header, "outcome_index");
        var finals = File.ReadLines(Path.Combine(dir, "timeseries.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[3] == "5" && f[4] == "0.3").ToDictionary(f => (f[0], f[1]), f => double.Parse(f[metric], CultureInfo.InvariantCulture));
        double[] d = Enumerable.Range(0, 3).Select(r => finals[("invite", $"{r}")] - finals[("traditional", $"{r}")]).ToArray();
        string row = lines.Single(l => l.StartsWith("invite,0.3,outcome_index,traditional,", StringComparison.Ordinal));
        string[] f = row.Split(',');
        Assert.That(double.Parse(f[4], CultureInfo.InvariantCulture), Is.EqualTo(d.Average()).Within(1e-12));
        Assert.That(f[8], Is.EqualTo("3"));
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[0]).Distinct(), Is.EqualTo(new[] { "invite" }), "no row for the baseline itself");
    }

    [Test]
    public void TheReportShowsEachStrategysDifferenceFromTheBaselineWithItsInterval()
    {
        using var cli = new CliHarness();
        string file = cli.Write("b.yaml", Head.Replace("outputs: {report: false}\n", "", StringComparison.Ordinal) + "baseline: traditional\n"), dir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.That(html, Does.Contain("Differences from the baseline, traditional"));
        // The invite row's outcome difference is the one in differences.csv, to the report's one decimal.
        string row = File.ReadLines(Path.Combine(dir, ResultFiles.DifferencesFile)).Single(l => l.StartsWith("invite,outcome_index,", StringComparison.Ordinal));
        double mean = double.Parse(row.Split(',')[3], CultureInfo.InvariantCulture);
        string differences = html[html.IndexOf("Differences from the baseline", StringComparison.Ordinal)..];
        Assert.That(differences, Does.Contain((mean > 0 ? "+" : "") + mean.ToString("F1", CultureInfo.InvariantCulture)));
        Assert.That(differences[..differences.IndexOf("</table>", StringComparison.Ordinal)], Does.Not.Contain(">traditional<"), "no row for the baseline itself");
    }

    [Test]
    public void BaselineRunsOnceWhenTheSweepCannotChangeItAndTheOutputsAreTheSame()
    {
        Scenario other = ScenarioLoader.Parse(Head + "baseline: traditional\n" + SweepOther, "b.yaml");
        Assert.That(Experiment.BaselineCopies(other), Has.Count.EqualTo(3), "3 replications at the second point are copies");
        Scenario all = ScenarioLoader.Parse(Head + "baseline: traditional\n" + SweepAll, "b.yaml");
        Assert.That(Experiment.BaselineCopies(all), Is.Empty, "a sweep of every strategy's lever changes the baseline");
        Scenario own = ScenarioLoader.Parse(Head + "baseline: invite\n" + SweepOther, "b.yaml");
        Assert.That(Experiment.BaselineCopies(own), Is.Empty, "a sweep of the baseline's own lever changes it");

        using var cli = new CliHarness();
        string with = cli.Write("with.yaml", Head + "baseline: traditional\n" + SweepOther), without = cli.Write("without.yaml", Head + SweepOther);
        string a = Path.Combine(cli.Folder, "a"), b = Path.Combine(cli.Folder, "b");
        Assert.That(cli.Run(with, a).Code, Is.Zero);
        Assert.That(cli.Run(without, b).Code, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(a, "timeseries.csv")), Is.EqualTo(File.ReadAllText(Path.Combine(b, "timeseries.csv"))), "copied runs are what simulating them gives");
        Assert.That(File.ReadAllText(Path.Combine(a, "summary.csv")), Is.EqualTo(File.ReadAllText(Path.Combine(b, "summary.csv"))));
        Assert.That(File.Exists(Path.Combine(b, ResultFiles.DifferencesFile)), Is.False);
    }

    [Test]
    public void UnknownBaselineIsRefused()
    {
        using var cli = new CliHarness();
        string file = cli.Write("bad.yaml", Head + "baseline: tradition\n");
        var (code, _, error) = cli.Run(file, Path.Combine(cli.Folder, "out"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("bad.yaml:11:11: error: baseline 'tradition' is not one of the strategies; did you mean 'traditional'?"));
    }

    [Test]
    public void SeedsAreExactForReadersThatParseDoublesAndAlsoInHex()
    {
        // A reader that parses numbers as doubles (R's read.csv, arrow) loses digits above 2^53, so replication seeds
        // are kept below it; the manifest also gives them in hexadecimal.
        using var cli = new CliHarness();
        string file = cli.Write("s.yaml", CliHarness.Small), dir = Path.Combine(cli.Folder, "out");
        Assert.That(cli.Run(file, dir).Code, Is.Zero);
        RunManifest manifest = RunManifest.Read(Path.Combine(dir, "manifest.json"));
        var seeds = File.ReadLines(Path.Combine(dir, "timeseries.csv")).Skip(1).Select(l => l.Split(',')[2]).Distinct().ToList();
        Assert.That(seeds, Is.EqualTo(manifest.RunSeeds.Select(r => r.Seed.ToString(CultureInfo.InvariantCulture)).Distinct()));
        Assert.That(manifest.RunSeeds.All(r => r.Seed <= RunPlan.MaxExactSeed), Is.True, "every seed is exact as a double");
        Assert.That(manifest.RunSeeds.All(r => (ulong)(double)r.Seed == r.Seed), Is.True);
        Assert.That(manifest.RunSeeds.Select(r => r.SeedHex), Is.EqualTo(manifest.RunSeeds.Select(r => r.Seed.ToString("x16", CultureInfo.InvariantCulture))));
        string json = File.ReadAllText(Path.Combine(dir, "manifest.json"));
        Assert.That(json, Does.Contain($"\"seed_hex\": \"{manifest.RunSeeds[0].Seed:x16}\""));
    }
}
