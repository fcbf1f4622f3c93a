using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Experiments.Designs;

/// <summary>
/// Every combination of each parameter's values (steps evenly spaced from min to max, or the values given, which may
/// be names for a choice parameter), the first parameter varying slowest.
/// </summary>
public sealed class GridDesign : IDesign
{
    /// <inheritdoc />
    public SweepMethod Method => SweepMethod.Grid;

    /// <inheritdoc />
    public bool Samples => false;

    /// <inheritdoc />
    public long Count(SweepSpec sweep) =>
        sweep.Parameters.Count == 0 ? 0 : sweep.Parameters.Aggregate(1L, (n, p) => Math.Min(long.MaxValue / 100_000, n * (p.Values?.Count ?? p.Steps)));

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyList<double>> Generate(SweepSpec sweep, ulong seed)
    {
        if (sweep.Parameters.Count == 0) return [];
        double[][] axes = sweep.Parameters.Select(Axis).ToArray();
        var points = new List<IReadOnlyList<double>>();
        int[] index = new int[axes.Length];
        long total = Count(sweep);
        if (total > SweepPoints.MaxPoints) throw new ArgumentException($"{total} sweep points; at most {SweepPoints.MaxPoints}", nameof(sweep));
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
