using System.Diagnostics;
using System.Globalization;

namespace CoProdSim.Benchmarks.Schelling;

/// <summary>
/// <c>schelling small|large [--runs N]</c>: builds and runs the model N times, a new seed each run, and prints each
/// run's time (model construction plus 20 steps; process start excluded) and, last, the median in the form
/// <c>schelling_large_median_ms=12.3</c>.
/// </summary>
public static class SchellingCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        SchellingSpec? spec = args.Length > 0 ? args[0] switch { "small" => SchellingSpec.Small, "large" => SchellingSpec.Large, _ => null } : null;
        int runs = 30;
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--runs" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int r) && r > 0) { runs = r; i++; }
            else { spec = null; break; }
        }
        if (spec is null)
        {
            output.WriteLine("usage: schelling small|large [--runs N]");
            return 2;
        }
        var times = new double[runs];
        ulong baseSeed = (ulong)Stopwatch.GetTimestamp();
        for (int k = 0; k < runs; k++)
        {
            ulong seed = baseSeed + (ulong)k;
            var sw = Stopwatch.StartNew();
            SchellingModel model = SchellingModel.BuildAndRun(spec, seed);
            times[k] = sw.Elapsed.TotalMilliseconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {k + 1}: {times[k]:F2} ms (seed {seed}, unhappy at the end: {model.CountUnhappy()})"));
        }
        Array.Sort(times);
        double median = runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"schelling_{spec.Name}_median_ms={median:F2}"));
        return 0;
    }
}
