using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Experiments.Output;

/// <summary>
/// manifest.json, typed: what was run, with what, by which version, and every run's seed. The runner writes it and
/// the report reads it through this one type (<see cref="Write"/>, <see cref="Read"/>), so the two cannot drift
/// apart, and what the report needs to know (population size, horizon, sweep method, which swept parameter is a
/// budget) is a field decided here in Experiments rather than guessed from text in Charts. Property names are
/// snake_case, as users' scripts read them.
/// </summary>
public sealed record RunManifest
{
    /// <summary>Options of the one serializer that writes and reads the manifest.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Always "coprodsim".</summary>
    public string Tool { get; init; } = "coprodsim";

    /// <summary>Tool version.</summary>
    public string Version { get; init; } = ToolVersion.Version;

    /// <summary>Git commit the tool was built from.</summary>
    public string Commit { get; init; } = ToolVersion.Commit;

    /// <summary>The scenario's name.</summary>
    public string ScenarioName { get; init; } = "";

    /// <summary>The question the scenario answers.</summary>
    public string ScenarioDescription { get; init; } = "";

    /// <summary>Path of the scenario file as given.</summary>
    public string ScenarioFile { get; init; } = "";

    /// <summary>SHA-256 of the scenario file.</summary>
    [JsonPropertyName("scenario_sha256")]
    public string ScenarioSha256 { get; init; } = "";

    /// <summary>The <c>--set</c> overrides, as given.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>Root seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>Replications per strategy and sweep point.</summary>
    public int Replications { get; init; }

    /// <summary>Threads the runs used.</summary>
    public int Threads { get; init; }

    /// <summary>Start time, round-trip ("O") format.</summary>
    public string Started { get; init; } = "";

    /// <summary>End time, round-trip ("O") format.</summary>
    public string Ended { get; init; } = "";

    /// <summary>Number of runs.</summary>
    public int Runs { get; init; }

    /// <summary>Runs found complete and kept by <c>--resume</c>.</summary>
    public int RunsResumed { get; init; }

    /// <summary>Months each run lasts (tick 0 is the initial state).</summary>
    public long Horizon { get; init; }

    /// <summary>Citizens in the population; absent for a model without citizens.</summary>
    public int? Citizens { get; init; }

    /// <summary>Neighbourhoods of the population; absent for a model without them.</summary>
    public int? Neighbourhoods { get; init; }

    /// <summary>Every parameter, fully resolved, as the scenario's parameter tables write them.</summary>
    public JsonNode? Parameters { get; init; }

    /// <summary>The strategy the others are compared with (differences.csv); absent when none is named.</summary>
    public string? Baseline { get; init; }

    /// <summary>The metrics of the headline tables (<c>outputs.metrics</c>); absent for the default columns.</summary>
    public IReadOnlyList<string>? HeadlineMetrics { get; init; }

    /// <summary>The scenario's derived metrics (<c>outputs.derived</c>), each with its expression; absent when none.</summary>
    public IReadOnlyList<DerivedMetric>? Derived { get; init; }

    /// <summary>The sweep; absent when the scenario has none.</summary>
    public ManifestSweep? Sweep { get; init; }

    /// <summary>Every run and its seed, in canonical order.</summary>
    public IReadOnlyList<ManifestRun> RunSeeds { get; init; } = [];

    /// <summary>The files of the folder.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>
    /// The identity of this set of results: a random 128-bit id drawn when the run wrote them. Every data file's
    /// size and SHA-256 are recorded with it (<see cref="Checksums"/>), so a reader can tell that the files beside
    /// the manifest are the ones this run wrote, not another run's (docs/scenarios.md, "When things go wrong").
    /// Absent in folders written before it existed.
    /// </summary>
    public string? Generation { get; init; }

    /// <summary>The fingerprint of the plan (scenario file, seed, replications, --set, version, columns) the runs were made under.</summary>
    public string? PlanFingerprint { get; init; }

    /// <summary>
    /// Size and SHA-256 of every data file of the folder (not the manifest itself, nor report.html, which
    /// <c>coprodsim report</c> may rebuild), by file name; absent in folders written before it existed.
    /// </summary>
    public IReadOnlyDictionary<string, FileChecksum>? Checksums { get; init; }

    /// <summary>Paths of the swept parameters (none without a sweep), in column order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> SweepPaths => Sweep?.Parameters ?? [];

    /// <summary>The manifest as JSON text, ending with a line end.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";

    /// <summary>Parses manifest JSON text.</summary>
    /// <exception cref="InvalidDataException">when the text is not a manifest.</exception>
    public static RunManifest Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RunManifest>(json, Options) ?? throw new InvalidDataException("manifest.json is empty (null)");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"manifest.json: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the manifest to <paramref name="path"/> atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>Reads the manifest at <paramref name="path"/>.</summary>
    public static RunManifest Read(string path) => Parse(File.ReadAllText(path));
}

