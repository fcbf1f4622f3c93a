using System.Globalization;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Model.Parameters;
using CitizenState = CoProdSim.Model.Population.Citizens;

namespace CoProdSim.Experiments.Running;

/// <summary>
/// What a run will need, estimated from the scenario before anything runs: peak memory (the models running at once
/// plus what the results accumulate) and disk (the runs' parts plus the final files staged beside them), so that a
/// run too large for the machine is refused at once with what to change, not after hours by the out-of-memory killer
/// or a full disk. The figures are upper estimates: the model's bytes per citizen are measured (tests check the
/// estimate against the measured heap, docs/performance.md "Memory per citizen"), the rest counted from the
/// structures that hold them.
/// </summary>
public sealed record ResourceEstimate
{
    /// <summary>Memory of the runtime itself, the loaded code and the report's page (plotly.js is 4 MB), whatever the scenario.</summary>
    public const long BaseBytes = 120L << 20;

    /// <summary>Bytes per citizen and contact of the social network (an int per contact, plus the citizen's offset).</summary>
    public const int ContactBytes = 4;

    /// <summary>A model's fixed memory: partitions' buffers, neighbourhood arrays, the metric channel.</summary>
    public const long ModelFixedBytes = 8L << 20;

    /// <summary>
    /// The managed heap runs ahead of the live data between collections: the memory estimate allows a quarter more
    /// for the models (<see cref="ModelBytesOf"/> is checked against the heap measured after a collection).
    /// </summary>
    public const double HeapHeadroom = 1.25;

    /// <summary>Bytes per run held until the end: its seed and labels in the plan and the manifest (JSON text included).</summary>
    public const long BytesPerRun = 700;

    /// <summary>Bytes of a metric value in a CSV row: a round-trip double is up to 17 digits with sign, point, exponent and comma.</summary>
    public const int CsvValueBytes = 20;

    /// <summary>Runs in the plan (sweep points x strategies x replications).</summary>
    public long Runs { get; init; }

    /// <summary>Models that run at once: one per thread, never more than the runs.</summary>
    public int ConcurrentModels { get; init; }

    /// <summary>The largest population of any run (a sweep may vary it).</summary>
    public long Citizens { get; init; }

    /// <summary>Estimated bytes of one model of <see cref="Citizens"/> citizens.</summary>
    public long ModelBytes { get; init; }

    /// <summary>Estimated bytes the results accumulate (plan, seeds, final-month values, the report's bands).</summary>
    public long ResultBytes { get; init; }

    /// <summary>Estimated peak memory of the whole run.</summary>
    public long PeakMemoryBytes => BaseBytes + (long)(ConcurrentModels * ModelBytes * HeapHeadroom) + ResultBytes;

    /// <summary>Rows of timeseries.csv: every run's months, tick 0 included.</summary>
    public long Rows { get; init; }

    /// <summary>Columns of timeseries.csv.</summary>
    public int Columns { get; init; }

    /// <summary>Estimated bytes of the runs' parts (as timeseries.csv without its header).</summary>
    public long PartBytes { get; init; }

    /// <summary>Estimated bytes of the final files (timeseries.csv and .parquet, summaries, manifest, report).</summary>
    public long FinalBytes { get; init; }

    /// <summary>
    /// Estimated disk space needed at the peak, on the results folder's file system: the parts and the staged final
    /// files exist together until the final files are published (the previous results stay until then too, but they
    /// already take their space).
    /// </summary>
    public long DiskBytes => PartBytes + FinalBytes;

    /// <summary>The bytes the time series alone adds (the part of <see cref="FinalBytes"/> that outputs.timeseries: false saves).</summary>
    public long TimeSeriesBytes { get; init; }

    /// <summary>
    /// Bytes of one model of <paramref name="citizens"/> citizens: the model's own count of state per citizen
    /// (<see cref="CitizenState.StateBytes"/>: 134 bytes with 4 domains, docs/performance.md "Memory per citizen"), the
    /// network, and <see cref="ModelFixedBytes"/>. ResourceLimitTests checks it against the heap of a built model.
    /// </summary>
    public static long ModelBytesOf(long citizens, int domains, long contacts) =>
        citizens * (CitizenState.StateBytes(domains) + ContactBytes * (contacts + 1)) + ModelFixedBytes;

