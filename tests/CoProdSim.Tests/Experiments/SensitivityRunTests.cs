using System.Text.RegularExpressions;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Sensitivity;

namespace CoProdSim.Tests.Experiments;

/// <summary>Sensitivity sweeps end to end: run, design, file sweeps, analyse, and bad input.</summary>
public partial class SensitivityRunTests
{
    private const string Head = "name: sens\nseed: 5\nreplications: 1\nhorizon: 4\npopulation: {citizens: 200, neighbourhoods: 4}\nstrategies: [four-cos]\noutputs: {report: false}\n";

    private const string Sobol = Head + "sweep:\n  method: sobol\n  samples: 4\n  metrics: [outcome_index, participation_rate]\n  parameters:\n"
        + "    behaviour.trust_gain: {min: 0.05, max: 0.2}\n    domains.health_care.sigma: {min: 0.3, max: 0.9}\n";

    private const string Morris = Head + "sweep:\n  method: morris\n  trajectories: 3\n  candidates: 6\n  statistic: mean_last_2\n  parameters:\n"
        + "    behaviour.trust_gain: {min: 0.05, max: 0.2}\n    population.neighbourhoods: {min: 2, max: 8}\n";

    [Test]
    public void SobolRunWritesSensitivityCsvAndAnalyseRecomputesIt()
    {
        using var cli = new CliHarness();
        string file = cli.Write("sobol.yaml", Sobol), dir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        string path = Path.Combine(dir, SensitivityTable.FileName);
        string first = File.ReadAllText(path);
        IReadOnlyList<SensitivityRow> rows = SensitivityTable.Read(path);
        // 1 strategy x 2 metrics x 2 parameters x (S1, ST).
        Assert.That(rows, Has.Count.EqualTo(8));
        Assert.That(first, Does.StartWith("strategy,method,metric,statistic,parameter,index,value,ci95_low,ci95_high\nfour-cos,sobol,outcome_index,final,behaviour.trust_gain,S1,"));
        Assert.That(RunManifest.Read(Path.Combine(dir, "manifest.json")).Files, Does.Contain(SensitivityTable.FileName));
        File.Delete(path);
        (code, _, error) = cli.Invoke("analyse", dir);
        Assert.That(code, Is.Zero, error);
        Assert.That(File.ReadAllText(path), Is.EqualTo(first), "analyse of the folder gives the same file as run");
    }

    [Test]
    public void SobolRunWritesTheIndicesAtAQuarterAHalfAndAllOfTheBaseSamples()
    {
        using var cli = new CliHarness();
        string file = cli.Write("sobol.yaml", Sobol.Replace("samples: 4", "samples: 8", StringComparison.Ordinal)), dir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        string path = Path.Combine(dir, SensitivityTable.ConvergenceFileName);
        Assert.That(File.ReadLines(path).First(), Is.EqualTo("strategy,method,metric,statistic,parameter,index,value,ci95_low,ci95_high,n_base"));
        IReadOnlyList<ConvergenceRow> rows = SensitivityTable.ReadConvergence(path);
        Assert.That(rows.Select(r => r.NBase).Distinct(), Is.EqualTo(new[] { 2, 4, 8 }), "N/4, N/2 and N");
        // At N the indices are those of sensitivity.csv; at N/2 those of the first half of the design's rows.
        IReadOnlyList<SensitivityRow> full = SensitivityTable.Read(Path.Combine(dir, SensitivityTable.FileName));
        Assert.That(rows.Where(r => r.NBase == 8).Select(r => r.Row), Is.EqualTo(full.Where(r => r.Index is "S1" or "ST")));
        RunManifest m = RunManifest.Read(Path.Combine(dir, "manifest.json"));
        var layout = TimeSeriesLayout.Read(Csv.Split(File.ReadLines(Path.Combine(dir, "timeseries.csv")).First()), m.SweepPaths);
        double[,,] y = SensitivityTable.Responses(m, layout, File.ReadLines(Path.Combine(dir, "timeseries.csv")).Skip(1), ["outcome_index"], ResponseStatistic.Parse("final"), out _);
        double[] firstHalf = Enumerable.Range(0, 4 * 4).Select(p => y[p, 0, 0]).ToArray();
        SobolIndices half = SobolAnalysis.Analyse(firstHalf, 2, false, m.Seed);
        Assert.That(rows.First(r => r.NBase == 4 && r.Row.Metric == "outcome_index" && r.Row.Index == "ST" && r.Row.Parameter == "behaviour.trust_gain").Row.Estimate, Is.EqualTo(half.Total[0]));
        Assert.That(m.Files, Does.Contain(SensitivityTable.ConvergenceFileName));
        string first = File.ReadAllText(path);
        File.Delete(path);
        (code, _, error) = cli.Invoke("analyse", dir);
        Assert.That(code, Is.Zero, error);
        Assert.That(File.ReadAllText(path), Is.EqualTo(first), "analyse writes the same convergence file");
    }

