using CoProdSim.Engine.Random;
using CoProdSim.Experiments.Scenarios;

namespace CoProdSim.Experiments.Designs;

/// <summary>
/// Morris's elementary-effects design (Morris 1991) with the improved spread of Campolongo, Cariboni &amp; Saltelli
/// (2007). The unit range of each parameter is a grid of p levels (p even); the step is Δ = p / (2(p - 1)). A
/// trajectory starts at a random grid point from which every parameter can move by Δ, and moves one parameter at a
/// time, in random order and direction, by Δ: k + 1 points. From <c>candidates</c> such trajectories the
/// <c>trajectories</c> (r) most spread out are kept: those with the largest sum of squared distances between pairs,
/// the distance between two trajectories being the sum of the Euclidean distances between all their points
/// (Campolongo et al. 2007, eq. 2). Trying every subset is out of reach for realistic sizes, so the subset is grown
/// greedily (the farthest pair, then each time the candidate adding most), a local optimisation in the spirit of
/// Ruano et al. (2012). The design has r(k + 1) points, trajectory after trajectory.
/// </summary>
public sealed class MorrisDesign : IDesign
{
    /// <inheritdoc />
    public SweepMethod Method => SweepMethod.Morris;

    /// <inheritdoc />
    public bool Samples => true;

    /// <summary>The step Δ in the unit range for <paramref name="levels"/> levels.</summary>
    public static double Delta(int levels) => levels / (2.0 * (levels - 1));

    /// <summary>Candidates used when none are given: four per trajectory kept.</summary>
    public static int CandidatesOf(DesignOptions o) => o.Candidates > 0 ? o.Candidates : 4 * o.Trajectories;

    /// <inheritdoc />
    public long Count(SweepSpec sweep) => (long)sweep.Options.Trajectories * (sweep.Parameters.Count + 1);

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyList<double>> Generate(SweepSpec sweep, ulong seed)
    {
        DesignOptions o = sweep.Options;
        List<double[][]> chosen = Unit(sweep.Parameters.Count, o.Trajectories, o.Levels, CandidatesOf(o), seed);
        return Design.Scale(sweep.Parameters, chosen.SelectMany(t => t));
    }

    /// <summary>The chosen trajectories in the unit hypercube, each k + 1 points.</summary>
    public static List<double[][]> Unit(int k, int trajectories, int levels, int candidates, ulong seed)
    {
        var pool = new double[Math.Max(candidates, trajectories)][][];
        for (int c = 0; c < pool.Length; c++) pool[c] = Trajectory(k, levels, new RandomStream(seed, c, 0, 0x4D4F)); // "MO"
        if (pool.Length == trajectories) return [.. pool];
        return Select(pool, trajectories).Select(i => pool[i]).ToList();
    }

    /// <summary>One random trajectory: k + 1 points on the grid, each differing from the one before in one coordinate by Δ.</summary>
    public static double[][] Trajectory(int k, int levels, RandomStream rng)
    {
        double delta = Delta(levels);
        var start = new double[k];
        for (int j = 0; j < k; j++)
        {
            // The base level lies in the lower half of the grid, so that base + Δ is on the grid too.
            double lower = rng.NextInt(levels / 2) / (double)(levels - 1);
            start[j] = rng.NextBernoulli(0.5) ? lower : lower + delta;
        }
        int[] order = Enumerable.Range(0, k).ToArray();
        for (int i = k - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var points = new double[k + 1][];
        points[0] = start;
        for (int t = 0; t < k; t++)
        {
            double[] next = (double[])points[t].Clone();
            int j = order[t];
            // Up from the lower level, down from the upper one: the move stays on the grid.
            next[j] = next[j] + delta <= 1 + 1e-12 ? next[j] + delta : next[j] - delta;
            next[j] = Math.Round(next[j] * (levels - 1)) / (levels - 1);
            points[t + 1] = next;
        }
        return points;
    }

    /// <summary>Distance between two trajectories: the sum of the Euclidean distances between every pair of their points.</summary>
    public static double Distance(double[][] a, double[][] b)
    {
        double sum = 0;
        foreach (double[] p in a)
        {
            foreach (double[] q in b)
            {
                double d2 = 0;
                for (int j = 0; j < p.Length; j++) d2 += (p[j] - q[j]) * (p[j] - q[j]);
                sum += Math.Sqrt(d2);
            }
        }
        return sum;
    }

    /// <summary>The spread of a set of trajectories: the square root of the sum of their squared pairwise distances.</summary>
    public static double Spread(IReadOnlyList<double[][]> set)
    {
        double sum = 0;
        for (int i = 0; i < set.Count; i++)
            for (int j = i + 1; j < set.Count; j++) sum += Math.Pow(Distance(set[i], set[j]), 2);
        return Math.Sqrt(sum);
    }

    /// <summary>Indexes of <paramref name="r"/> candidates chosen greedily for spread, in the order chosen.</summary>
    private static List<int> Select(double[][][] pool, int r)
    {
        int m = pool.Length;
        var d2 = new double[m, m];
        (int A, int B, double D) best = (0, 1, -1);
        for (int i = 0; i < m; i++)
        {
            for (int j = i + 1; j < m; j++)
            {
                double d = Distance(pool[i], pool[j]);
                d2[i, j] = d2[j, i] = d * d;
                if (d > best.D) best = (i, j, d);
            }
        }
        var chosen = new List<int> { best.A, best.B };
        var gain = new double[m];
        for (int c = 0; c < m; c++) gain[c] = d2[c, best.A] + d2[c, best.B];
        while (chosen.Count < r)
        {
            int next = -1;
            for (int c = 0; c < m; c++)
                if (!chosen.Contains(c) && (next < 0 || gain[c] > gain[next])) next = c;
            chosen.Add(next);
            for (int c = 0; c < m; c++) gain[c] += d2[c, next];
        }
        return chosen;
    }
}
