using System.Diagnostics;
using System.Globalization;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Running;
using CoProdSim.Experiments.Sensitivity;

namespace CoProdSim.Tests.Experiments;

/// <summary>
/// A run made in shards (<c>run --shard I/N</c>, then <c>merge</c>) gives the CSVs of a one-machine run byte for
/// byte, for any N (more shards than runs, uneven splits), in any order of the shards, for plain, swept (with
/// baseline copies) and Sobol' scenarios; <c>merge</c> refuses missing and damaged runs, naming them and their
/// shards; shards refuse another plan; a shard never touches another shard's files.
/// </summary>
public class ShardTests
{
    private const string Baseline = "name: base\nseed: 8\nreplications: 3\nhorizon: 5\npopulation: {citizens: 300, neighbourhoods: 4}\noutputs: {report: false}\n"
        + "strategies:\n  - traditional\n  - name: invite\n    preset: inside-out\nbaseline: traditional\n"
        + "sweep:\n  parameters:\n    strategies.invite.invitation_rate: {values: [0.1, 0.3]}\n";

    private const string Sobol = "name: sens\nseed: 5\nreplications: 1\nhorizon: 4\npopulation: {citizens: 200, neighbourhoods: 4}\nstrategies: [four-cos]\noutputs: {report: false}\n"
        + "sweep:\n  method: sobol\n  samples: 4\n  metrics: [outcome_index, participation_rate]\n  parameters:\n"
        + "    behaviour.trust_gain: {min: 0.05, max: 0.2}\n    domains.health_care.sigma: {min: 0.3, max: 0.9}\n";

    private static readonly string[] DataFiles =
    [
        ResultFiles.TimeSeriesFile, ResultFiles.SummaryFile, ResultFiles.DifferencesFile, SensitivityTable.FileName, SensitivityTable.ConvergenceFileName,
    ];

    [TestCase(1, 1, 0)]
    [TestCase(10, 3, 1)]
    [TestCase(7, 7, 2)]
    [TestCase(5, 9, 3)]
    public void SlicesAreStridedAndCoverEveryRunExactlyOnce(int runs, int count, int index)
    {
        var plan = new RunPlan(["a"], 1, runs, 42);
        var seen = new List<RunSpec>();
        for (int i = 0; i < count; i++) seen.AddRange(new Shard(i, count).Of(plan.Runs));
        Assert.That(seen.OrderBy(r => r.Replication), Is.EqualTo(plan.Runs), "every run once, with its own seed");
        IReadOnlyList<RunSpec> mine = new Shard(index, count).Of(plan.Runs);
        Assert.That(mine.Select(r => r.Replication), Is.EqualTo(Enumerable.Range(0, runs).Where(k => k % count == index)));
        Assert.That(mine.All(r => Shard.IndexOf(r.Replication, count) == index));
        // Slice sizes differ by at most one: the slowest task is near the mean.
        int[] sizes = Enumerable.Range(0, count).Select(i => new Shard(i, count).Of(plan.Runs).Count).ToArray();
        Assert.That(sizes.Max() - sizes.Min(), Is.LessThanOrEqualTo(1));
    }

    [TestCase("3/20", 3, 20)]
    [TestCase("0/1", 0, 1)]
    [TestCase("999999/1000000", 999999, 1000000)]
    public void ParsesIOfN(string text, int index, int count) =>
        Assert.That(Shard.Parse(text, out _), Is.EqualTo(new Shard(index, count)));

    [TestCase("20/20", "out of range")]
    [TestCase("0/0", "out of range")]
    [TestCase("0/1000001", "out of range")]
    [TestCase("-1/4", "is not I/N")]
    [TestCase("1", "is not I/N")]
    [TestCase("a/b", "is not I/N")]
    [TestCase("1/2/3", "is not I/N")]
    public void RefusesABadShard(string text, string why)
    {
        Assert.That(Shard.Parse(text, out string? problem), Is.Null);
        Assert.That(problem, Does.Contain(why).And.Contain("0 <= I < N"));
        using var cli = new CliHarness();
        string file = cli.Write("s.yaml", CliHarness.Small);
        var (code, _, error) = cli.Invoke("run", file, "--out", Path.Combine(cli.Folder, "o"), "--shard", text);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--shard").And.Contain("Nothing was run or written"));
        Assert.That(Directory.Exists(Path.Combine(cli.Folder, "o")), Is.False);
    }

