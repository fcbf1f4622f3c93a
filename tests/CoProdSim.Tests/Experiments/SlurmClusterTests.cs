using System.Diagnostics;
using System.Text.RegularExpressions;
using static CoProdSim.Tests.Experiments.ResultFolderHarness;

namespace CoProdSim.Tests.Experiments;

/// <summary>
/// On a real Slurm: a single node from Debian's packages (munge, slurmctld, slurmd, slurm-client), brought up without
/// systemd by tests/cluster/slurm-local.sh and always brought down again. Needs root and the packages; skipped with
/// the reason otherwise, and failed instead under COPRODSIM_REQUIRE_SLURM=1 (as in .ci/run). Accounting (sacct)
/// needs slurmdbd and a database, so jobs are followed with squeue and scontrol, and tasks' failures read from their
/// logs.
/// </summary>
[Category("Slurm")]
[NonParallelizable]
public partial class SlurmClusterTests
{
    private static readonly string Twenty = CliHarness.Small.Replace("replications: 3", "replications: 10", StringComparison.Ordinal)
        .Replace("citizens: 600", "citizens: 300", StringComparison.Ordinal);

    private static readonly string[] Csvs = ["timeseries.csv", "summary.csv"];

    [Test]
    public void ATwentyTaskArrayMergesToTheOneMachineBytesAndAFailedTaskIsResubmittedAlone()
    {
        RequireSlurm();
        using var cli = new CliHarness();
        string file = cli.Write("twenty.yaml", Twenty), one = Path.Combine(cli.Folder, "one");
        var (code, _, error) = cli.Run(file, one);
        Assert.That(code, Is.Zero, error);
        // One Slurm on the machine at a time (its ports are fixed): other test runs wait here.
        using FileStream machineLock = WaitForMachineLock();
        string state = Path.Combine(cli.Folder, "slurm-state");
        string conf = Up(state);
        try
        {
            // 1. Twenty tasks, all succeed, then the merge.
            string dir = Path.Combine(cli.Folder, "array");
            (string array, string merge) = Submit(conf, "", file, "--out", dir, "--tasks", "20", "--submit");
            WaitFor(conf, array, merge);
            Assert.That(Directory.GetFiles(Path.Combine(dir, "slurm", "logs"), $"array-{array}_*.out"), Has.Length.EqualTo(20), "twenty tasks ran");
            AssertSameCsvs(one, dir, Path.Combine(dir, "slurm", "logs", $"merge-{merge}.out"));

            // 2. Task 3 fails (an injected I/O error in that shard only): no merge; merge names the shard; --resubmit runs it alone.
            string failing = Path.Combine(cli.Folder, "failing");
            (array, merge) = Submit(conf, "shard:3:throw", file, "--out", failing, "--tasks", "20", "--submit");
            WaitFor(conf, array, merge);
            string log3 = File.ReadAllText(Path.Combine(failing, "slurm", "logs", $"array-{array}_3.out"));
            Assert.That(log3, Does.Contain("error: input/output error: injected fault at shard:3"));
            Assert.That(Scontrol(conf, $"{array}_3"), Does.Contain("JobState=FAILED").And.Contain("ExitCode=1:0"));
            Assert.That(Scontrol(conf, $"{array}_4"), Does.Contain("JobState=COMPLETED"));
            Assert.That(Scontrol(conf, merge), Does.Contain("JobState=CANCELLED").And.Contain("DependencyNeverSatisfied"), "the merge never runs after a failed task");
            Assert.That(File.Exists(Path.Combine(failing, "manifest.json")), Is.False);
            var (mergeCode, mergeError) = RunToEnd(Command("", "merge", failing));
            Assert.That(mergeCode, Is.EqualTo(3), mergeError);
            Assert.That(mergeError, Does.Contain("1 of 20 runs are missing or damaged: p00000-s000-r00003 (missing); shards to run again (of 20): 3"));
            ProcessStartInfo resubmit = Command("", "slurm", file, "--out", failing, "--resubmit", "--submit");
            resubmit.Environment["SLURM_CONF"] = conf;
            var (resubmitCode, resubmitOutput) = RunToEnd(resubmit);
            Assert.That(resubmitCode, Is.Zero, resubmitOutput);
            Assert.That(resubmitOutput, Does.Contain("shards to run again: 3").And.Contain("(shards 3)"));
            (string again, string merge2) = JobIds(resubmitOutput);
            WaitFor(conf, again, merge2);
            Assert.That(Directory.GetFiles(Path.Combine(failing, "slurm", "logs"), $"array-{again}_*.out").Select(Path.GetFileName), Is.EqualTo(new[] { $"array-{again}_3.out" }), "only task 3 ran again");
            AssertSameCsvs(one, failing, Path.Combine(failing, "slurm", "logs", $"merge-{merge2}.out"));
        }
        finally
        {
            Down(state);
        }
    }

