using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Running;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Cli;

/// <summary>What <c>coprodsim slurm</c> was asked for.</summary>
internal sealed record SlurmOptions(string File)
{
    public string? Out { get; init; }
    public int? Tasks { get; init; }
    public int? CpusPerTask { get; init; }
    public string? Time { get; init; }
    public string? Partition { get; init; }
    public string? Account { get; init; }
    public string? Mem { get; init; }
    public ulong? Seed { get; init; }
    public int? Replications { get; init; }
    public string[] Sets { get; init; } = [];
    public bool Submit { get; init; }
    public bool Resubmit { get; init; }
    public bool Force { get; init; }
}

/// <summary>
/// <c>DIR/slurm/job.json</c>: what <c>coprodsim slurm</c> set up in DIR, so that <c>--resubmit</c> runs the same plan
/// in the same shards and knows the jobs it submitted.
/// </summary>
internal sealed record SlurmJob
{
    [JsonPropertyName("scenario")] public string Scenario { get; init; } = "";
    [JsonPropertyName("scenario_sha256")] public string ScenarioSha256 { get; init; } = "";
    [JsonPropertyName("fingerprint")] public string Fingerprint { get; init; } = "";
    [JsonPropertyName("tasks")] public int Tasks { get; init; }
    [JsonPropertyName("command")] public IReadOnlyList<string> Command { get; init; } = [];
    [JsonPropertyName("array_jobs")] public IReadOnlyList<string> ArrayJobs { get; init; } = [];
    [JsonPropertyName("merge_job")] public string? MergeJob { get; init; }
}

/// <summary>
/// <c>coprodsim slurm FILE</c>: runs a scenario on a Slurm cluster as a job array, one task per shard
/// (<c>run --shard $SLURM_ARRAY_TASK_ID/N</c>), and a merge job that runs when every task has succeeded
/// (<c>--dependency=afterok</c>). Writes <c>DIR/slurm/array.sbatch</c>, <c>merge.sbatch</c>, a copy of the scenario
/// (nodes read one fixed copy, whatever happens to FILE meanwhile) and <c>job.json</c>; <c>--submit</c> submits both
/// with sbatch; <c>--resubmit</c> submits only the shards whose runs are missing or damaged, and a fresh merge job.
/// docs/cluster.md says how to install, watch, resubmit and merge.
/// </summary>
internal static partial class SlurmCommand
{
    /// <summary>Shards when <c>--tasks</c> is not given (fewer when the plan has fewer runs to simulate).</summary>
    public const int DefaultTasks = 100;

