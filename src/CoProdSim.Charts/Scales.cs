using System.Text.Json.Nodes;

namespace CoProdSim.Charts;

/// <summary>
/// Honest axes. A chart of one metric gets one y range in every view of the report (so switching the sweep point shows
/// change, not a rescaled axis); the range is never narrower than the metric's smallest meaningful span (5 points of
/// a 0-100 index or of a percentage, 0.05 of a 0-1 measure, 10% of the value for money and hours), so noise or a
/// constant is never magnified into a slope; it starts at 0 when the data come near it; and when it leaves 0 out the
/// axis title says "zoomed".
/// </summary>
public static class Scales
{
    /// <summary>Words added to the title of an axis that does not start at 0.</summary>
    public const string Zoomed = "zoomed: axis does not start at 0";

    /// <summary>The smallest span an axis of <paramref name="mv"/> may show, for data reaching <paramref name="magnitude"/>.</summary>
    public static double MinSpan(MetricView mv, double magnitude) => mv.Unit switch
    {
        "0-100" or "points" or "%" => 5,
        "0-1" => 0.05,
        _ => magnitude > 0 ? 0.1 * magnitude : 1,
    };

    /// <summary>The range for values from <paramref name="lo"/> to <paramref name="hi"/>, and whether it is zoomed.</summary>
    public static (double Lo, double Hi, bool Zoomed) Range(MetricView mv, double lo, double hi)
    {
        bool nonNegative = lo >= 0;
        double span = hi - lo, min = MinSpan(mv, Math.Max(Math.Abs(lo), Math.Abs(hi)));
        if (span < min)
        {
            double centre = (lo + hi) / 2;
            (lo, hi) = (centre - (min / 2), centre + (min / 2));
        }
        double pad = 0.05 * (hi - lo);
        (lo, hi) = (lo - pad, hi + pad);
        if (nonNegative && lo < 0.25 * hi) lo = 0; // near zero: show zero
        double top = mv.Unit switch { "0-100" or "%" => 100, "0-1" => 1, _ => double.PositiveInfinity };
        if (hi > top && lo < top) hi = Math.Max(top, lo + min);
        return (lo, hi, lo > 0 || hi < 0);
    }

    /// <summary>Gives every version of one chart the same honest y range (see the class), from all their traces and intervals.</summary>
    public static void Share(IReadOnlyList<ChartFigure> versions)
    {
        if (versions.Count == 0 || versions[0].Metric is not { } mv) return;
        var values = new List<double>();
        foreach (ChartFigure f in versions)
        {
            foreach (JsonNode? t in (JsonArray)f.Figure["data"]!)
            {
                if (t!["y"] is not JsonArray ys) continue;
                double[] y = ys.Select(v => v is null ? double.NaN : v.GetValue<double>()).ToArray();
                double[] up = Errors(t["error_y"]?["array"], y.Length), down = Errors(t["error_y"]?["arrayminus"], y.Length);
                for (int i = 0; i < y.Length; i++)
                {
                    if (double.IsNaN(y[i])) continue;
                    values.Add(y[i] + up[i]);
                    values.Add(y[i] - down[i]);
                }
            }
        }
        if (values.Count == 0) return;
        var (lo, hi, zoomed) = Range(mv, values.Min(), values.Max());
        foreach (ChartFigure f in versions)
        {
            JsonObject axis = f.Figure["layout"]!["yaxis"]!.AsObject();
            axis["range"] = new JsonArray(lo, hi);
            axis["autorange"] = false;
            if (zoomed) axis["title"]!["text"] = axis["title"]!["text"]!.GetValue<string>() + "<br><i>" + Zoomed + "</i>";
        }
    }

    private static double[] Errors(JsonNode? array, int n) =>
        array is JsonArray a ? a.Select(v => v is null ? 0 : v.GetValue<double>()).ToArray() : new double[n];
}
