using System.Globalization;
using System.Text.Json;
using CoProdSim.Experiments.Running;

namespace CoProdSim.Experiments.Output;

/// <summary>What a publish journal records: the results being moved into place, and the run moving them.</summary>
public sealed record PublishJournal(string Generation, string ScenarioFile, string Started, int Pid, IReadOnlyList<string> Files);

/// <summary>
/// A results folder is replaced as a unit, so that a reader never sees files from two runs (docs/scenarios.md, "When
/// things go wrong"). The runs' parts go to <c>DIR/.runs/</c> and the final files to <c>DIR/.staging/</c>, while DIR
/// keeps the previous results untouched. Then <see cref="Publish"/>: (1) a journal, <c>DIR/.coprodsim-publish.json</c>,
/// names the new generation and its files; (2) the previous manifest.json goes, then every other earlier output; (3) the
/// new files are renamed in, manifest.json last; (4) the journal goes. An interruption before (1) leaves the
/// previous results whole; between (1) and (4) leaves a folder the journal marks incomplete, holding no file of the
/// previous results beside a new one, which <c>report</c> refuses and <c>run --resume</c> finishes; after (4) the new
/// results are whole. Every data file's size and SHA-256 are recorded in the manifest with the generation's id, so a
/// reader also detects a file from elsewhere copied in by hand.
/// </summary>
public static class ResultFolder
{
    /// <summary>The folder, inside the results folder, where the final files are written before they are published.</summary>
    public const string StagingFolder = ".staging";

    /// <summary>The publish journal: present only while a new generation replaces the folder's files.</summary>
    public const string JournalFile = ".coprodsim-publish.json";

    /// <summary>The report's file name (written by the report builder, a layer above).</summary>
    public const string ReportFile = "report.html";

    /// <summary>Every final file CoProdSim writes into a results folder: only these are ever replaced or removed there.</summary>
    public static readonly IReadOnlyList<string> OutputNames =
    [
        ResultFiles.TimeSeriesFile, ParquetTables.TimeSeriesFile, ResultFiles.SummaryFile, ParquetTables.SummaryFile,
        ResultFiles.DifferencesFile, Sensitivity.SensitivityTable.FileName, Sensitivity.SensitivityTable.ConvergenceFileName,
        ReportFile, ResultFiles.ManifestFile,
    ];

    /// <summary>The journal of an interrupted (or running) publish in <paramref name="dir"/>, or null when there is none.</summary>
    public static PublishJournal? ReadJournal(string dir)
    {
        string path = Path.Combine(dir, JournalFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<PublishJournal>(File.ReadAllText(path), RunManifest.Options)
                ?? new PublishJournal("unknown", "", "", 0, []);
        }
        catch (JsonException)
        {
            // Written atomically, so never half-written by us; a garbled one still marks the folder incomplete.
            return new PublishJournal("unknown", "", "", 0, []);
        }
    }

    /// <summary>
    /// Files in <paramref name="dir"/> that carry the name of a CoProdSim output but that no run of ours recorded
    /// (the folder has neither a manifest.json nor a publish journal): a run refuses to replace them.
    /// </summary>
    public static IReadOnlyList<string> ForeignOutputs(string dir)
    {
        if (IsOurs(dir)) return [];
        return OutputNames.Where(n => File.Exists(Path.Combine(dir, n)) || Directory.Exists(Path.Combine(dir, n))).ToArray();
    }

    /// <summary>
    /// Something in <paramref name="dir"/> in the way of a run, in words, or null: a file where CoProdSim keeps a
    /// folder of its own (<c>.runs</c>, <c>.staging</c>), or a folder where it writes an output file.
    /// </summary>
    public static string? Obstacle(string dir)
    {
        foreach ((string name, string what) in new[] { (EnsembleRunner.PartsFolder, "the runs' parts"), (StagingFolder, "the final files before they are published") })
        {
            string path = Path.Combine(dir, name);
            if (File.Exists(path)) return $"{path} is a file, where coprodsim keeps a folder of {what}: move it away or choose another --out";
        }
        foreach (string name in OutputNames)
        {
            string path = Path.Combine(dir, name);
            if (Directory.Exists(path)) return $"{path} is a folder, where coprodsim writes its {name}: move it away or choose another --out";
        }
        return null;
    }

