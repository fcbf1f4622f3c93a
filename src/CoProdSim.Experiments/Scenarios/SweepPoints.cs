using CoProdSim.Engine.Random;

namespace CoProdSim.Experiments.Scenarios;

/// <summary>Generates the points of a sweep.</summary>
public static class SweepPoints
{
    /// <summary>Most points a sweep may have.</summary>
    public const int MaxPoints = 100_000;

    /// <summary>Number of points without generating them.</summary>
    public static long Count(SweepMethod method, IReadOnlyList<SweepParameter> parameters, int samples) =>
        parameters.Count == 0 ? 0 : method == SweepMethod.LatinHypercube ? samples
        : parameters.Aggregate(1L, (n, p) => Math.Min(long.MaxValue / 100_000, n * (p.Values?.Count ?? p.Steps)));

    /// <summary>
    /// Grid: every combination of each parameter's values (steps evenly spaced from min to max, or the values given),
    /// the first parameter varying slowest. Latin hypercube (McKay, Beckman &amp; Conover 1979): <paramref name="samples"/>
    /// points; each parameter's range is cut into that many equal strata, each stratum sampled once at a random
    /// place, and strata are paired across parameters by random permutations drawn from keyed streams.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<double>> Generate(SweepMethod method, IReadOnlyList<SweepParameter> parameters, int samples, ulong seed)
    {
        if (parameters.Count == 0) return [];
        if (method == SweepMethod.Grid)
        {
            double[][] axes = parameters.Select(Axis).ToArray();
            var points = new List<IReadOnlyList<double>>();
            int[] index = new int[axes.Length];
            long total = Count(method, parameters, samples);
            if (total > MaxPoints) throw new ArgumentException($"{total} sweep points; at most {MaxPoints}", nameof(parameters));
            for (long k = 0; k < total; k++)
            {
                points.Add(axes.Select((a, i) => a[index[i]]).ToArray());
                for (int i = axes.Length - 1; i >= 0; i--)
                {
                    if (++index[i] < axes[i].Length) break;
                    index[i] = 0;
                }
            }
            return points;
        }
        var columns = new double[parameters.Count][];
        for (int p = 0; p < parameters.Count; p++)
        {
            var rng = new RandomStream(seed, p, 0, 0x4C48); // "LH"
            int[] perm = Enumerable.Range(0, samples).ToArray();
            for (int i = samples - 1; i > 0; i--)
            {
                int j = rng.NextInt(i + 1);
                (perm[i], perm[j]) = (perm[j], perm[i]);
            }
            SweepParameter sp = parameters[p];
            columns[p] = new double[samples];
            for (int i = 0; i < samples; i++)
            {
                double u = (perm[i] + rng.NextDouble()) / samples;
                double x = sp.Min + u * (sp.Max - sp.Min);
                columns[p][i] = sp.Integer ? Math.Round(x) : x;
            }
        }
        return Enumerable.Range(0, samples).Select(i => (IReadOnlyList<double>)columns.Select(c => c[i]).ToArray()).ToList();
    }

    private static double[] Axis(SweepParameter p)
    {
        if (p.Values is not null) return p.Values.ToArray();
        var axis = new double[p.Steps];
        for (int i = 0; i < p.Steps; i++)
        {
            double x = p.Min + (p.Max - p.Min) * i / (p.Steps - 1);
            axis[i] = p.Integer ? Math.Round(x) : x;
        }
        return axis;
    }
}
