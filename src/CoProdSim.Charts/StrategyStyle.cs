using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CoProdSim.Charts;

/// <summary>How one strategy is drawn: a colour, a line dash, a marker symbol and a bar pattern, so it stays apart in colour and in greyscale.</summary>
/// <param name="Hex">Colour as CSS hex.</param>
/// <param name="Dash">Plotly line dash: a name or a list of dash and gap lengths.</param>
/// <param name="Symbol">Plotly marker symbol.</param>
/// <param name="Pattern">Plotly bar pattern shape ("" for solid).</param>
public sealed record Look(string Hex, string Dash, string Symbol, string Pattern)
{
    /// <summary>The colour as rgba with the given opacity.</summary>
    public string Rgba(double alpha)
    {
        int v = int.Parse(Hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"rgba({(v >> 16) & 255},{(v >> 8) & 255},{v & 255},{alpha})");
    }
}

/// <summary>
/// One look per strategy <em>name</em>, the same in every report: the six presets have fixed looks, and any other name
/// gets a look computed from the name itself (FNV-1a hash), from colours no preset uses. Colours are Okabe-Ito for the
/// presets and Paul Tol's for other names (both distinguishable with the common colour-vision deficiencies); dashes are
/// chosen so that no two look alike in greyscale (no dash beside long-dash), and every line carries its marker symbol.
/// Only if two names of one report would share a colour does the later one (in the report's order) take the next free
/// colour, so a report never shows two strategies in one colour.
/// </summary>
public static class StrategyStyle
{
    private const string DashDotDot = "12px,4px,3px,4px,3px,4px";

    /// <summary>The presets' looks: the colours and dashes they had when reports numbered strategies, so older screenshots still match.</summary>
    public static readonly IReadOnlyDictionary<string, Look> Presets = new Dictionary<string, Look>
    {
        ["traditional"] = new("#0072B2", "solid", "circle", ""),
        ["inside-out"] = new("#D55E00", "dash", "square", "/"),
        ["outside-in"] = new("#009E73", "dot", "diamond", "\\"),
        ["four-cos"] = new("#CC79A7", "dashdot", "triangle-up", "x"),
        ["cost-cutting"] = new("#E69F00", DashDotDot, "x", "-"),
        ["equity-targeted"] = new("#56B4E9", "longdashdot", "star", "|"),
    };

    private static readonly string[] Colours = ["#332288", "#882255", "#117733", "#000000", "#999933", "#44AA99", "#AA4499", "#661100"];
    private static readonly string[] Dashes = ["solid", "dash", "dot", "dashdot", "longdashdot", DashDotDot];
    private static readonly string[] Symbols = ["circle-open", "square-open", "diamond-open", "triangle-down", "pentagon", "hexagram", "cross", "triangle-left"];
    private static readonly string[] Patterns = ["", "/", "\\", "x", "-", "|", "+", "."];

    private static readonly string[] OkabeIto = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>A colour for the i-th of a list of things that are not strategies (parameters in the sensitivity charts).</summary>
    public static Plotly.NET.Color Indexed(int i) => Plotly.NET.Color.fromHex(OkabeIto[i % OkabeIto.Length]);

    /// <summary>The look of <paramref name="name"/> when nothing else is drawn beside it.</summary>
    public static Look Of(string name) => Presets.TryGetValue(name, out Look? look) ? look : Hashed(name, 0);

    /// <summary>The looks of the strategies of one report, in its order: each its name's look, colours kept distinct.</summary>
    public static IReadOnlyDictionary<string, Look> For(IEnumerable<string> names)
    {
        var looks = new Dictionary<string, Look>();
        var used = new HashSet<string>();
        foreach (string name in names.Distinct())
        {
            if (Presets.TryGetValue(name, out Look? preset))
            {
                looks[name] = preset;
                used.Add(preset.Hex);
            }
        }
        foreach (string name in names.Distinct().Where(n => !Presets.ContainsKey(n)))
        {
            Look look = Hashed(name, 0);
            for (int step = 1; used.Contains(look.Hex) && step < Colours.Length; step++) look = Hashed(name, step);
            looks[name] = look;
            used.Add(look.Hex);
        }
        return looks;
    }

    private static Look Hashed(string name, int colourStep)
    {
        uint h = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(name)) h = (h ^ b) * 16777619;
        return new Look(Colours[(int)((h + (uint)colourStep) % (uint)Colours.Length)], Dashes[(int)(h / 8 % (uint)Dashes.Length)],
            Symbols[(int)(h / 48 % (uint)Symbols.Length)], Patterns[(int)(h / 384 % (uint)Patterns.Length)]);
    }

    /// <summary>Styles a line trace: colour, dash (or <paramref name="dash"/>), width, and its marker symbol every few points.</summary>
    public static void Line(JsonNode trace, Look look, string? dash = null, double width = 2.5)
    {
        trace["mode"] = "lines+markers";
        trace["line"] = new JsonObject { ["color"] = look.Hex, ["dash"] = dash ?? look.Dash, ["width"] = width };
        trace["marker"] = new JsonObject { ["color"] = look.Hex, ["symbol"] = look.Symbol, ["size"] = 8, ["maxdisplayed"] = 9 };
    }

    /// <summary>Styles a marker-only trace.</summary>
    public static void Markers(JsonNode trace, Look look, double size = 11)
    {
        trace["mode"] = "markers";
        trace["marker"] = new JsonObject { ["color"] = look.Hex, ["symbol"] = look.Symbol, ["size"] = size, ["line"] = new JsonObject { ["color"] = "#222", ["width"] = 0.8 } };
    }

    /// <summary>Styles a bar trace: colour and pattern.</summary>
    public static void Bars(JsonNode trace, Look look)
    {
        var marker = new JsonObject { ["color"] = look.Hex, ["line"] = new JsonObject { ["color"] = "#333", ["width"] = 0.8 } };
        // Overlay: the pattern is drawn in white over the strategy's colour, so the bar keeps its colour and gains a texture for greyscale.
        if (look.Pattern.Length > 0) marker["pattern"] = new JsonObject { ["shape"] = look.Pattern, ["fgcolor"] = "#fff", ["fillmode"] = "overlay", ["size"] = 7, ["solidity"] = 0.3 };
        trace["marker"] = marker;
    }

    /// <summary>Styles a confidence band (a filled closed path) in the look's colour.</summary>
    public static void Band(JsonNode trace, Look look)
    {
        trace["mode"] = "lines";
        trace["fill"] = "toself";
        trace["fillcolor"] = look.Rgba(0.18);
        trace["line"] = new JsonObject { ["color"] = look.Rgba(0), ["width"] = 0 };
        trace["hoverinfo"] = "skip";
        trace["showlegend"] = false;
    }
}
