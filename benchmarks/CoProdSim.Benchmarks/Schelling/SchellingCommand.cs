using System.Diagnostics;
using System.Globalization;

namespace CoProdSim.Benchmarks.Schelling;

/// <summary>
/// <c>schelling small|large [--runs N] [--variant declared|kept-counts]</c>: builds and runs the model N times (30 by
/// default), a new seed each run, and prints each run's time (model construction plus 20 steps; process start
/// excluded) and, last, the median. The default variant is the framework comparison's declaration
/// (<see cref="SchellingModel"/>: explicit agents, a neighbour search at every activation) and prints
/// <c>schelling_large_median_ms=12.3</c>; <c>--variant kept-counts</c> times <see cref="SchellingKeptCountsModel"/>,
/// which is not comparable with other frameworks' figures, and labels its line so:
/// <c>schelling_large_kept_counts_median_ms=1.2</c>.
/// </summary>
public static class SchellingCommand
{
    private const string Usage = "usage: schelling small|large [--runs N] [--variant declared|kept-counts]";

    /// <summary>Runs the command; returns the exit code (2 for bad arguments).</summary>
    public static int Run(string[] args, TextWriter output)
    {
        SchellingSpec? spec = args.Length > 0 ? args[0] switch { "small" => SchellingSpec.Small, "large" => SchellingSpec.Large, _ => null } : null;
        int runs = 30;
        bool keptCounts = false;
        for (int i = 1; i < args.Length && spec is not null; i++)
        {
            if (args[i] == "--runs" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int r) && r > 0) { runs = r; i++; }
            else if (args[i] == "--variant" && i + 1 < args.Length && args[i + 1] is "declared" or "kept-counts") { keptCounts = args[i + 1] == "kept-counts"; i++; }
            else spec = null;
        }
        if (spec is null)
        {
            output.WriteLine(Usage);
            return 2;
        }
        var times = new double[runs];
        ulong baseSeed = (ulong)Stopwatch.GetTimestamp();
        for (int k = 0; k < runs; k++)
        {
            ulong seed = baseSeed + (ulong)k;
            var sw = Stopwatch.StartNew();
            int unhappy = keptCounts
                ? SchellingKeptCountsModel.BuildAndRun(spec, seed).CountUnhappy()
                : SchellingModel.BuildAndRun(spec, seed).LastMoves;
            times[k] = sw.Elapsed.TotalMilliseconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {k + 1}: {times[k]:F2} ms (seed {seed}, unhappy at the end: {unhappy})"));
        }
        Array.Sort(times);
        double median = runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
        string label = keptCounts ? $"{spec.Name}_kept_counts" : spec.Name;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"schelling_{label}_median_ms={median:F2}"));
        return 0;
    }
}