/// <summary>
/// A file's size in bytes and the SHA-256 of its bytes (lower-case hexadecimal). For a CSV file, both are of its
/// text with every line ending in \n as the run writes it: a copy whose lines end in \r\n (git on Windows,
/// a spreadsheet's "save") is the same data and checks the same; any other change does not.
/// </summary>
public sealed record FileChecksum(long Bytes, string Sha256)
{
    /// <summary>Measures the file at <paramref name="path"/>.</summary>
    public static FileChecksum Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        bool text = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        byte[] buffer = new byte[1 << 16];
        byte[] cleaned = new byte[buffer.Length + 1];
        long bytes = 0;
        bool pendingReturn = false; // a \r at the end of the last buffer, kept until the next byte is seen
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (!text)
            {
                hash.AppendData(buffer, 0, n);
                bytes += n;
                continue;
            }
            int k = 0;
            for (int i = 0; i < n; i++)
            {
                byte b = buffer[i];
                if (pendingReturn && b != (byte)'\n') cleaned[k++] = (byte)'\r';
                pendingReturn = b == (byte)'\r';
                if (!pendingReturn) cleaned[k++] = b;
            }
            hash.AppendData(cleaned, 0, k);
            bytes += k;
        }
        if (pendingReturn)
        {
            hash.AppendData([(byte)'\r']);
            bytes++;
        }
        return new FileChecksum(bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}

/// <summary>The sweep of a run folder: how points were chosen, the swept parameters and each point's values.</summary>
public sealed record ManifestSweep
{
    /// <summary>The design: "grid", "latin-hypercube", "sobol", "morris", "monte-carlo" or "file".</summary>
    public SweepMethod Method { get; init; }

    /// <summary>Dotted paths of the swept parameters, in column order.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];

    /// <summary>Each point's values, in the order of <see cref="Parameters"/>.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Points { get; init; } = [];

    /// <summary>For each swept parameter, whether it is a budget lever (<see cref="SweepAxis.IsBudget"/>).</summary>
    public IReadOnlyList<bool> Budget { get; init; } = [];

    /// <summary>Smallest value of each swept parameter's range (sampled designs; absent for a grid or a Latin hypercube).</summary>
    public IReadOnlyList<double>? Min { get; init; }

    /// <summary>Largest value of each swept parameter's range (as <see cref="Min"/>).</summary>
    public IReadOnlyList<double>? Max { get; init; }

    /// <summary>Sobol: base samples N.</summary>
    public int? Samples { get; init; }

    /// <summary>Sobol: whether the design has the points for second-order indices.</summary>
    public bool? SecondOrder { get; init; }

    /// <summary>Morris: levels of the grid.</summary>
    public int? Levels { get; init; }

    /// <summary>Morris: trajectories.</summary>
    public int? Trajectories { get; init; }

    /// <summary>Metrics of the sensitivity analysis (sobol, morris).</summary>
    public IReadOnlyList<string>? Metrics { get; init; }

    /// <summary>Statistic of each run's series analysed (sobol, morris), e.g. "final".</summary>
    public string? Statistic { get; init; }

    /// <summary>Whether the folder's sweep is analysed for sensitivity (sobol or morris).</summary>
    [JsonIgnore]
    public bool Analysed => Method is SweepMethod.Sobol or SweepMethod.Morris;

    /// <summary>Index of the first swept budget lever, or -1.</summary>
    [JsonIgnore]
    public int FirstBudget
    {
        get
        {
            for (int k = 0; k < Budget.Count; k++) if (Budget[k]) return k;
            return -1;
        }
    }

    /// <summary>The sweep of a scenario, as the manifest records it.</summary>
    public static ManifestSweep Of(SweepSpec sweep)
    {
        string[] paths = sweep.Parameters.Select(p => p.Path).ToArray();
        var m = new ManifestSweep { Method = sweep.Method, Parameters = paths, Points = sweep.Points, Budget = paths.Select(SweepAxis.IsBudget).ToArray() };
        if (sweep.Method is SweepMethod.Grid or SweepMethod.LatinHypercube) return m;
        bool analysed = sweep.Method is SweepMethod.Sobol or SweepMethod.Morris;
        return m with
        {
            Min = sweep.Parameters.Select(p => p.Min).ToArray(),
            Max = sweep.Parameters.Select(p => p.Max).ToArray(),
            Samples = sweep.Method is SweepMethod.Sobol or SweepMethod.MonteCarlo ? sweep.Samples : null,
            SecondOrder = sweep.Method == SweepMethod.Sobol ? sweep.Options.SecondOrder : null,
            Levels = sweep.Method == SweepMethod.Morris ? sweep.Options.Levels : null,
            Trajectories = sweep.Method == SweepMethod.Morris ? sweep.Options.Trajectories : null,
            Metrics = analysed ? sweep.Options.Metrics : null,
            Statistic = analysed ? sweep.Options.Statistic : null,
        };
    }
}

/// <summary>One run of the folder: its strategy, replication, sweep point (with a sweep) and seed.</summary>
public sealed record ManifestRun
{
    /// <summary>Strategy name.</summary>
    public string Strategy { get; init; } = "";

    /// <summary>Replication number, from 0.</summary>
    public int Replication { get; init; }

    /// <summary>Sweep point, from 0; absent without a sweep.</summary>
    public int? Point { get; init; }

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// The seed as 16 hexadecimal digits: exact for readers that parse JSON numbers as doubles and lose digits
    /// above 2^53 (R's jsonlite, JavaScript).
    /// </summary>
    public string SeedHex
    {
        get => Seed.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        init { }
    }
}

/// <summary>What the tools know about a swept parameter from its path.</summary>
public static class SweepAxis
{
    /// <summary>
    /// Whether sweeping <paramref name="path"/> changes how much public money there is: the report then draws
    /// outcome against public cost across the budget levels. The one place this is decided.
    /// </summary>
    public static bool IsBudget(string path) =>
        Scenarios.ParameterPaths.SpecAt(path) is { } p
        && (ReferenceEquals(p, Model.Parameters.StrategyLevers.BudgetChange) || ReferenceEquals(p, Model.Parameters.PublicBodyParameters.BudgetPerCitizen));
}