    /// <summary>The folder, inside the output folder, of the scripts, the scenario's copy, the job record and the logs.</summary>
    public const string Folder = "slurm";

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file (YAML)" };
        var output = new Option<string?>("--out", "-o") { Description = "Output folder, on a file system every node sees [default: results/<scenario name>]" };
        var tasks = new Option<int?>("--tasks", "-n") { Description = $"Array tasks (shards) [default: {DefaultTasks}, or the runs to simulate when fewer]" };
        var cpus = new Option<int?>("--cpus-per-task", "-c") { Description = "CPUs (threads) per task [default: 1]" };
        var time = new Option<string?>("--time") { Description = "Time limit per task, as sbatch takes it (MINUTES, HH:MM:SS, D-HH:MM) [default: the partition's]" };
        var partition = new Option<string?>("--partition", "-p") { Description = "Partition [default: the cluster's]" };
        var account = new Option<string?>("--account", "-A") { Description = "Account to charge [default: yours]" };
        var mem = new Option<string?>("--mem") { Description = "Memory per task, as sbatch takes it (e.g. 2G) [default: the run's estimate]" };
        var seed = new Option<ulong?>("--seed") { Description = "Root seed, replacing the scenario's" };
        var replications = new Option<int?>("--replications", "-r") { Description = "Replications per strategy, replacing the scenario's" };
        var set = new Option<string[]>("--set") { Description = "Set a parameter: path=value (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var submit = new Option<bool>("--submit") { Description = "Submit the array and the merge job with sbatch, and print their job ids" };
        var resubmit = new Option<bool>("--resubmit") { Description = "Only the shards whose runs are missing or damaged in --out, and a fresh merge job (cancelling the stuck one)" };
        var force = new Option<bool>("--force") { Description = "Discard an earlier submission's runs and results in --out and start afresh" };
        var command = new Command("slurm", "Write (and with --submit, submit) a Slurm job array of the scenario's runs and a merge job that writes the outputs")
        {
            file, output, tasks, cpus, time, partition, account, mem, seed, replications, set, submit, resubmit, force,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Execute(new SlurmOptions(parse.GetValue(file)!)
        {
            Out = parse.GetValue(output), Tasks = parse.GetValue(tasks), CpusPerTask = parse.GetValue(cpus), Time = parse.GetValue(time),
            Partition = parse.GetValue(partition), Account = parse.GetValue(account), Mem = parse.GetValue(mem), Seed = parse.GetValue(seed),
            Replications = parse.GetValue(replications), Sets = parse.GetValue(set) ?? [], Submit = parse.GetValue(submit),
            Resubmit = parse.GetValue(resubmit), Force = parse.GetValue(force),
        }, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)));
        return command;
    }

    [GeneratedRegex(@"^(\d+-)?\d+(:\d{1,2}){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeFormat();

    [GeneratedRegex(@"^[A-Za-z0-9_.,-]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex NameFormat();

    [GeneratedRegex(@"^\d{1,12}[KMGT]?$", RegexOptions.CultureInvariant)]
    private static partial Regex MemFormat();

    public static int Execute(SlurmOptions o, TextWriter stdout, TextWriter stderr) => Failures.Guard(stderr, () => Unguarded(o, stdout, stderr));

    private static int Unguarded(SlurmOptions o, TextWriter stdout, TextWriter stderr)
    {
        const string Nothing = " Nothing was written or submitted.";
        int Bad(string message)
        {
            stderr.WriteLine($"error: {message}.{Nothing}");
            return CommandLine.BadInput;
        }
        if (o.Time is { } t && !TimeFormat().IsMatch(t)) return Bad($"--time: '{t}' is not a Slurm time; allowed: MINUTES, MINUTES:SECONDS, HOURS:MINUTES:SECONDS, DAYS-HOURS, DAYS-HOURS:MINUTES or DAYS-HOURS:MINUTES:SECONDS, e.g. --time 2:00:00");
        if (o.Partition is { } p && !NameFormat().IsMatch(p)) return Bad($"--partition: '{p}' is not a partition name; allowed: letters, digits, '_', '.', '-' (and ',' between several)");
        if (o.Account is { } a && !NameFormat().IsMatch(a)) return Bad($"--account: '{a}' is not an account name; allowed: letters, digits, '_', '.', '-'");
        if (o.Mem is { } m && !MemFormat().IsMatch(m)) return Bad($"--mem: '{m}' is not a memory size; allowed: a whole number of megabytes, or with K, M, G or T, e.g. --mem 4G");
        if (o.Resubmit && o.Force) return Bad("--resubmit and --force contradict each other: --resubmit keeps the runs done, --force discards them. Give one");
        int cpus = o.CpusPerTask ?? 1;
        if (RunCommand.Load(o.File, o.Seed, o.Replications, cpus, o.Sets, stderr, out Scenario scenario) is { } bad) return bad;
        string dir = Path.GetFullPath(o.Out ?? Path.Combine("results", scenario.Name));
        if (OutputFolder.Problem(dir, o.Out is not null) is { } badOut) return Bad(badOut);
        if (DesignFile(scenario) is { Problem: { } designProblem }) return Bad(designProblem);
        var runner = new EnsembleRunner(scenario, dir, cpus, resume: true);
        int simulated = runner.SimulatedRuns.Count;
        string slurmDir = Path.Combine(dir, Folder);
        string jobPath = Path.Combine(slurmDir, "job.json");
        SlurmJob? earlier = ReadJob(jobPath);
        int tasks;
        IReadOnlyList<int>? only = null;
        if (o.Resubmit)
        {
            if (earlier is null) return Bad($"--resubmit: {dir} records no earlier submission ({jobPath} not found); submit with 'coprodsim slurm {o.File} --out {dir} --submit' first");
            if (earlier.Fingerprint != runner.PlanFingerprint)
                return Bad($"--resubmit: {o.File} with these options is not the plan submitted into {dir} (another scenario file, seed, replications, --set or version); give the same file and options as the first submission, or start afresh with --force");
            if (o.Tasks is { } n && n != earlier.Tasks) return Bad(string.Create(CultureInfo.InvariantCulture, $"--resubmit: the runs in {dir} are split into {earlier.Tasks} shards; leave out --tasks, or start afresh with --force"));
            tasks = earlier.Tasks;
            if (File.Exists(Path.Combine(dir, ResultFiles.ManifestFile)) && ResultFolder.InterruptedRuns(dir) is null && ResultFolder.ReadJournal(dir) is null)
            {
                stdout.WriteLine($"{dir} already holds the merged results of this run; nothing to resubmit.");
                return 0;
            }
            if (o.Submit && StillQueued(earlier.ArrayJobs) is { Count: > 0 } queued)
                return Bad($"--resubmit: array job {string.Join(",", queued)} still has tasks queued or running; wait for it to end (squeue -j {string.Join(",", queued)}) or cancel it (scancel {string.Join(" ", queued)}), then resubmit");
            only = runner.Check().Select(r => Shard.IndexOf(r.Position, tasks)).Distinct().Order().ToArray();
        }
        else
        {
            tasks = Math.Min(o.Tasks ?? DefaultTasks, Math.Max(1, simulated));
            if (o.Tasks is { } asked && asked > tasks)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: --tasks {asked}: the plan has {simulated} runs to simulate, so {tasks} tasks (one run each)."));
            if (!o.Force && FreshProblem(dir, earlier, jobPath, runner.PlanFingerprint) is { } refused) return Bad(refused);
            if (ResultFolder.Obstacle(dir) is { } obstacle) return Bad(obstacle);
            if (ResultFolder.ForeignOutputs(dir) is { Count: > 0 } foreign)
                return Bad($"{dir} holds {string.Join(", ", foreign)}, which no coprodsim run recorded writing; coprodsim replaces only its own files: move them away or choose another --out");
        }

        // The files: the scenario's copy (and its design file), the scripts, the record.
        if (OutputFolder.Prepare(dir) is { } unwritable)
        {
            stderr.WriteLine("error: " + unwritable);
            return Failures.Environment;
        }
        if (o.Force && !o.Resubmit) OwnFiles.CleanParts(Path.Combine(dir, EnsembleRunner.PartsFolder));
        Directory.CreateDirectory(Path.Combine(slurmDir, "logs"));
        string copy = Path.Combine(slurmDir, Path.GetFileName(scenario.SourcePath));
        AtomicFile.WriteBinary(copy, s => s.WriteAsync(File.ReadAllBytes(scenario.SourcePath)).AsTask());
        if (DesignFile(scenario) is { From: { } from, To: { } to })
        {
            string target = Path.Combine(slurmDir, to);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            AtomicFile.WriteBinary(target, s => s.WriteAsync(File.ReadAllBytes(from)).AsTask());
        }
        string copyHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(copy)));
        if (copyHash != scenario.SourceHash) return Bad($"{o.File} changed while it was being copied to {copy}; try again");
        string[] exe = Executable();
        var options = new List<string>();
        if (o.Seed is { } seed) options.AddRange(["--seed", seed.ToString(CultureInfo.InvariantCulture)]);
        if (o.Replications is { } reps) options.AddRange(["--replications", reps.ToString(CultureInfo.InvariantCulture)]);
        foreach (string s in o.Sets) options.AddRange(["--set", s]);
        string mem = o.Mem ?? MegabytesOf(ResourceEstimate.Of(scenario, cpus).PeakMemoryBytes);
        string header = $"# coprodsim {ToolVersion.Version} (commit {ToolVersion.Commit}), scenario {scenario.Name}, {copy} (SHA-256 {scenario.SourceHash}).";
        string arrayScript = Path.Combine(slurmDir, "array.sbatch"), mergeScript = Path.Combine(slurmDir, "merge.sbatch");
        string logs = Path.Combine(slurmDir, "logs");
        var array = new StringBuilder();
        array.Append("#!/bin/bash\n").Append(header).Append('\n')
            .Append(string.Create(CultureInfo.InvariantCulture, $"# One task per shard: task I runs runs I, I+{tasks}, I+{2 * tasks}, ... of the {simulated} to simulate (docs/cluster.md), into {dir}/.runs/.\n"))
            .Append("# Submit: A=$(sbatch --parsable array.sbatch); sbatch --dependency=afterok:$A merge.sbatch (or: coprodsim slurm ... --submit).\n")
            .Append($"#SBATCH --job-name=coprodsim-{JobName(scenario.Name)}\n")
            .Append(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{tasks - 1}\n"));
        Resources(array, cpus, mem, o);
        array.Append($"#SBATCH --output={SbatchPath(Path.Combine(logs, "array-%A_%a.out"))}\n")
            .Append("set -eu\n")
            .Append("exec ").Append(string.Join(' ', exe.Select(Quote))).Append(" run ").Append(Quote(copy)).Append(" --out ").Append(Quote(dir))
            .Append(string.Create(CultureInfo.InvariantCulture, $" --shard \"${{SLURM_ARRAY_TASK_ID}}/{tasks}\" --threads \"${{SLURM_CPUS_PER_TASK:-{cpus}}}\""));
        foreach (string opt in options) array.Append(' ').Append(Quote(opt));
        array.Append('\n');
        var merge = new StringBuilder();
        merge.Append("#!/bin/bash\n").Append(header).Append('\n')
            .Append("# Runs after every task of the array has succeeded (submitted with --dependency=afterok:<array job>): checks every run is there, whole, and writes the outputs.\n")
            .Append("# A failed task leaves the dependency unsatisfiable: Slurm then cancels this job (--kill-on-invalid-dep); coprodsim slurm ... --resubmit --submit runs the failed shards and a new merge.\n")
            .Append($"#SBATCH --job-name=coprodsim-{JobName(scenario.Name)}-merge\n");
        Resources(merge, cpus, mem, o);
        merge.Append("#SBATCH --kill-on-invalid-dep=yes\n")
            .Append($"#SBATCH --output={SbatchPath(Path.Combine(logs, "merge-%j.out"))}\n")
            .Append("set -eu\n")
            .Append("exec ").Append(string.Join(' ', exe.Select(Quote))).Append(" merge ").Append(Quote(dir))
            .Append(string.Create(CultureInfo.InvariantCulture, $" --threads \"${{SLURM_CPUS_PER_TASK:-{cpus}}}\"\n"));
        AtomicFile.WriteAllText(arrayScript, array.ToString());
        AtomicFile.WriteAllText(mergeScript, merge.ToString());
        var job = new SlurmJob
        {
            Scenario = copy, ScenarioSha256 = scenario.SourceHash, Fingerprint = runner.PlanFingerprint, Tasks = tasks, Command = exe,
            ArrayJobs = o.Resubmit ? earlier!.ArrayJobs : [], MergeJob = o.Resubmit ? earlier!.MergeJob : null,
        };
        WriteJob(jobPath, job);

        string arrayRange = only is null ? "" : string.Join(",", only);
        string arrayOption = only is { Count: > 0 } ? $" --array={arrayRange}" : "";
        bool runArray = only is null || only.Count > 0;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario.Name}: {Plan.Describe(scenario)}; {simulated:N0} runs to simulate in {tasks} shards of about {(simulated + tasks - 1) / tasks} runs, {cpus} CPU{(cpus == 1 ? "" : "s")} and {mem} each."));
        if (only is not null)
            stdout.WriteLine(only.Count == 0 ? "every run is in place: only the merge is needed." : $"shards to run again: {arrayRange}");
        stdout.WriteLine($"wrote {arrayScript}, {mergeScript}, {copy}");
        if (!o.Submit)
        {
            stdout.WriteLine("submit them (on the cluster's login node):");
            if (runArray)
            {
                stdout.WriteLine($"  A=$(sbatch --parsable{arrayOption} {Quote(arrayScript)})");
                stdout.WriteLine($"  sbatch --dependency=afterok:$A {Quote(mergeScript)}");
            }
            else
            {
                stdout.WriteLine($"  sbatch {Quote(mergeScript)}");
            }
            stdout.WriteLine("or run this command again with --submit.");
            return 0;
        }

        string? sbatch = Which("sbatch");
        if (sbatch is null)
        {
            stderr.WriteLine($"error: sbatch not found on PATH ({System.Environment.GetEnvironmentVariable("PATH")}): submit from a machine with Slurm's client commands (a login node; 'module load slurm' on some clusters), or without --submit to write the scripts only. The scripts are written: {arrayScript}, {mergeScript}.");
            return Failures.Environment;
        }
        string? arrayJob = null;
        if (runArray)
        {
            var args = new List<string> { "--parsable" };
            if (only is { Count: > 0 }) args.Add("--array=" + arrayRange);
            args.Add(arrayScript);
            if (Sbatch(sbatch, args, stderr) is not { } id) return Failures.Environment;
            arrayJob = id;
            job = job with { ArrayJobs = [.. job.ArrayJobs, id] };
            WriteJob(jobPath, job);
        }
        if (o.Resubmit && earlier!.MergeJob is { } stuck)
        {
            // The earlier merge job waits on a dependency that can no longer be met (a task failed); Slurm cancels
            // it itself (--kill-on-invalid-dep) where it can, and this makes sure.
            if (StillQueued([stuck]).Count > 0 && Which("scancel") is { } scancel && RunTool(scancel, [stuck], out _) == 0)
                stdout.WriteLine($"cancelled the earlier merge job {stuck}");
        }
        var mergeArgs = new List<string> { "--parsable" };
        if (arrayJob is not null) mergeArgs.Add("--dependency=afterok:" + arrayJob);
        mergeArgs.Add(mergeScript);
        if (Sbatch(sbatch, mergeArgs, stderr) is not { } mergeJob)
        {
            stderr.WriteLine($"error: the array job {arrayJob} is submitted, but not the merge: submit it with: sbatch --dependency=afterok:{arrayJob} {Quote(mergeScript)}");
            return Failures.Environment;
        }
        WriteJob(jobPath, job with { MergeJob = mergeJob });
        string ids = arrayJob is null ? mergeJob : $"{arrayJob},{mergeJob}";
        if (arrayJob is not null)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"submitted array job {arrayJob} ({(only is null ? $"{tasks} tasks, shards 0-{tasks - 1}" : $"shards {arrayRange}")}) and merge job {mergeJob} (runs when every task has succeeded)"));
        else
            stdout.WriteLine($"submitted merge job {mergeJob}");
        stdout.WriteLine($"array job: {arrayJob ?? "-"}");
        stdout.WriteLine($"merge job: {mergeJob}");
        stdout.WriteLine($"watch: squeue -j {ids}    (ended jobs: sacct -j {ids} --format=JobID,JobName%30,State,ExitCode,Elapsed,MaxRSS)");
        stdout.WriteLine($"logs: {logs}/");
        stdout.WriteLine($"if a task fails: coprodsim merge {dir} names the missing runs; coprodsim slurm {o.File} --out {dir} --resubmit --submit runs only those shards again, then merges.");
        return 0;
    }

    /// <summary>Why a fresh submission into <paramref name="dir"/> would mix with or lose earlier work, or null.</summary>
    private static string? FreshProblem(string dir, SlurmJob? earlier, string jobPath, string fingerprint)
    {
        if (earlier is not null)
        {
            string jobs = string.Join(",", earlier.ArrayJobs.Append(earlier.MergeJob ?? "").Where(j => j.Length > 0));
            return $"{dir} was submitted before ({jobPath}{(jobs.Length > 0 ? $", jobs {jobs}" : "")}); --resubmit runs only its missing shards and merges, --force starts afresh (cancel its jobs first if they are still queued)";
        }
        PlanFile? plan;
        try
        {
            plan = PlanFile.Read(Path.Combine(dir, EnsembleRunner.PartsFolder, PlanFile.FileName));
        }
        catch (InvalidDataException ex)
        {
            return $"{ex.Message}; --force discards its runs and starts afresh";
        }
        if (plan is not null)
            return plan.Fingerprint == fingerprint
                ? $"{dir} holds runs of this plan from an earlier run; finish them with 'coprodsim run ... --resume', or --force to start afresh"
                : $"{dir} holds runs of another plan; --force discards them, or choose another --out";
        if (ResultFolder.ReadJournal(dir) is not null) return $"{dir} is incomplete (an interrupted publish); finish it with 'coprodsim merge {dir}' or 'coprodsim run ... --resume', or --force to start afresh";
        if (File.Exists(Path.Combine(dir, ResultFiles.ManifestFile))) return $"{dir} already holds the results of an earlier run ({ResultFiles.ManifestFile}); --force replaces them (the merge replaces the files), or choose another --out";
        return null;
    }

    /// <summary>
    /// The design file of a <c>file</c> sweep, copied beside the scenario's copy at the same relative path: the
    /// scenario names it relative to itself. One outside the scenario's folder cannot be copied so.
    /// </summary>
    private static (string? From, string? To, string? Problem) DesignFile(Scenario scenario)
    {
        if (scenario.Sweep?.Options.File is not { } relative) return (null, null, null);
        if (Path.IsPathRooted(relative)) return (null, null, null);
        string normal = Path.GetRelativePath(".", relative);
        if (normal.StartsWith("..", StringComparison.Ordinal))
            return (null, null, $"sweep.file '{relative}' lies outside the scenario's folder; the scenario is copied into the output folder for the nodes, so its design file must be in the scenario's folder or below it, or named by an absolute path");
        string from = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scenario.SourcePath)) ?? ".", relative);
        return (from, relative, null);
    }

    private static void Resources(StringBuilder sb, int cpus, string mem, SlurmOptions o)
    {
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={cpus}\n"));
        sb.Append($"#SBATCH --mem={mem}\n");
        if (o.Time is { } time) sb.Append($"#SBATCH --time={time}\n");
        if (o.Partition is { } partition) sb.Append($"#SBATCH --partition={partition}\n");
        if (o.Account is { } account) sb.Append($"#SBATCH --account={account}\n");
    }

    /// <summary>Megabytes, rounded up, as sbatch's --mem takes them.</summary>
    private static string MegabytesOf(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{(bytes + (1 << 20) - 1) >> 20}M");

    /// <summary>A job name: the scenario's, with only characters every shell and Slurm tool shows as they are.</summary>
    private static string JobName(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());

    /// <summary>A path on an #SBATCH line, which sbatch reads without a shell: quoted when it holds a space.</summary>
    private static string SbatchPath(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;

    /// <summary>A word for bash, single-quoted unless it is plain.</summary>
    internal static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=:,+@%".Contains(c, StringComparison.Ordinal)) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// The command that runs this coprodsim, by absolute paths, for the nodes: the app itself (a self-contained or
    /// framework-dependent <c>coprodsim</c> from <c>dotnet publish</c>), or the dotnet host and <c>coprodsim.dll</c>.
    /// </summary>
    internal static string[] Executable()
    {
        string process = System.Environment.ProcessPath ?? "";
        string name = Path.GetFileNameWithoutExtension(process);
        if (name == "coprodsim") return [process];
        string dll = typeof(SlurmCommand).Assembly.Location;
        if (dll.Length == 0) dll = Path.Combine(AppContext.BaseDirectory, "coprodsim.dll");
        string host = name == "dotnet" ? process : DotnetHost();
        return [host, dll];
    }

    private static string DotnetHost()
    {
        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } set && File.Exists(set)) return set;
        // The host sits three folders above the shared runtime (DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION/).
        string root = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));
        return File.Exists(root) ? root : Which("dotnet") ?? "dotnet";
    }

    /// <summary>The absolute path of <paramref name="tool"/> on PATH, or null.</summary>
    internal static string? Which(string tool)
    {
        foreach (string folder in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string path = Path.Combine(folder, tool);
            if (File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
                return Path.GetFullPath(path);
        }
        return null;
    }

    /// <summary>Submits with sbatch --parsable; the job id, or null after printing why not.</summary>
    private static string? Sbatch(string sbatch, IReadOnlyList<string> args, TextWriter stderr)
    {
        int code = RunTool(sbatch, args, out string output);
        string id = output.Trim().Split('\n')[^1].Split(';')[0].Trim();
        if (code != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
        {
            stderr.WriteLine($"error: sbatch {string.Join(' ', args.Select(Quote))} failed (exit code {code}): {output.Trim()}");
            return null;
        }
        return id;
    }

    /// <summary>Which of <paramref name="jobs"/> squeue still lists (queued or running); empty when squeue is absent.</summary>
    private static List<string> StillQueued(IReadOnlyList<string> jobs)
    {
        if (jobs.Count == 0 || Which("squeue") is not { } squeue) return [];
        // --array shows each task; %F is the array's job id (the job's own for a plain job).
        if (RunTool(squeue, ["-h", "--array", "-o", "%F", "-j", string.Join(",", jobs)], out string output) != 0) return [];
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(jobs.Contains).Distinct().ToList();
    }

    private static int RunTool(string tool, IReadOnlyList<string> args, out string output)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        Task<string> err = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        output = text + err.Result;
        return process.ExitCode;
    }

    private static SlurmJob? ReadJob(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<SlurmJob>(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is damaged ({ex.Message}); start afresh with --force", ex);
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static void WriteJob(string path, SlurmJob job) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(job, Indented) + "\n");
}
