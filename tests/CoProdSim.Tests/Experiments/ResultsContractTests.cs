using System.Text.Json;
using System.Text.Json.Nodes;
using CoProdSim.Benchmarks.Schelling;
using CoProdSim.Engine;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Running;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Experiments.Statistics;
using MathNet.Numerics.Statistics;

namespace CoProdSim.Tests.Experiments;

/// <summary>
/// The contract between the runner and the report: one typed manifest, one column layout, estimates that do not
/// depend on how they are accumulated, and a runner that runs any model its factory builds.
/// </summary>
public class ResultsContractTests
{
    private static RunManifest Sample() => new()
    {
        ScenarioName = "sample, \"quoted\"",
        ScenarioDescription = "Does it round-trip? £ and é too.",
        ScenarioFile = "scenarios/sample.yaml",
        ScenarioSha256 = new string('a', 64),
        Overrides = ["population.citizens=200", "strategy.recognition=0"],
        Seed = ulong.MaxValue - 3,
        Replications = 7,
        Threads = 3,
        Started = "2026-01-02T03:04:05.0000000+00:00",
        Ended = "2026-01-02T03:04:06.5000000+00:00",
        Runs = 28,
        RunsResumed = 2,
        Horizon = 36,
        Citizens = 200,
        Neighbourhoods = 4,
        Parameters = JsonNode.Parse("""{"horizon":36,"population":{"citizens":200,"x":0.1}}"""),
        Sweep = new ManifestSweep
        {
            Method = SweepMethod.LatinHypercube,
            Parameters = ["strategy.budget_change", "behaviour.x"],
            Points = [[-0.25, 1], [0.1, 0.30000000000000004]],
            Budget = [true, false],
        },
        RunSeeds = [new ManifestRun { Strategy = "a", Replication = 0, Point = 1, Seed = 12345678901234567890UL }],
    };

    [Test]
    public void ManifestRoundTripsToEqualTypedValues()
    {
        RunManifest written = Sample();
        RunManifest read = RunManifest.Parse(written.ToJson());
        Assert.Multiple(() =>
        {
            Assert.That(read with { Overrides = written.Overrides, Parameters = written.Parameters, Sweep = written.Sweep, RunSeeds = written.RunSeeds, Files = written.Files }, Is.EqualTo(written), "scalar fields");
            Assert.That(read.Overrides, Is.EqualTo(written.Overrides));
            Assert.That(JsonNode.DeepEquals(read.Parameters, written.Parameters), Is.True);
            Assert.That(read.Sweep!.Method, Is.EqualTo(SweepMethod.LatinHypercube));
            Assert.That(read.Sweep.Parameters, Is.EqualTo(written.Sweep!.Parameters));
            Assert.That(read.Sweep.Points, Is.EqualTo(written.Sweep.Points));
            Assert.That(read.Sweep.Budget, Is.EqualTo(written.Sweep.Budget));
            Assert.That(read.Sweep.FirstBudget, Is.Zero);
            Assert.That(read.RunSeeds, Is.EqualTo(written.RunSeeds));
            Assert.That(read.ToJson(), Is.EqualTo(written.ToJson()), "writing what was read gives the same text");
        });
    }

    [Test]
    public void ManifestKeepsTheSnakeCaseNamesScriptsRead()
    {
        using var doc = JsonDocument.Parse(Sample().ToJson());
        string[] names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.That(names, Is.SupersetOf(new[]
        {
            "tool", "version", "commit", "scenario_name", "scenario_description", "scenario_file", "scenario_sha256", "overrides", "seed",
            "replications", "threads", "started", "ended", "runs", "runs_resumed", "parameters", "sweep", "run_seeds", "files",
        }));
        JsonElement sweep = doc.RootElement.GetProperty("sweep");
        Assert.That(sweep.GetProperty("method").GetString(), Is.EqualTo("latin-hypercube"));
        Assert.That(sweep.GetProperty("parameters")[0].GetString(), Is.EqualTo("strategy.budget_change"));
        JsonElement run = doc.RootElement.GetProperty("run_seeds")[0];
        Assert.That(run.GetProperty("seed").GetUInt64(), Is.EqualTo(12345678901234567890UL));
        Assert.That(run.GetProperty("point").GetInt32(), Is.EqualTo(1));
        // Without a sweep there is no "sweep" and no "point", as before.
        using var plain = JsonDocument.Parse((Sample() with { Sweep = null, RunSeeds = [new ManifestRun { Strategy = "a" }] }).ToJson());
        Assert.That(plain.RootElement.TryGetProperty("sweep", out _), Is.False);
        Assert.That(plain.RootElement.GetProperty("run_seeds")[0].TryGetProperty("point", out _), Is.False);
    }

