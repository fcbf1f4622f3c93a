using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CoProdSim.Experiments.Output;

namespace CoProdSim.Tests.Experiments;

/// <summary>
/// What the crash-safety tests share: snapshots of a results folder, comparing two folders' results (all but the
/// times and ids that differ between any two runs), and the built command run as a child process that can be killed.
/// </summary>
internal static partial class ResultFolderHarness
{
    /// <summary>The results a reader sees: every file in the folder itself (not the hidden work folders), with its SHA-256.</summary>
    public static Dictionary<string, string> Visible(string dir) => !Directory.Exists(dir) ? [] :
        Directory.GetFiles(dir).Where(f => !Path.GetFileName(f).StartsWith('.'))
            .ToDictionary(Path.GetFileName, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))!;

    /// <summary>
    /// Asserts that <paramref name="dir"/> holds the same results as <paramref name="reference"/>: every data file
    /// byte for byte, the manifest and the report but for the times, the generation id and the count of resumed runs.
    /// </summary>
    public static void AssertSameResults(string dir, string reference)
    {
        string[] names = Directory.GetFiles(reference).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).ToArray()!;
        Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')), Is.EquivalentTo(names), "the same files");
        foreach (string name in names)
        {
            string a = Path.Combine(dir, name), b = Path.Combine(reference, name);
            if (name == ResultFiles.ManifestFile) Assert.That(Comparable(a), Is.EqualTo(Comparable(b)), "manifest.json but for times and ids");
            else if (name == ResultFolder.ReportFile) Assert.That(Times().Replace(File.ReadAllText(a), "T"), Is.EqualTo(Times().Replace(File.ReadAllText(b), "T")), "report.html but for the run's time");
            else Assert.That(File.ReadAllBytes(a), Is.EqualTo(File.ReadAllBytes(b)), $"{name} byte for byte");
        }
        Assert.That(Directory.Exists(Path.Combine(dir, ".runs")), Is.False, "the parts are removed once published");
        Assert.That(Directory.Exists(Path.Combine(dir, ResultFolder.StagingFolder)), Is.False, "the staging folder is removed once published");
        Assert.That(File.Exists(Path.Combine(dir, ResultFolder.JournalFile)), Is.False, "no publish journal is left");
    }

    private static string Comparable(string manifest)
    {
        JsonObject m = JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        foreach (string key in new[] { "started", "ended", "generation", "runs_resumed", "scenario_file" }) m.Remove(key);
        return m.ToJsonString();
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)")]
    private static partial Regex Times();

    /// <summary>Copies a folder (files and subfolders).</summary>
    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
        foreach (string d in Directory.GetDirectories(from)) Copy(d, Path.Combine(to, Path.GetFileName(d)));
    }

    /// <summary>The built command, as users run it: <c>dotnet coprodsim.dll</c>, beside the tests.</summary>
    public static ProcessStartInfo Command(string fault, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "coprodsim.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (string a in args) info.ArgumentList.Add(a);
        info.Environment["COPRODSIM_TEST_FAULT"] = fault;
        info.Environment.Remove("COPRODSIM_MEMORY_LIMIT");
        info.Environment.Remove("COPRODSIM_DISK_LIMIT");
        return info;
    }

    /// <summary>Runs the command to its end (a fault may kill it); returns its exit code and standard error.</summary>
    public static (int Code, string Error) RunToEnd(ProcessStartInfo info, int timeoutSeconds = 120)
    {
        using var process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the command did not end in {timeoutSeconds} s");
        }
        process.WaitForExit();
        return (process.ExitCode, error.Result + output.Result);
    }

    /// <summary>
    /// Starts the command with a <c>pause</c> fault and waits until it has paused there; the caller kills it (SIGKILL)
    /// or lets another command meet it.
    /// </summary>
    public static Process StartPaused(ProcessStartInfo info, string point, int timeoutSeconds = 120)
    {
        var process = Process.Start(info)!;
        process.StandardOutput.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        string? line;
        var seen = new System.Text.StringBuilder();
        while ((line = process.StandardError.ReadLine()) is not null)
        {
            seen.AppendLine(line);
            if (line.Contains($"fault: paused at {point}", StringComparison.Ordinal)) return process;
            if (clock.Elapsed.TotalSeconds > timeoutSeconds) break;
        }
        process.Kill(entireProcessTree: true);
        Assert.Fail($"the command did not reach {point}: {seen}");
        return process;
    }

    /// <summary>Kills <paramref name="process"/> with SIGKILL (no clean-up runs) and waits for it to end.</summary>
    public static int Kill(Process process)
    {
        process.Kill();
        process.WaitForExit();
        int code = process.ExitCode;
        process.Dispose();
        return code;
    }
}