    private static void AssertSameCsvs(string one, string dir, string mergeLog)
    {
        Assert.That(File.Exists(Path.Combine(dir, "manifest.json")), Is.True, "merged: " + (File.Exists(mergeLog) ? File.ReadAllText(mergeLog) : "no merge log"));
        foreach (string f in Csvs)
            Assert.That(File.ReadAllBytes(Path.Combine(dir, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, f))), f + " byte for byte");
        Assert.That(Directory.Exists(Path.Combine(dir, ".runs")), Is.False);
    }

    private static (string Array, string Merge) Submit(string conf, string fault, params string[] args)
    {
        ProcessStartInfo info = Command(fault, ["slurm", .. args]);
        info.Environment["SLURM_CONF"] = conf;
        var (code, output) = RunToEnd(info);
        Assert.That(code, Is.Zero, output);
        return JobIds(output);
    }

    private static (string Array, string Merge) JobIds(string output)
    {
        Match a = ArrayJob().Match(output), m = MergeJob().Match(output);
        Assert.That(a.Success && m.Success, Is.True, output);
        return (a.Groups[1].Value, m.Groups[1].Value);
    }

    [GeneratedRegex(@"^array job: (\d+)$", RegexOptions.Multiline)]
    private static partial Regex ArrayJob();

    [GeneratedRegex(@"^merge job: (\d+)$", RegexOptions.Multiline)]
    private static partial Regex MergeJob();

    /// <summary>Polls squeue until none of the jobs is queued or running (a cancelled or failed job leaves the queue).</summary>
    private static void WaitFor(string conf, params string[] jobs)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(150))
        {
            var (code, output) = Tool(conf, "squeue", "-h", "-o", "%i %T %r", "-j", string.Join(",", jobs));
            if (code == 0 && output.Trim().Length == 0) return;
            Thread.Sleep(500);
        }
        Assert.Fail($"jobs {string.Join(",", jobs)} did not end in 150 s: {Tool(conf, "squeue").Output}");
    }

    private static string Scontrol(string conf, string job) => Tool(conf, "scontrol", "show", "job", job).Output;

    private static (int Code, string Output) Tool(string conf, string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) info.ArgumentList.Add(a);
        info.Environment["SLURM_CONF"] = conf;
        return RunToEnd(info, 30);
    }

    private static string Script => RepoPaths.Of("tests", "cluster", "slurm-local.sh");

    private static string Up(string state)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add("up");
        info.Environment["SLURM_STATE"] = state;
        var (code, output) = RunToEnd(info, 60);
        if (code != 0)
        {
            Down(state);
            Assert.Fail($"Slurm did not come up: {output}");
        }
        Match m = Regex.Match(output, @"export SLURM_CONF=(\S+)");
        Assert.That(m.Success, Is.True, output);
        return m.Groups[1].Value;
    }

    private static void Down(string state)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add("down");
        info.Environment["SLURM_STATE"] = state;
        RunToEnd(info, 60);
    }

    private static FileStream WaitForMachineLock()
    {
        string path = Path.Combine(Path.GetTempPath(), "coprodsim-slurm-test.lock");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                Thread.Sleep(1000);
            }
        }
    }

    /// <summary>Root and the packages, or the test is skipped (failed under COPRODSIM_REQUIRE_SLURM=1) with what is missing.</summary>
    private static void RequireSlurm()
    {
        var missing = new List<string>();
        if (!OperatingSystem.IsLinux()) missing.Add("Linux");
        else if (Environment.UserName != "root") missing.Add("root (the daemons run as root and munge)");
        foreach (string tool in new[] { "/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/bin/squeue", "/usr/bin/scontrol", "/usr/sbin/runuser" })
            if (!File.Exists(tool)) missing.Add(tool);
        if (missing.Count == 0) return;
        string why = "a real Slurm needs " + string.Join(", ", missing) + ": apt-get install -y --no-install-recommends munge slurmctld slurmd slurm-client, as root";
        if (Environment.GetEnvironmentVariable("COPRODSIM_REQUIRE_SLURM") == "1") Assert.Fail(why);
        Assert.Ignore(why);
    }
}
