using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoProdSim.Experiments.Output;
using static CoProdSim.Tests.Experiments.ResultFolderHarness;

namespace CoProdSim.Tests.Experiments;

/// <summary>
/// <c>coprodsim slurm</c>: the scripts it writes, its refusals, and (category Slurm) a real single-node Slurm from
/// Debian's packages, brought up without systemd (tests/cluster/slurm-local.sh): a 20-task job array of a small
/// scenario submitted with <c>--submit</c> merges to the CSVs of a one-machine run byte for byte, and so does one
/// whose task 3 fails and is resubmitted alone with <c>--resubmit</c>.
/// </summary>
public partial class SlurmTests
{
    /// <summary>20 runs (2 strategies x 10 replications) of 300 citizens over 12 months: about a second a task.</summary>
    private static readonly string Twenty = CliHarness.Small.Replace("replications: 3", "replications: 10", StringComparison.Ordinal)
        .Replace("citizens: 600", "citizens: 300", StringComparison.Ordinal);

    [Test]
    public void WritesAnArrayScriptAndAMergeScriptWithAbsolutePathsAndAFixedCopyOfTheScenario()
    {
        using var cli = new CliHarness();
        string file = cli.Write("twenty.yaml", Twenty), dir = Path.Combine(cli.Folder, "out");
        var (code, output, error) = cli.Invoke("slurm", file, "--out", dir, "--tasks", "8", "--cpus-per-task", "2", "--time", "1:30:00", "--partition", "short", "--seed", "4", "--set", "strategy.invitation_rate=0.2");
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("20 runs to simulate in 8 shards of about 3 runs, 2 CPUs"));
        Assert.That(output, Does.Contain("sbatch --parsable").And.Contain("--dependency=afterok:$A"));
        string array = File.ReadAllText(Path.Combine(dir, "slurm", "array.sbatch")), merge = File.ReadAllText(Path.Combine(dir, "slurm", "merge.sbatch"));
        Assert.That(array, Does.StartWith("#!/bin/bash\n"));
        Assert.That(array, Does.Contain("#SBATCH --array=0-7\n").And.Contain("#SBATCH --cpus-per-task=2\n").And.Contain("#SBATCH --time=1:30:00\n").And.Contain("#SBATCH --partition=short\n"));
        Assert.That(array, Does.Match(@"#SBATCH --mem=\d+M\n"));
        Assert.That(array, Does.Contain("--shard \"${SLURM_ARRAY_TASK_ID}/8\"").And.Contain("--seed 4 --set strategy.invitation_rate=0.2"));
        Assert.That(merge, Does.Contain(" merge " + dir).And.Contain("#SBATCH --kill-on-invalid-dep=yes\n").And.Not.Contain("--array"));
        // The command is absolute: the dotnet host and coprodsim.dll (or the app itself), both present.
        string exec = array.Split('\n').Single(l => l.StartsWith("exec ", StringComparison.Ordinal));
        string[] words = exec.Split(' ');
        Assert.That(Path.IsPathRooted(words[1]) && File.Exists(words[1]), Is.True, exec);
        Assert.That(words[2] is "run" || (words[2].EndsWith("coprodsim.dll", StringComparison.Ordinal) && File.Exists(words[2])), Is.True, exec);
        // Nodes read the copy, whose hash is recorded; the copy keeps its name (a scenario without a name takes the file's).
        string copy = Path.Combine(dir, "slurm", "twenty.yaml");
        Assert.That(exec, Does.Contain(" run " + copy + " --out " + dir + " "));
        Assert.That(File.ReadAllBytes(copy), Is.EqualTo(File.ReadAllBytes(file)));
        using var job = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "slurm", "job.json")));
        Assert.That(job.RootElement.GetProperty("scenario_sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))));
        Assert.That(job.RootElement.GetProperty("tasks").GetInt32(), Is.EqualTo(8));
        // The script runs what it says: shard 5 of 8 by the script's own command, through bash.
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(Path.Combine(dir, "slurm", "array.sbatch"));
        info.Environment["SLURM_ARRAY_TASK_ID"] = "5";
        var (ran, log) = RunToEnd(info);
        Assert.That(ran, Is.Zero, log);
        Assert.That(log, Does.Contain("shard 5/8: 2 runs"));
        Assert.That(Directory.GetFiles(Path.Combine(dir, ".runs"), "p*.csv").Select(Path.GetFileName), Is.EquivalentTo(Shard5Of8()));
    }

    /// <summary>Runs 5 and 13 of 20 (strided): strategy 0 replication 5, strategy 1 replication 3.</summary>
    private static string[] Shard5Of8() => ["p00000-s000-r00005.csv", "p00000-s001-r00003.csv"];

    [Test]
    public void TasksAreCappedAtTheRunsAndBadOptionsAreRefused()
    {
        using var cli = new CliHarness();
        string file = cli.Write("s.yaml", CliHarness.Small), dir = Path.Combine(cli.Folder, "out");
        var (code, output, error) = cli.Invoke("slurm", file, "--out", dir, "--tasks", "50");
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("--tasks 50: the plan has 6 runs to simulate, so 6 tasks"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "slurm", "array.sbatch")), Does.Contain("#SBATCH --array=0-5\n"));
        foreach ((string option, string value, string why) in new[] { ("--time", "2h", "not a Slurm time"), ("--mem", "lots", "not a memory size"), ("--partition", "a b", "not a partition name"), ("--tasks", "0", "out of range") })
        {
            (code, _, error) = cli.Invoke("slurm", file, "--out", Path.Combine(cli.Folder, "other"), option, value);
            Assert.That(code, Is.EqualTo(2), option);
            Assert.That(error, Does.Contain(why), option);
        }
        Assert.That(Directory.Exists(Path.Combine(cli.Folder, "other")), Is.False, "nothing written");
        (code, _, error) = cli.Invoke("slurm", file, "--out", Path.Combine(cli.Folder, "fresh"), "--resubmit");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("records no earlier submission"));
        // A second fresh submission into the same folder would mix with the first.
        (code, _, error) = cli.Invoke("slurm", file, "--out", dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("was submitted before").And.Contain("--resubmit").And.Contain("--force"));
        (code, _, error) = cli.Invoke("slurm", file, "--out", dir, "--resubmit", "--seed", "1");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("is not the plan submitted into"));
        (code, output, error) = cli.Invoke("slurm", file, "--out", dir, "--resubmit");
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("shards to run again: 0,1,2,3,4,5").And.Contain("--array=0,1,2,3,4,5"));
    }

    [Test]
    public void SubmitWithoutSbatchSaysSoAndKeepsTheScripts()
    {
        using var cli = new CliHarness();
        string file = cli.Write("s.yaml", CliHarness.Small), dir = Path.Combine(cli.Folder, "out");
        ProcessStartInfo info = Command("", "slurm", file, "--out", dir, "--submit");
        info.Environment["PATH"] = Path.Combine(cli.Folder, "no-tools");
        var (code, error) = RunToEnd(info);
        Assert.That(code, Is.EqualTo(1), error);
        Assert.That(error, Does.Contain("error: sbatch not found on PATH").And.Contain("without --submit to write the scripts only"));
        Assert.That(File.Exists(Path.Combine(dir, "slurm", "array.sbatch")), Is.True);
    }
}
