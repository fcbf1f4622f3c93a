using Plotly.NET;

namespace CoProdSim.Charts;

/// <summary>
/// One look per strategy across every chart: a colour from the Okabe-Ito palette (distinguishable with the common
/// colour-vision deficiencies), plus a dash style for lines and a pattern for bars, so strategies stay apart in
/// greyscale print.
/// </summary>
public static class StrategyStyle
{
    private static readonly (string Hex, int R, int G, int B)[] Palette =
    [
        ("#0072B2", 0, 114, 178), ("#D55E00", 213, 94, 0), ("#009E73", 0, 158, 115), ("#CC79A7", 204, 121, 167),
        ("#E69F00", 230, 159, 0), ("#56B4E9", 86, 180, 233), ("#000000", 0, 0, 0), ("#F0E442", 240, 228, 66),
    ];

    private static readonly StyleParam.DrawingStyle[] Dashes =
    [
        StyleParam.DrawingStyle.Solid, StyleParam.DrawingStyle.Dash, StyleParam.DrawingStyle.Dot, StyleParam.DrawingStyle.DashDot,
        StyleParam.DrawingStyle.LongDash, StyleParam.DrawingStyle.LongDashDot,
    ];

    private static readonly StyleParam.PatternShape[] Patterns =
    [
        StyleParam.PatternShape.None, StyleParam.PatternShape.DiagonalDescending, StyleParam.PatternShape.DiagonalAscending,
        StyleParam.PatternShape.DiagonalChecked, StyleParam.PatternShape.HorizontalLines, StyleParam.PatternShape.VerticalLines,
        StyleParam.PatternShape.Checked, StyleParam.PatternShape.Dots,
    ];

    /// <summary>Line and marker colour of strategy number <paramref name="i"/>.</summary>
    public static Color Colour(int i) => Color.fromHex(Palette[i % Palette.Length].Hex);

    /// <summary>The colour as CSS hex, for the HTML table.</summary>
    public static string Hex(int i) => Palette[i % Palette.Length].Hex;

    /// <summary>A translucent fill for the confidence band of strategy <paramref name="i"/>.</summary>
    public static Color Band(int i)
    {
        var (_, r, g, b) = Palette[i % Palette.Length];
        return Color.fromString($"rgba({r},{g},{b},0.18)");
    }

    /// <summary>Dash style of strategy <paramref name="i"/>; the cycle is offset from the colours so pairs stay unique.</summary>
    public static StyleParam.DrawingStyle Dash(int i) => Dashes[i % Dashes.Length];

    /// <summary>Bar pattern of strategy <paramref name="i"/>.</summary>
    public static StyleParam.PatternShape Pattern(int i) => Patterns[i % Patterns.Length];
}