    /// <summary>Estimates the run of <paramref name="scenario"/> on <paramref name="threads"/> threads.</summary>
    public static ResourceEstimate Of(Scenario scenario, int threads)
    {
        var plan = new RunPlan(scenario);
        long citizens = 0, contacts = 0, horizon = 0;
        int points = scenario.PointCount;
        for (int p = 0; p < points; p++)
        {
            for (int s = 0; s < scenario.Strategies.Count; s++)
            {
                ModelParameters m = scenario.Sweep is null ? scenario.Model : RunPlan.ParametersFor(scenario, p, s);
                citizens = Math.Max(citizens, m.Population[PopulationParameters.Citizens]);
                contacts = Math.Max(contacts, m.Population[PopulationParameters.Contacts]);
                horizon = Math.Max(horizon, m.Horizon);
                if (scenario.Sweep is null) break;
            }
            if (scenario.Sweep is null) break;
        }
        int domains = scenario.Model.Domains.Count;
        int metrics = new CoProductionFactory(scenario).MetricNames.Count + scenario.Outputs.Derived.Count;
        int sweeps = scenario.Sweep?.Parameters.Count ?? 0;
        long runs = scenario.RunCount;
        int strategies = scenario.Strategies.Count;
        long model = ModelBytesOf(citizens, domains, contacts);
        // Held to the end: per run (plan, manifest seeds, each run's final values for differences and sensitivity),
        // and per strategy, month and metric the report's bands, per point, strategy and metric the final estimates.
        long results = runs * (BytesPerRun + 16L * metrics) + strategies * (horizon + 1) * metrics * 40L + points * (long)strategies * metrics * 48L;
        long rows = runs * (horizon + 1);
        int longestName = scenario.Strategies.Max(s => s.Name.Length);
        long rowBytes = longestName + 32 + sweeps * CsvValueBytes + metrics * (long)CsvValueBytes;
        long parts = rows * rowBytes;
        OutputSpec o = scenario.Outputs;
        long series = (o.TimeSeries && o.Csv ? parts : 0) + (o.TimeSeries && o.Parquet ? rows * (metrics + sweeps + 4L) * 9 : 0);
        long summaries = points * (long)strategies * metrics * 160 * ((o.Csv ? 1 : 0) + (o.Parquet ? 1 : 0) + (scenario.Baseline is null ? 0 : 1));
        long final = series + summaries + runs * 200 + (o.Report ? 8L << 20 : 0);
        return new ResourceEstimate
        {
            Runs = runs,
            ConcurrentModels = (int)Math.Max(1, Math.Min(threads, runs)),
            Citizens = citizens,
            ModelBytes = model,
            ResultBytes = results,
            Rows = rows,
            Columns = 4 + sweeps + metrics,
            PartBytes = parts,
            FinalBytes = final,
            TimeSeriesBytes = series,
        };
    }

    /// <summary>Bytes in words: 1.2 GB, 350 MB, 12 KB (powers of 1,024, as free(1) and df -h).</summary>
    public static string Size(long bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB", "PB"];
        double x = bytes;
        int u = 0;
        while (x >= 1024 && u < units.Length - 1) { x /= 1024; u++; }
        return u == 0 ? bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : x.ToString(x < 10 ? "F1" : "F0", CultureInfo.InvariantCulture) + " " + units[u];
    }

    /// <summary>
    /// Why the run cannot fit in <paramref name="memoryLimit"/> bytes of memory, with what to change (fewer threads,
    /// a smaller population, fewer runs), or null when it fits.
    /// </summary>
    public string? MemoryProblem(long memoryLimit, int threads)
    {
        if (PeakMemoryBytes <= memoryLimit) return null;
        var fixes = new List<string>();
        long room = memoryLimit - BaseBytes - ResultBytes;
        long perModel = (long)(ModelBytes * HeapHeadroom);
        if (room >= perModel && ConcurrentModels > 1)
        {
            long fit = Math.Min(ConcurrentModels - 1, room / perModel);
            fixes.Add(string.Create(CultureInfo.InvariantCulture, $"--threads {fit} (each thread runs one model at a time)"));
        }
        long CitizensFit(int models) => room > ModelFixedBytes * models
            ? (long)((room / (double)models / HeapHeadroom - ModelFixedBytes) / Math.Max(1.0, (ModelBytes - ModelFixedBytes) / (double)Math.Max(1, Citizens)))
            : 0;
        long citizensFit = CitizensFit(ConcurrentModels), alone = CitizensFit(1);
        if (citizensFit >= 10 && citizensFit < Citizens)
            fixes.Add(string.Create(CultureInfo.InvariantCulture, $"population.citizens at most {citizensFit:N0}")
                + (ConcurrentModels > 1 && alone > citizensFit ? string.Create(CultureInfo.InvariantCulture, $" (at most {Math.Min(alone, Citizens):N0} with --threads 1)") : ""));
        if (ResultBytes > memoryLimit / 4) fixes.Add("fewer runs (replications, sweep points or strategies): the results of each are kept to the end");
        if (fixes.Count == 0) fixes.Add("a smaller population or fewer runs");
        return string.Create(CultureInfo.InvariantCulture,
            $"the run would need about {Size(PeakMemoryBytes)} of memory ({ConcurrentModels:N0} model{(ConcurrentModels == 1 ? "" : "s")} of {Citizens:N0} citizens at once, {Size(perModel)} each with headroom for the garbage collector, and {Size(ResultBytes)} of results), more than the {Size(memoryLimit)} {Machine.MemoryWords}; use {string.Join(", or ", fixes)}; or run it on a larger machine");
    }