    [Test]
    public void BudgetLeversAreDecidedInOnePlace()
    {
        Assert.That(SweepAxis.IsBudget("strategy.budget_change"), Is.True);
        Assert.That(SweepAxis.IsBudget("public_bodies.council.budget_per_citizen"), Is.True);
        Assert.That(SweepAxis.IsBudget("strategy.invitation_rate"), Is.False);
    }

    /// <summary>Runs the small test scenario (no report) into a folder of <paramref name="cli"/>.</summary>
    private static (EnsembleRunner Runner, EnsembleResult Result, string Dir) RunSmall(CliHarness cli)
    {
        string file = cli.Write("small.yaml", CliHarness.Small);
        string dir = Path.Combine(cli.Folder, "out");
        Scenario scenario = ScenarioLoader.Load(file) with { Outputs = new OutputSpec(Report: false) };
        var runner = new EnsembleRunner(scenario, dir, threads: 2, resume: false);
        return (runner, runner.Run(), dir);
    }

    [Test]
    public void TheLayoutIsTheHeaderAndTheReaderUsesIt()
    {
        using var cli = new CliHarness();
        var (runner, _, dir) = RunSmall(cli);
        string header = File.ReadLines(Path.Combine(dir, ResultFiles.TimeSeriesFile)).First();
        Assert.That(header, Is.EqualTo(runner.Layout.Header));
        Assert.That(runner.Layout.Columns.Take(runner.Layout.FirstMetric), Is.EqualTo(TimeSeriesLayout.Leading));
        ResultSet rs = ResultSet.Load(dir);
        Assert.That(rs.Layout.Columns, Is.EqualTo(runner.Layout.Columns));
        Assert.That(rs.Replications, Is.EqualTo(3));
        Assert.That(() => TimeSeriesLayout.Read(["strategy", "tick", "replication", "seed", "x"], []), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void TheReportReadsTheSameFinalEstimatesAsSummaryCsv()
    {
        using var cli = new CliHarness();
        var (_, result, dir) = RunSmall(cli);
        ResultSet rs = ResultSet.Load(dir);
        foreach (SummaryRow row in result.Summary)
            Assert.That(rs.Final(row.Strategy, row.Metric), Is.EqualTo(row.Estimate), $"{row.Strategy} {row.Metric}");
    }

    private static readonly double[][] Awkward =
    [
        [],
        [42.5],
        [double.NaN],
        [double.NaN, 3, double.NaN],
        [7, 7, 7, 7, 7],
        [0.1, 0.1, 0.1],
        [1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3, double.NaN, 1e9 + 0.4],
        [1, double.NaN, 2, 3, double.NaN, 4, 1e-300, -5e10],
        [double.PositiveInfinity, 1, 2],
    ];

    [Test]
    public void StreamingEstimateEqualsTheTwoPassOneBitForBit()
    {
        var random = new System.Random(11);
        var cases = Awkward.ToList();
        for (int k = 0; k < 20; k++) cases.Add(Enumerable.Range(0, 2 + random.Next(500)).Select(_ => random.NextDouble() * 1e4 - 3e3).ToArray());
        foreach (double[] values in cases)
        {
            Estimate e = Estimate.Of(values);
            double[] x = values.Where(v => !double.IsNaN(v)).ToArray();
            string what = "[" + string.Join(", ", values.Take(8)) + "]";
            Assert.That(e.N, Is.EqualTo(x.Length), what);
            if (x.Length == 0)
            {
                Assert.That(double.IsNaN(e.Mean), Is.True, what);
                continue;
            }
            Assert.That(BitConverter.DoubleToInt64Bits(e.Mean), Is.EqualTo(BitConverter.DoubleToInt64Bits(ArrayStatistics.Mean(x))), what);
            if (x.Length == 1)
            {
                Assert.That(double.IsNaN(e.Sd) && double.IsNaN(e.Low) && double.IsNaN(e.High), Is.True, what);
                continue;
            }
            double sd = ArrayStatistics.StandardDeviation(x);
            Assert.That(BitConverter.DoubleToInt64Bits(e.Sd), Is.EqualTo(BitConverter.DoubleToInt64Bits(sd)), what);
            double half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, x.Length - 1, 0.975) * sd / Math.Sqrt(x.Length);
            Assert.That(e.Low, Is.EqualTo(ArrayStatistics.Mean(x) - half), what);
            Assert.That(e.High, Is.EqualTo(ArrayStatistics.Mean(x) + half), what);
        }
        Assert.That(Estimate.Of([7, 7, 7]).Sd, Is.Zero, "constant values have no spread");
    }

    /// <summary>Schelling's model, as the runner sees any model: a factory of seeded instances.</summary>
    private sealed class SchellingFactory(SchellingSpec spec, long steps) : IModelFactory
    {
        public IReadOnlyList<string> MetricNames { get; } = new SchellingModel(spec, 0).MetricNames;

        public long HorizonOf(RunSpec run) => steps;

        public ISimulationModel Create(RunSpec run, int threads) => new SchellingModel(spec, run.Seed);
    }

    [Test]
    public void TheRunnerRunsAModelOtherThanCoProduction()
    {
        const int replications = 3, steps = 8;
        var factory = new SchellingFactory(SchellingSpec.Small, steps);
        var experiment = new Experiment(
            new RunManifest { ScenarioName = "schelling", Seed = 5, Replications = replications, Horizon = steps },
            new RunPlan(["segregation"], points: 1, replications, seed: 5),
            new OutputSpec(Report: false));
        string root = Path.Combine(Path.GetTempPath(), "coprodsim-schelling-" + Guid.NewGuid().ToString("N"));
        try
        {
            string one = Path.Combine(root, "one"), two = Path.Combine(root, "two");
            new EnsembleRunner(experiment, factory, one, threads: 1, resume: false).Run();
            new EnsembleRunner(experiment, factory, two, threads: 2, resume: false).Run();
            string[] lines = File.ReadAllLines(Path.Combine(one, ResultFiles.TimeSeriesFile));
            Assert.That(lines[0], Is.EqualTo("strategy,replication,seed,tick,unhappy,moves"));
            Assert.That(lines.Length - 1, Is.EqualTo(replications * (steps + 1)), "every replication, ticks 0 to the horizon");
            Assert.That(lines.Skip(1).All(l => l.Split(',').Length == 6), Is.True);
            Assert.That(lines[1], Does.StartWith($"segregation,0,{RunPlan.ReplicationSeed(5, 0)},0,"));
            Assert.That(File.ReadAllBytes(Path.Combine(two, ResultFiles.TimeSeriesFile)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, ResultFiles.TimeSeriesFile))),
                "the same bytes on 1 and 2 threads");
            // The unhappy count falls as agents move (Schelling's result), read back through the report's reader.
            ResultSet rs = ResultSet.Load(one);
            Band unhappy = rs.BandOf("segregation", "unhappy");
            Assert.That(unhappy.Ticks, Has.Count.EqualTo(steps + 1));
            Assert.That(unhappy.Values[^1].Mean, Is.LessThan(unhappy.Values[0].Mean));
            Assert.That(rs.Manifest.Citizens, Is.Null);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
