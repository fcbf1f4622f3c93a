using System.Text.Json;
using System.Text.Json.Serialization;
using CoProdSim.Experiments.Output;

namespace CoProdSim.Experiments.Running;

/// <summary>
/// <c>DIR/.runs/plan.json</c>: what the parts in <c>.runs/</c> were made for. The fingerprint (<see
/// cref="EnsembleRunner.PlanFingerprint"/>) is what a part's record and a resumed or merged run must match; the
/// scenario file (absolute path and SHA-256), the <c>--set</c> overrides, root seed and replications are what
/// <c>coprodsim merge DIR</c> needs to rebuild the plan without being told; <see cref="Shards"/> is the N of runs made
/// with <c>--shard I/N</c>, so that missing runs can be named by the shard to run again.
/// </summary>
public sealed record PlanFile
{
    /// <summary>The file's name in the parts folder.</summary>
    public const string FileName = "plan.json";

    /// <summary>Identity of the plan (hash of scenario, seed, replications, overrides, version and columns).</summary>
    [JsonPropertyName("fingerprint")] public string Fingerprint { get; init; } = "";

    /// <summary>Runs in the plan.</summary>
    [JsonPropertyName("runs")] public int Runs { get; init; }

    /// <summary>The scenario file's absolute path.</summary>
    [JsonPropertyName("scenario")] public string? Scenario { get; init; }

    /// <summary>SHA-256 of the scenario file's bytes.</summary>
    [JsonPropertyName("scenario_sha256")] public string? ScenarioSha256 { get; init; }

    /// <summary>The <c>--set</c> overrides, as given.</summary>
    [JsonPropertyName("overrides")] public IReadOnlyList<string>? Overrides { get; init; }

    /// <summary>The root seed (after <c>--seed</c>).</summary>
    [JsonPropertyName("seed")] public ulong? Seed { get; init; }

    /// <summary>Replications (after <c>--replications</c>).</summary>
    [JsonPropertyName("replications")] public int? Replications { get; init; }

    /// <summary>The N of <c>--shard I/N</c> the runs are made in; null for a one-machine run.</summary>
    [JsonPropertyName("shards")] public int? Shards { get; init; }

    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The record as JSON text (one line).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads <paramref name="path"/>; null when it is absent.</summary>
    /// <exception cref="InvalidDataException">when it is not a plan record (damaged, or not ours).</exception>
    public static PlanFile? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            PlanFile? plan = JsonSerializer.Deserialize<PlanFile>(File.ReadAllText(path), Options);
            if (plan is null || plan.Fingerprint.Length == 0) throw new InvalidDataException($"{path} is damaged: it has no fingerprint");
            return plan;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is damaged: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> holding this record unless it exists: written under a temporary name, flushed
    /// and linked into place without replacing (<see cref="File.Move(string, string, bool)"/> with overwrite false is
    /// a hard link on Linux, atomic on local file systems and NFS alike), so of many tasks starting at once on many
    /// nodes exactly one creates it and the others read the winner's, with no lock service. Returns whether this
    /// call created it.
    /// </summary>
    public bool TryCreate(string path)
    {
        string temp = AtomicFile.TempName(path);
        try
        {
            File.WriteAllText(temp, ToJson());
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite)) stream.Flush(flushToDisk: true);
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            AtomicFile.TryDelete(temp);
        }
    }
}
