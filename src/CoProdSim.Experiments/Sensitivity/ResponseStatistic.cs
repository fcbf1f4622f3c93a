using System.Globalization;

namespace CoProdSim.Experiments.Sensitivity;

/// <summary>
/// The number a run's time series of a metric is reduced to before sensitivity analysis: <c>final</c> (the value
/// at the last month), <c>mean_last_K</c> (the mean of the last K months, e.g. <c>mean_last_12</c>) or <c>sum</c>
/// (the sum over months 1 to the horizon; month 0, the initial state, is left out).
/// </summary>
public sealed record ResponseStatistic(string Name, int LastMonths, bool Sum)
{
    /// <summary>The allowed values, in words.</summary>
    public const string Allowed = "final, mean_last_K (K a whole number of months, e.g. mean_last_12) or sum";

    /// <summary>Parses a statistic's name.</summary>
    public static bool TryParse(string text, out ResponseStatistic statistic)
    {
        statistic = new ResponseStatistic("final", 1, false);
        if (text == "final") return true;
        if (text == "sum")
        {
            statistic = new ResponseStatistic(text, 0, true);
            return true;
        }
        const string prefix = "mean_last_";
        if (text.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(text[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k >= 1)
        {
            statistic = new ResponseStatistic(text, k, false);
            return true;
        }
        return false;
    }

    /// <summary>Parses a statistic's name, or throws.</summary>
    public static ResponseStatistic Parse(string text) =>
        TryParse(text, out ResponseStatistic s) ? s : throw new FormatException($"statistic '{text}' is not allowed; allowed: {Allowed}");

    /// <summary>The statistic of one run's values by month (index = month; month 0 is the initial state).</summary>
    public double Of(IReadOnlyList<double> byMonth)
    {
        int last = byMonth.Count - 1;
        if (last < 0) return double.NaN;
        if (Sum)
        {
            double s = 0;
            for (int t = 1; t <= last; t++) s += byMonth[t];
            return s;
        }
        int from = Math.Max(last - LastMonths + 1, Math.Min(1, last));
        double total = 0;
        for (int t = from; t <= last; t++) total += byMonth[t];
        return total / (last - from + 1);
    }
}