    /// <summary>Why the outputs cannot fit in <paramref name="free"/> bytes of disk at <paramref name="dir"/>, with what to change, or null.</summary>
    public string? DiskProblem(long free, string dir)
    {
        if (DiskBytes <= free) return null;
        var fixes = new List<string> { "free some space", "choose an --out on a larger disk" };
        if (TimeSeriesBytes > 0) fixes.Add($"set outputs: {{timeseries: false}} (saves {Size(TimeSeriesBytes)}; summary.csv is still written)");
        fixes.Add("fewer runs or a shorter horizon");
        return string.Create(CultureInfo.InvariantCulture,
            $"the run would write about {Size(DiskBytes)} ({Rows:N0} rows of {Columns:N0} columns: {Size(PartBytes)} of runs' parts and {Size(FinalBytes)} of final files), more than the {Size(free)} {Machine.DiskWords(dir)}; {string.Join(", ", fixes)}");
    }

    /// <summary>The estimates in one line, for <c>validate</c> and <c>run</c>.</summary>
    public string Describe(long? memoryLimit, long? free) => string.Create(CultureInfo.InvariantCulture,
        $"estimated peak memory {Size(PeakMemoryBytes)}{(memoryLimit is { } m ? $" (this machine: {Size(m)})" : "")}, disk {Size(DiskBytes)}{(free is { } f ? $" ({Size(f)} free)" : "")}");
}

/// <summary>
/// The machine a run is checked against: its memory (the container's limit where there is one) and the free space
/// of a folder's file system. <c>COPRODSIM_MEMORY_LIMIT</c> and <c>COPRODSIM_DISK_LIMIT</c> (bytes, or with K, M, G,
/// T) set lower limits, e.g. on a shared machine, and let tests play a small machine.
/// </summary>
public static class Machine
{
    /// <summary>Environment variable capping the memory a run may use.</summary>
    public const string MemoryVariable = "COPRODSIM_MEMORY_LIMIT";

    /// <summary>Environment variable capping the disk space a run may use.</summary>
    public const string DiskVariable = "COPRODSIM_DISK_LIMIT";

    /// <summary>Where the memory limit comes from, in words: "this machine has" or "COPRODSIM_MEMORY_LIMIT allows".</summary>
    public static string MemoryWords => Environment.GetEnvironmentVariable(MemoryVariable) is { Length: > 0 } ? $"{MemoryVariable} allows" : "this machine has";

    /// <summary>Where the disk limit comes from, in words.</summary>
    public static string DiskWords(string dir) => Environment.GetEnvironmentVariable(DiskVariable) is { Length: > 0 }
        ? $"{DiskVariable} allows (for {dir})" : $"free on the file system of {dir}";

    /// <summary>The memory a run may use: the GC's view of the machine (the cgroup limit in a container), or the environment's lower cap.</summary>
    public static long MemoryBytes()
    {
        long machine = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (machine <= 0) machine = long.MaxValue;
        return Limit(MemoryVariable) is { } cap ? Math.Min(cap, machine) : machine;
    }

    /// <summary>Free bytes on the file system of <paramref name="dir"/> (or of its nearest existing parent), or the environment's lower cap; null when unknown.</summary>
    public static long? FreeDiskBytes(string dir)
    {
        long? free = null;
        try
        {
            string? existing = Path.GetFullPath(dir);
            while (existing is not null && !Directory.Exists(existing)) existing = Path.GetDirectoryName(existing);
            // A virtual file system (/proc, /sys) has no size: its free space says nothing; writing there fails later, in words.
            if (existing is not null && new DriveInfo(existing) is { TotalSize: > 0 } drive) free = drive.AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
        }
        return Limit(DiskVariable) is { } cap ? Math.Min(cap, free ?? long.MaxValue) : free;
    }

    /// <summary>A limit from the environment: bytes, or a number with K, M, G or T (powers of 1,024); null when unset.</summary>
    /// <exception cref="SettingException">when set to something else, naming the variable.</exception>
    public static long? Limit(string variable)
    {
        string? given = Environment.GetEnvironmentVariable(variable)?.Trim();
        if (string.IsNullOrEmpty(given)) return null;
        string text = given;
        // "16GB", "16GiB" and "16G" all mean the same here, as in Slurm's --mem and docker's --memory.
        if (text.EndsWith("iB", StringComparison.OrdinalIgnoreCase)) text = text[..^2];
        else if (text.Length > 1 && char.ToUpperInvariant(text[^1]) == 'B' && char.IsLetter(text[^2])) text = text[..^1];
        long scale = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1 };
        string number = scale == 1 ? text : text[..^1];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x) || x < 0 || x * scale > long.MaxValue)
            throw new SettingException($"{variable}: '{given}' is not a size; allowed: bytes, or a number with K, M, G or T (powers of 1,024; KB, GiB and the like also read), e.g. 16G");
        return (long)(x * scale);
    }
}

/// <summary>An environment variable of CoProdSim's set to a value it does not allow: bad input, in words.</summary>
public sealed class SettingException : Exception
{
    /// <summary>The problem, naming the variable, what was found and what is allowed.</summary>
    public SettingException(string message) : base(message) { }

    /// <summary>Required by convention.</summary>
    public SettingException() { }

    /// <summary>Required by convention.</summary>
    public SettingException(string message, Exception inner) : base(message, inner) { }
}
