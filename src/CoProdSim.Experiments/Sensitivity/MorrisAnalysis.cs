namespace CoProdSim.Experiments.Sensitivity;

/// <summary>Morris measures of one parameter, each with its bootstrap 95% interval.</summary>
public sealed record MorrisMeasures(IndexEstimate MuStar, IndexEstimate Mu, IndexEstimate Sigma);

/// <summary>
/// Morris measures (Morris 1991; mu* of Campolongo et al. 2007) from the responses of a Morris design
/// (<see cref="Designs.MorrisDesign"/>). An elementary effect is the change in the response over the change in the
/// parameter as a fraction of its range (so effects of parameters with different units compare, as SALib's are);
/// mu is their mean, mu* the mean of their absolute values, sigma their standard deviation (n - 1). Intervals
/// resample the trajectories (<see cref="Bootstrap"/>). A step whose parameter did not change (a whole-number
/// parameter rounded to the same value) gives no effect.
/// </summary>
public static class MorrisAnalysis
{
    /// <summary>
    /// Measures for each parameter from the design <paramref name="points"/> (r trajectories of k + 1 points, in
    /// order), the parameters' ranges and the responses <paramref name="y"/>.
    /// </summary>
    public static IReadOnlyList<MorrisMeasures> Analyse(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<double> min, IReadOnlyList<double> max, IReadOnlyList<double> y, ulong seed, int resamples = Bootstrap.DefaultResamples)
    {
        int k = min.Count;
        if (points.Count != y.Count || points.Count % (k + 1) != 0) throw new ArgumentException($"{points.Count} points and {y.Count} responses are not trajectories of {k + 1} points", nameof(y));
        int r = points.Count / (k + 1);
        var effects = new double[k, r]; // NaN where a trajectory gives no effect
        for (int j = 0; j < k; j++)
            for (int t = 0; t < r; t++) effects[j, t] = double.NaN;
        for (int t = 0; t < r; t++)
        {
            for (int s = 0; s < k; s++)
            {
                int at = t * (k + 1) + s;
                for (int j = 0; j < k; j++)
                {
                    double change = (points[at + 1][j] - points[at][j]) / (max[j] - min[j]);
                    if (change != 0 && !double.IsNaN(change)) effects[j, t] = (y[at + 1] - y[at]) / change;
                }
            }
        }
        var result = new List<MorrisMeasures>(k);
        for (int j = 0; j < k; j++)
        {
            int param = j;
            IndexEstimate[] est = Bootstrap.Estimate(r, 3, (rows, o) =>
            {
                double sum = 0, abs = 0;
                int n = 0;
                foreach (int t in rows)
                {
                    double e = effects[param, t];
                    if (double.IsNaN(e)) continue;
                    sum += e;
                    abs += Math.Abs(e);
                    n++;
                }
                double mu = n > 0 ? sum / n : double.NaN, squares = 0;
                foreach (int t in rows)
                {
                    double e = effects[param, t];
                    if (!double.IsNaN(e)) squares += (e - mu) * (e - mu);
                }
                o[0] = n > 0 ? abs / n : double.NaN;
                o[1] = mu;
                o[2] = n > 1 ? Math.Sqrt(squares / (n - 1)) : double.NaN;
            }, seed + (ulong)j, resamples);
            result.Add(new MorrisMeasures(est[0], est[1], est[2]));
        }
        return result;
    }
}
