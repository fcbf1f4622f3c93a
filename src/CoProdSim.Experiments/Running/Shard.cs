using System.Globalization;

namespace CoProdSim.Experiments.Running;

/// <summary>
/// One of <see cref="Count"/> deterministic slices of a plan's runs, for running an ensemble as many independent jobs
/// (a Slurm job array, <c>coprodsim run FILE --shard I/N</c>). The slices are strided: of the runs to simulate, in
/// canonical order (sweep point, strategy, replication), slice I takes positions I, I+N, I+2N, ... Strided rather
/// than contiguous so that each slice gets a like mix of strategies and sweep points, whose costs differ (a sweep
/// of the population size makes late points slower), and the slowest task, which the whole array waits for, is
/// close to the mean. Which runs a slice holds depends only on the plan and N, never on threads or on which runs
/// are already done; each run keeps its seed, so the parts are the bytes a one-machine run writes.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The most slices: one per run of the largest plan allowed.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>Which slice (of <paramref name="count"/>) holds the run at <paramref name="position"/> of the runs to simulate.</summary>
    public static int IndexOf(int position, int count) => position % count;

    /// <summary>The runs of this slice, in canonical order, from the plan's runs to simulate.</summary>
    public IReadOnlyList<RunSpec> Of(IReadOnlyList<RunSpec> simulated)
    {
        var mine = new List<RunSpec>(simulated.Count / Count + 1);
        for (int k = Index; k < simulated.Count; k += Count) mine.Add(simulated[k]);
        return mine;
    }

    /// <summary>Parses <c>I/N</c> (0 &lt;= I &lt; N &lt;= <see cref="MaxCount"/>); null with the problem in words when it is not one.</summary>
    public static Shard? Parse(string text, out string? problem)
    {
        const string Allowed = "allowed: I/N with whole numbers 0 <= I < N, N at most 1,000,000 (as Slurm's SLURM_ARRAY_TASK_ID counts from 0), e.g. --shard 3/20";
        string[] bits = text.Split('/');
        if (bits.Length != 2
            || !int.TryParse(bits[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(bits[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            problem = $"--shard: '{text}' is not I/N; {Allowed}";
            return null;
        }
        if (count < 1 || count > MaxCount || index >= count)
        {
            problem = $"--shard: {text} is out of range; {Allowed}";
            return null;
        }
        problem = null;
        return new Shard(index, count);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}

/// <summary>A run whose part is not in the output folder, or not sound, with why (<c>missing</c>, <c>checksum mismatch</c>, ...).</summary>
public sealed record MissingRun(RunSpec Run, int Position, string Problem);

/// <summary>
/// <c>merge</c> (and a runner told to run nothing) found runs missing or damaged: nothing was merged. Names the runs
/// and, when the runs were made in shards, the shards to run again.
/// </summary>
public sealed class MissingRunsException : Exception
{
    /// <summary>Raised for <paramref name="missing"/> of <paramref name="total"/> runs, made in <paramref name="shards"/> slices (null: not sharded).</summary>
    public MissingRunsException(IReadOnlyList<MissingRun> missing, int total, int? shards)
        : base(Describe(missing, total, shards))
    {
        Missing = missing;
        Total = total;
        Shards = shards;
    }

    /// <summary>No runs named.</summary>
    public MissingRunsException() : this([], 0, null) { }

    /// <summary>With a message only.</summary>
    public MissingRunsException(string message) : base(message) { Missing = []; }

    /// <summary>With a message and its cause.</summary>
    public MissingRunsException(string message, Exception inner) : base(message, inner) { Missing = []; }

    /// <summary>The runs missing or damaged, in canonical order.</summary>
    public IReadOnlyList<MissingRun> Missing { get; }

    /// <summary>Runs in the plan.</summary>
    public int Total { get; }

    /// <summary>Slices the runs were made in, or null.</summary>
    public int? Shards { get; }

    /// <summary>The slices holding the missing runs, ascending (empty when not sharded).</summary>
    public IReadOnlyList<int> ShardIndices => Shards is { } n ? Missing.Select(m => Shard.IndexOf(m.Position, n)).Distinct().Order().ToArray() : [];

    private static string Describe(IReadOnlyList<MissingRun> missing, int total, int? shards)
    {
        const int named = 20;
        string list = string.Join(", ", missing.Take(named).Select(m => $"{m.Run.Id} ({m.Problem})"));
        string more = missing.Count > named ? string.Create(CultureInfo.InvariantCulture, $", and {missing.Count - named} more") : "";
        string text = string.Create(CultureInfo.InvariantCulture, $"{missing.Count:N0} of {total:N0} runs are missing or damaged: {list}{more}");
        if (shards is { } n)
        {
            var indices = missing.Select(m => Shard.IndexOf(m.Position, n)).Distinct().Order().ToArray();
            text += string.Create(CultureInfo.InvariantCulture, $"; shards to run again (of {n}): {string.Join(",", indices)}");
        }
        return text;
    }
}