    /// <summary>
    /// Whether <paramref name="dir"/> holds results of ours: whole (a manifest.json of coprodsim's, "tool":
    /// "coprodsim") or half-published (a journal). Someone else's manifest.json does not make the folder ours.
    /// </summary>
    private static bool IsOurs(string dir)
    {
        if (File.Exists(Path.Combine(dir, JournalFile))) return true;
        string manifest = Path.Combine(dir, ResultFiles.ManifestFile);
        if (!File.Exists(manifest) || new FileInfo(manifest).Length > ResultFolderCheck.MaxManifestBytes) return false;
        try
        {
            using var stream = File.OpenRead(manifest);
            using var doc = JsonDocument.Parse(stream);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("tool", out JsonElement tool) && tool.ValueKind == JsonValueKind.String && tool.GetString() == "coprodsim";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Moves the files <paramref name="files"/> (names) of generation <paramref name="generation"/> from
    /// <paramref name="staging"/> into <paramref name="dir"/>, replacing the folder's earlier outputs as described above.
    /// The caller holds the folder's lock.
    /// </summary>
    public static void Publish(string dir, string staging, string generation, string scenarioFile, IReadOnlyList<string> files)
    {
        foreach (string name in files)
        {
            if (!OutputNames.Contains(name)) throw new InvalidOperationException($"{name} is not an output of coprodsim");
            if (!File.Exists(Path.Combine(staging, name))) throw new InvalidOperationException($"{name} is not staged");
        }
        foreach (string name in files)
        {
            // Checked before anything is replaced: a folder in the way would stop the publish half-way.
            if (Directory.Exists(Path.Combine(dir, name)))
                throw new IOException($"cannot put {name} into {dir}: a folder of that name is in the way; move it and run again with --resume");
        }
        // Earlier outputs: only names of ours, and only in a folder our manifest or journal marks as ours.
        string[] earlier = IsOurs(dir) ? OutputNames.Where(n => File.Exists(Path.Combine(dir, n))).ToArray() : [];
        var journal = new PublishJournal(generation, scenarioFile, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), Environment.ProcessId, files);
        AtomicFile.WriteAllText(Path.Combine(dir, JournalFile), JsonSerializer.Serialize(journal, RunManifest.Options) + "\n");
        Fault.At("publish:begin");
        // The manifest first: from here on the folder has no manifest that could vouch for a mix of files.
        if (earlier.Contains(ResultFiles.ManifestFile)) File.Delete(Path.Combine(dir, ResultFiles.ManifestFile));
        foreach (string name in earlier.Where(n => n != ResultFiles.ManifestFile)) File.Delete(Path.Combine(dir, name));
        foreach (string name in files.Where(n => n != ResultFiles.ManifestFile).Append(ResultFiles.ManifestFile))
        {
            File.Move(Path.Combine(staging, name), Path.Combine(dir, name), overwrite: true);
            Fault.At("publish:" + name);
        }
        File.Delete(Path.Combine(dir, JournalFile));
        Fault.At("publish:end");
    }

    /// <summary>
    /// Checks that the data files of <paramref name="dir"/> are those its manifest's generation recorded: each
    /// present, with the recorded size and SHA-256. A manifest without checksums (written before they existed) is
    /// taken as it is.
    /// </summary>
    /// <exception cref="ResultFolderException">naming the first file that does not belong.</exception>
    public static void VerifyGeneration(string dir, RunManifest manifest)
    {
        if (manifest.Checksums is not { } sums) return;
        string generation = manifest.Generation ?? "unknown";
        const string Again = "the folder mixes files from two runs, or one was changed after the run; run the scenario again (with --force) to rebuild it";
        foreach ((string name, FileChecksum expected) in sums)
        {
            // Names are checked before they are used as paths: a manifest could name any file.
            if (!OutputNames.Contains(name) || name == ResultFiles.ManifestFile)
                throw new ResultFolderException(Path.Combine(dir, ResultFiles.ManifestFile), 0, $"'checksums' names '{Shorten(name)}', which is not a data file of coprodsim; run the scenario again to rebuild the folder");
            if (expected is null || expected.Sha256 is null) throw new ResultFolderException(Path.Combine(dir, ResultFiles.ManifestFile), 0, $"'checksums.{name}' lacks its bytes or sha256; run the scenario again to rebuild the folder");
            string path = Path.Combine(dir, name);
            if (!File.Exists(path))
                throw new ResultFolderException(path, 0, $"not found, but manifest.json (generation {generation}) lists it: {Again}");
            FileChecksum actual = FileChecksum.Of(path);
            if (actual.Bytes != expected.Bytes)
                throw new ResultFolderException(path, 0, string.Create(CultureInfo.InvariantCulture, $"is {actual.Bytes:N0} bytes, but manifest.json (generation {generation}) records {expected.Bytes:N0}: it is not the file that run wrote: {Again}"));
            if (!string.Equals(actual.Sha256, expected.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new ResultFolderException(path, 0, $"its SHA-256 differs from the one manifest.json (generation {generation}) records: it is not the file that run wrote: {Again}");
        }
    }

    /// <summary>
    /// Records the new size and SHA-256 of <paramref name="names"/>, rewritten in place (by <c>coprodsim analyse</c>),
    /// in the manifest of <paramref name="dir"/>, when it records checksums. The caller holds the folder's lock.
    /// </summary>
    public static void UpdateChecksums(string dir, IEnumerable<string> names)
    {
        string path = Path.Combine(dir, ResultFiles.ManifestFile);
        RunManifest m = RunManifest.Read(path);
        if (m.Checksums is null) return;
        var sums = new Dictionary<string, FileChecksum>(m.Checksums);
        foreach (string name in names) sums[name] = FileChecksum.Of(Path.Combine(dir, name));
        (m with { Checksums = sums }).Write(path);
    }

    /// <summary>Removes from the staging folder only the files CoProdSim writes there, then the folder if nothing else is left.</summary>
    public static void CleanStaging(string staging)
    {
        if (!Directory.Exists(staging)) return;
        OwnFiles.RemoveOrphans(staging);
        foreach (string name in OutputNames) AtomicFile.TryDelete(Path.Combine(staging, name));
        if (!Directory.EnumerateFileSystemEntries(staging).Any()) Directory.Delete(staging);
    }

    /// <summary>Runs complete in <paramref name="dir"/>'s parts folder and the number the interrupted plan had, or null when no run was interrupted there.</summary>
    public static (int Done, int Total)? InterruptedRuns(string dir)
    {
        string parts = Path.Combine(dir, EnsembleRunner.PartsFolder);
        string plan = Path.Combine(parts, "plan.json");
        if (!File.Exists(plan)) return null;
        int total = 0;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(plan));
            if (doc.RootElement.TryGetProperty("runs", out JsonElement runs) && runs.TryGetInt32(out int n)) total = n;
        }
        catch (JsonException)
        {
        }
        int done = Directory.EnumerateFiles(parts, "p*.csv").Count(f => OwnFiles.IsPart(Path.GetFileName(f)));
        return (done, total);
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..50] + "...";
}