    [Test]
    public void MorrisRunWritesMuStarMuSigma()
    {
        using var cli = new CliHarness();
        string file = cli.Write("morris.yaml", Morris), dir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, dir);
        Assert.That(code, Is.Zero, error);
        IReadOnlyList<SensitivityRow> rows = SensitivityTable.Read(Path.Combine(dir, SensitivityTable.FileName));
        Assert.That(rows.Select(r => r.Index).Distinct(), Is.EqualTo(new[] { "mu_star", "mu", "sigma" }));
        Assert.That(rows.Select(r => r.Statistic).Distinct(), Is.EqualTo(new[] { "mean_last_2" }));
        Assert.That(rows, Has.Count.EqualTo(6 * 3 * 2));
    }

    [TestCase("sobol")]
    [TestCase("morris")]
    public void DesignThenFileSweepGivesTheSameRuns(string method)
    {
        using var cli = new CliHarness();
        string file = cli.Write("a.yaml", method == "sobol" ? Sobol : Morris);
        string points = Path.Combine(cli.Folder, "points.csv");
        var (code, _, error) = cli.Invoke("design", file, "--out", points);
        Assert.That(code, Is.Zero, error);
        string header = File.ReadLines(points).First();
        Assert.That(header, Is.EqualTo(method == "sobol" ? "behaviour.trust_gain,domains.health_care.sigma" : "behaviour.trust_gain,population.neighbourhoods"));
        string text = File.ReadAllText(file);
        string fromFile = text[..text.IndexOf("sweep:", StringComparison.Ordinal)] + "sweep:\n  method: file\n  file: points.csv\n";
        string file2 = cli.Write("b.yaml", fromFile);
        string dirA = Path.Combine(cli.Folder, "a"), dirB = Path.Combine(cli.Folder, "b");
        Assert.That(cli.Run(file, dirA).Code, Is.Zero);
        (code, _, error) = cli.Run(file2, dirB);
        Assert.That(code, Is.Zero, error);
        Assert.That(File.ReadAllText(Path.Combine(dirB, "timeseries.csv")), Is.EqualTo(File.ReadAllText(Path.Combine(dirA, "timeseries.csv"))), "same points, same seeds");
        Assert.That(RunManifest.Read(Path.Combine(dirB, "manifest.json")).RunSeeds, Is.EqualTo(RunManifest.Read(Path.Combine(dirA, "manifest.json")).RunSeeds));
    }

    [Test]
    public void GridAndFileSweepsTakeNamesForChoiceParameters()
    {
        using var cli = new CliHarness();
        string grid = cli.Write("g.yaml", Head + "sweep:\n  parameters:\n    strategy.targeting: {values: [universal, deprived-first]}\n");
        string points = Path.Combine(cli.Folder, "p.csv");
        var (code, _, error) = cli.Invoke("design", grid, "--out", points);
        Assert.That(code, Is.Zero, error);
        Assert.That(File.ReadAllText(points), Is.EqualTo("strategy.targeting\nuniversal\ndeprived-first\n"));
        string viaFile = cli.Write("f.yaml", Head + "sweep:\n  method: file\n  file: p.csv\n");
        string a = Path.Combine(cli.Folder, "a"), b = Path.Combine(cli.Folder, "b");
        Assert.That(cli.Run(grid, a).Code, Is.Zero);
        Assert.That(cli.Run(viaFile, b).Code, Is.Zero);
        string ts = File.ReadAllText(Path.Combine(a, "timeseries.csv"));
        Assert.That(File.ReadAllText(Path.Combine(b, "timeseries.csv")), Is.EqualTo(ts));
        // The two targetings give different runs.
        var finals = File.ReadLines(Path.Combine(a, "summary.csv")).Where(l => l.Contains(",outcome_index,", StringComparison.Ordinal)).ToList();
        Assert.That(finals, Has.Count.EqualTo(2));
    }

    [Test]
    public void AnalyseRefusesAFolderWithoutASensitivityDesign()
    {
        using var cli = new CliHarness();
        string file = cli.Write("ok.yaml", CliHarness.Small), dir = Path.Combine(cli.Folder, "out");
        Assert.That(cli.Run(file, dir).Code, Is.Zero);
        var (code, _, error) = cli.Invoke("analyse", dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("sobol or morris"));
    }

    private static IEnumerable<TestCaseData> BadDesigns()
    {
        TestCaseData Case(string sweep, string? csv, string where, string message, string description) =>
            new TestCaseData(sweep, csv, where, message).SetName($"{{m}}({description})");
        const string file = "sweep:\n  method: file\n  file: points.csv\n";
        yield return Case("sweep:\n  method: sobol-ish\n  parameters:\n    behaviour.trust_gain: {min: 0, max: 1}\n", null, "bad.yaml:9:11", "sweep.method 'sobol-ish' is not allowed; allowed: grid, latin-hypercube, sobol, morris, monte-carlo, file", "unknown method");
        yield return Case("sweep:\n  method: sobol\n  samples: 100\n  parameters:\n    behaviour.trust_gain: {min: 0, max: 1}\n", null, "bad.yaml:10:12", "sweep.samples: 100 is not a power of two", "N not a power of two");
        yield return Case("sweep:\n  method: morris\n  levels: 5\n  parameters:\n    behaviour.trust_gain: {min: 0, max: 1}\n", null, "bad.yaml:10:11", "sweep.levels: 5 is odd", "odd Morris levels");
        yield return Case("sweep:\n  method: sobol\n  samples: 8\n  parameters:\n    strategy.targeting: {values: [universal]}\n", null, "bad.yaml:12:5", "only grid and file sweeps take a parameter with names", "choice in a sobol sweep");
        yield return Case(file, "behaviour.trust_gain,behaviour.trust_loss\n0.1,0.2\n0.3\n", "points.csv:3:4", "row has 1 values, the header 2 (missing: behaviour.trust_loss)", "missing column");
        yield return Case(file, "behaviour.trust_gain\n0.1\n0.2,0.5\n", "points.csv:3:5", "row has 2 values, the header 1 (extra values", "extra column");
        yield return Case(file, "behaviour.trust_gain\n0.1\nhigh\n", "points.csv:3:1", "column 'behaviour.trust_gain': expected a number, found 'high'; allowed: 0 to 1", "not a number");
        yield return Case(file, "behaviour.trust_gain,behaviour.trust_loss\n0.1,0.2\n0.3,1.5\n", "points.csv:3:5", "column 'behaviour.trust_loss': 1.5 is out of range; allowed: 0 to 1", "out of range");
        yield return Case(file, "strategy.targeting\nuniversal\npoorest\n", "points.csv:3:1", "column 'strategy.targeting': 'poorest' is not allowed; allowed: universal or deprived-first", "unknown name");
        yield return Case(file, "behaviour.trust_gian\n0.1\n", "points.csv:1:1", "column 'behaviour.trust_gian': unknown parameter 'behaviour.trust_gian'; did you mean 'behaviour.trust_gain'?", "unknown column");
        yield return Case(file, null, "bad.yaml:10:9", "sweep.file 'points.csv': design file not found", "missing file");
    }

    [TestCaseSource(nameof(BadDesigns))]
    public void BadDesignExitsTwoWithFileLineColumnAndRunsNothing(string sweep, string? csv, string where, string message)
    {
        using var cli = new CliHarness();
        string file = cli.Write("bad.yaml", Head + sweep);
        if (csv is not null) cli.Write("points.csv", csv);
        string outDir = Path.Combine(cli.Folder, "out");
        var (code, _, error) = cli.Run(file, outDir);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain(Path.Combine(cli.Folder, where)), error);
        Assert.That(LinePattern().IsMatch(error), Is.True, "FILE:LINE:COLUMN: error: form");
        Assert.That(error, Does.Contain(message));
        Assert.That(Directory.Exists(outDir), Is.False, "nothing was run");
    }

    [GeneratedRegex(@"^.+:\d+:\d+: error: ", RegexOptions.Multiline)]
    private static partial Regex LinePattern();
}