    private static IEnumerable<TestCaseData> Scenarios()
    {
        // Small: 6 runs; baseline sweep: 12 runs, 3 of them copies (9 to simulate); Sobol': 16 runs.
        foreach (int n in new[] { 1, 4, 5, 25 }) yield return new TestCaseData("small", CliHarness.Small, n).SetName($"ShardedEqualsOneMachine(small,{n})");
        foreach (int n in new[] { 2, 4, 9 }) yield return new TestCaseData("baseline", Baseline, n).SetName($"ShardedEqualsOneMachine(baseline-sweep,{n})");
        foreach (int n in new[] { 3, 16 }) yield return new TestCaseData("sobol", Sobol, n).SetName($"ShardedEqualsOneMachine(sobol,{n})");
    }

    [TestCaseSource(nameof(Scenarios))]
    public void ShardedEqualsOneMachine(string name, string yaml, int shards)
    {
        using var cli = new CliHarness();
        string file = cli.Write(name + ".yaml", yaml);
        string one = Path.Combine(cli.Folder, "one"), many = Path.Combine(cli.Folder, "many");
        var (code, _, error) = cli.Run(file, one, threads: 2);
        Assert.That(code, Is.Zero, error);
        // Shards in a scrambled order, on different thread counts, as a scheduler runs them.
        foreach (int i in Enumerable.Range(0, shards).OrderBy(i => (i * 7919) % shards))
        {
            (code, _, error) = cli.Invoke("run", file, "--out", many, "--shard", $"{i}/{shards}", "--threads", (1 + (i % 2)).ToString(CultureInfo.InvariantCulture), "--quiet");
            Assert.That(code, Is.Zero, error);
            Assert.That(File.Exists(Path.Combine(many, ResultFiles.ManifestFile)), Is.False, "a shard publishes nothing");
        }
        (code, _, error) = cli.Invoke("merge", many, "--quiet");
        Assert.That(code, Is.Zero, error);
        int compared = 0;
        foreach (string f in DataFiles)
        {
            Assert.That(File.Exists(Path.Combine(many, f)), Is.EqualTo(File.Exists(Path.Combine(one, f))), f);
            if (!File.Exists(Path.Combine(one, f))) continue;
            Assert.That(File.ReadAllBytes(Path.Combine(many, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, f))), f + " byte for byte");
            compared++;
        }
        Assert.That(compared, Is.GreaterThanOrEqualTo(2));
        RunManifest a = RunManifest.Read(Path.Combine(one, ResultFiles.ManifestFile)), b = RunManifest.Read(Path.Combine(many, ResultFiles.ManifestFile));
        Assert.That(b.PlanFingerprint, Is.EqualTo(a.PlanFingerprint));
        Assert.That(b.Checksums!.Where(c => c.Key.EndsWith(".csv", StringComparison.Ordinal)), Is.EqualTo(a.Checksums!.Where(c => c.Key.EndsWith(".csv", StringComparison.Ordinal))));
        Assert.That(Directory.Exists(Path.Combine(many, EnsembleRunner.PartsFolder)), Is.False, "the parts go once merged");
        // merge again: the folder holds the results, nothing to do.
        var again = cli.Invoke("merge", many);
        Assert.That(again.Code, Is.Zero, again.Error);
        Assert.That(again.Out, Does.Contain("nothing to do"));
    }

    [Test]
    public void MergeNamesMissingAndDamagedRunsAndTheirShardsAndTouchesNothing()
    {
        using var cli = new CliHarness();
        string file = cli.Write("s.yaml", CliHarness.Small), dir = Path.Combine(cli.Folder, "o"), one = Path.Combine(cli.Folder, "one");
        Assert.That(cli.Run(file, one).Code, Is.Zero);
        // 6 runs in 4 shards: shard 1 holds runs 1 and 5 (p00000-s000-r00001, p00000-s001-r00002); it is never run.
        foreach (int i in new[] { 0, 2, 3 }) Assert.That(cli.Invoke("run", file, "--out", dir, "--shard", $"{i}/4", "-q").Code, Is.Zero);
        string damaged = Path.Combine(dir, ".runs", "p00000-s000-r00000.csv"); // shard 0's
        File.AppendAllText(damaged, "x\n");
        string[] before = Directory.GetFiles(Path.Combine(dir, ".runs")).Order().ToArray();
        byte[] damagedBytes = File.ReadAllBytes(damaged);
        var (code, _, error) = cli.Invoke("merge", dir);
        Assert.That(code, Is.EqualTo(3), error);
        Assert.That(error, Does.Contain("3 of 6 runs are missing or damaged"));
        Assert.That(error, Does.Contain("p00000-s000-r00000 (14 of 13 rows)").And.Contain("p00000-s000-r00001 (missing)").And.Contain("p00000-s001-r00002 (missing)"));
        Assert.That(error, Does.Contain("shards to run again (of 4): 0,1"));
        Assert.That(error, Does.Contain("--resubmit --submit").And.Contain("--shard 0/4"));
        Assert.That(Directory.GetFiles(Path.Combine(dir, ".runs")).Order(), Is.EqualTo(before), "merge deletes nothing");
        Assert.That(File.ReadAllBytes(damaged), Is.EqualTo(damagedBytes));
        Assert.That(File.Exists(Path.Combine(dir, ResultFiles.ManifestFile)), Is.False);
        // Shard 0 runs again: it keeps its sound part, replaces the damaged one, and names it.
        (code, _, error) = cli.Invoke("run", file, "--out", dir, "--shard", "0/4");
        Assert.That(code, Is.Zero, error);
        Assert.That(error, Does.Contain("1 damaged run will be run again: p00000-s000-r00000 (14 of 13 rows)"));
        (code, _, error) = cli.Invoke("merge", dir);
        Assert.That(code, Is.EqualTo(3));
        Assert.That(error, Does.Contain("2 of 6 runs").And.Contain("shards to run again (of 4): 1"));
        Assert.That(cli.Invoke("run", file, "--out", dir, "--shard", "1/4", "-q").Code, Is.Zero);
        (code, _, error) = cli.Invoke("merge", dir, "-q");
        Assert.That(code, Is.Zero, error);
        Assert.That(File.ReadAllBytes(Path.Combine(dir, "timeseries.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, "timeseries.csv"))));
    }

    [Test]
    public void MergeOfAFolderWithoutRunsOrWithAChangedScenarioIsRefused()
    {
        using var cli = new CliHarness();
        string file = cli.Write("s.yaml", CliHarness.Small), dir = Path.Combine(cli.Folder, "o");
        var (code, _, error) = cli.Invoke("merge", Path.Combine(cli.Folder, "nowhere"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("folder not found"));
        Directory.CreateDirectory(dir);
        (code, _, error) = cli.Invoke("merge", dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("holds no runs to merge").And.Contain("--shard I/N"));
        for (int i = 0; i < 2; i++) Assert.That(cli.Invoke("run", file, "--out", dir, "--shard", $"{i}/2", "-q").Code, Is.Zero);
        File.AppendAllText(file, "# edited\n");
        (code, _, error) = cli.Invoke("merge", dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("has changed since the runs").And.Contain("Nothing was merged"));
        File.WriteAllText(Path.Combine(dir, ".runs", "plan.json"), "{\"fingerp");
        (code, _, error) = cli.Invoke("merge", dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("plan.json is damaged"));
    }

    [Test]
    public void AShardRefusesAnotherPlanOrAnotherSplitUnlessForced()
    {
        using var cli = new CliHarness();
        string file = cli.Write("s.yaml", CliHarness.Small), dir = Path.Combine(cli.Folder, "o");
        Assert.That(cli.Invoke("run", file, "--out", dir, "--shard", "0/3", "-q").Code, Is.Zero);
        var (code, _, error) = cli.Invoke("run", file, "--out", dir, "--shard", "1/3", "--seed", "5");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("holds runs made with another scenario, seed, replications, --set or version"));
        (code, _, error) = cli.Invoke("run", file, "--out", dir, "--shard", "1/4");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("are being made in 3 shards, not 4; give --shard I/3"));
        Assert.That(Directory.GetFiles(Path.Combine(dir, ".runs"), "p*.csv"), Has.Length.EqualTo(2), "nothing else was written");
        // --force: the other plan's record is replaced; the shard runs its own runs again.
        (code, _, error) = cli.Invoke("run", file, "--out", dir, "--shard", "1/3", "--seed", "5", "--force", "-q");
        Assert.That(code, Is.Zero, error);
        Assert.That(PlanFile.Read(Path.Combine(dir, ".runs", "plan.json"))!.Seed, Is.EqualTo(5));
    }

    [Test]
    public void AShardRemovesOnlyItsOwnRunsOrphanedTemporaryFiles()
    {
        using var cli = new CliHarness();
        string file = cli.Write("s.yaml", CliHarness.Small), dir = Path.Combine(cli.Folder, "o");
        string parts = Path.Combine(dir, ".runs");
        Directory.CreateDirectory(parts);
        // Process ids that exist on no machine here: as a task on another node would leave while it writes.
        int gone = DeadPid();
        string others = Path.Combine(parts, $".p00000-s000-r00001.csv.{gone}.{Guid.NewGuid():N}.tmp"); // shard 1 of 2's run
        string mine = Path.Combine(parts, $".p00000-s000-r00000.csv.{gone}.{Guid.NewGuid():N}.tmp");   // shard 0 of 2's run
        File.WriteAllText(others, "in progress");
        File.WriteAllText(mine, "left by a killed task");
        var (code, _, error) = cli.Invoke("run", file, "--out", dir, "--shard", "0/2", "-q");
        Assert.That(code, Is.Zero, error);
        Assert.That(File.Exists(others), Is.True, "another shard's temporary file is left alone");
        Assert.That(File.Exists(mine), Is.False, "its own run's orphan is removed");
        Assert.That(File.Exists(Path.Combine(dir, RunLock.FileName)), Is.False, "a shard takes no lock");
    }

    [Test]
    public void AShardAfterTheMergeHasNothingToDo()
    {
        using var cli = new CliHarness();
        string file = cli.Write("s.yaml", CliHarness.Small), dir = Path.Combine(cli.Folder, "o");
        for (int i = 0; i < 2; i++) Assert.That(cli.Invoke("run", file, "--out", dir, "--shard", $"{i}/2", "-q").Code, Is.Zero);
        Assert.That(cli.Invoke("merge", dir, "-q").Code, Is.Zero);
        byte[] before = File.ReadAllBytes(Path.Combine(dir, "timeseries.csv"));
        var (code, output, error) = cli.Invoke("run", file, "--out", dir, "--shard", "1/2");
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("already holds the merged results of this run").And.Contain("shard 1/2 has nothing to do"));
        Assert.That(Directory.Exists(Path.Combine(dir, ".runs")), Is.False);
        (code, _, error) = cli.Invoke("run", file, "--out", dir, "--shard", "1/2", "--seed", "3");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("already holds the results of another run"));
        Assert.That(File.ReadAllBytes(Path.Combine(dir, "timeseries.csv")), Is.EqualTo(before));
    }

    [Test]
    public void OneMachineResumeFinishesARunStartedInShards()
    {
        using var cli = new CliHarness();
        string file = cli.Write("s.yaml", CliHarness.Small), dir = Path.Combine(cli.Folder, "o"), one = Path.Combine(cli.Folder, "one");
        Assert.That(cli.Run(file, one).Code, Is.Zero);
        Assert.That(cli.Invoke("run", file, "--out", dir, "--shard", "2/3", "-q").Code, Is.Zero);
        var (code, output, error) = cli.Run(file, dir, resume: true);
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("6 runs (2 resumed)"));
        Assert.That(File.ReadAllBytes(Path.Combine(dir, "timeseries.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, "timeseries.csv"))));
    }

    private static int DeadPid()
    {
        for (int pid = 4_000_000; ; pid--)
            if (!RunLock.ProcessExists(pid)) return pid;
    }
}
