using System.Globalization;
using System.Text.Json.Nodes;
using CoProdSim.Experiments.Designs;
using CoProdSim.Experiments.Output;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Charts;

/// <summary>
/// Swept parameters in words, from the parameter table (name, unit, description): an axis label such as "budget change
/// (%)" for <c>strategy.budget_change</c>, a value such as "-30%", and the sentence that explains it.
/// </summary>
public static class ParameterLabel
{
    private static readonly HashSet<string> FractionUnits = ["fraction", "share", "share of support", "share of cost"];

    /// <summary>Whether the parameter's values are fractions, shown as percentages.</summary>
    public static bool IsFraction(string path) => ParameterPaths.SpecAt(path) is { } p && FractionUnits.Contains(p.Unit);

    /// <summary>An axis label: the parameter's name in words, whose it is, and its unit.</summary>
    public static string Axis(string path)
    {
        if (!ParameterPaths.TryResolve(path, out ParameterPaths.Resolved? r, out _)) return path;
        string name = r!.Parameter.Name.StartsWith("modes.", StringComparison.Ordinal)
            ? "weight of " + r.Parameter.Name["modes.".Length..].Replace('_', '-')
            : r.Parameter.Name.Replace('_', ' ');
        string owner = r.Placement.Owner switch
        {
            ParameterPaths.Owner.Domain => $", {r.OwnerName!.Replace('_', ' ')}",
            ParameterPaths.Owner.PublicBody => $", {r.OwnerName!.Replace('_', ' ')}",
            ParameterPaths.Owner.Strategy => $" of {r.OwnerName}",
            _ => "",
        };
        string unit = IsFraction(path) ? "%" : r.Parameter.Kind == ParameterKind.Choice ? "" : r.Parameter.Unit;
        string text = char.ToUpperInvariant(name[0]) + name[1..] + owner;
        return unit.Length > 0 ? $"{text} ({unit})" : text;
    }

    /// <summary>The parameter's description from the parameter table, or "".</summary>
    public static string Explain(string path) => ParameterPaths.SpecAt(path)?.Description ?? "";

    /// <summary>A value of the parameter for people: a percentage for fractions, the name for a choice, else four significant digits.</summary>
    public static string Value(string path, double stored) => IsFraction(path)
        ? (100 * stored).ToString("0.#", CultureInfo.InvariantCulture) + "%"
        : SweepValue.Display(path, stored);

    /// <summary>"Budget change = -30%, ..." for a sweep point.</summary>
    public static string Point(IReadOnlyList<string> paths, IReadOnlyList<double> point) =>
        string.Join(", ", paths.Select((p, k) => $"{Axis(p).Split(" (")[0].ToLowerInvariant()} = {Value(p, point[k])}"));

    /// <summary>Plotly axis settings for a parameter's axis: percentage ticks for fractions, named ticks for choices.</summary>
    public static void Ticks(JsonObject axis, string path, IEnumerable<double> values)
    {
        if (IsFraction(path)) axis["tickformat"] = ".0%";
        if (!SweepValue.IsChoice(path)) return;
        double[] ticks = values.Distinct().Order().ToArray();
        axis["tickvals"] = new JsonArray(ticks.Select(t => (JsonNode)t).ToArray());
        axis["ticktext"] = new JsonArray(ticks.Select(t => (JsonNode)SweepValue.Name(path, t)).ToArray());
    }

    /// <summary>
    /// The value the scenario itself gives the parameter at <paramref name="path"/> (its resolved parameters in the
    /// manifest), or the parameter table's default when the strategies of a <c>strategy.KEY</c> path disagree or the
    /// value is not recorded. The report's default sweep point is the one nearest these values.
    /// </summary>
    public static double Stated(string path, RunManifest manifest)
    {
        if (!ParameterPaths.TryResolve(path, out ParameterPaths.Resolved? r, out _)) return double.NaN;
        Parameter p = r!.Parameter;
        JsonNode? parameters = manifest.Parameters;
        IEnumerable<JsonNode?> nodes = r.Placement.Owner switch
        {
            ParameterPaths.Owner.Single when r.Placement.Prefix.Length == 0 => [parameters?[p.Name]],
            ParameterPaths.Owner.Single => [parameters?[r.Placement.Prefix.TrimEnd('.')]?[p.Name]],
            ParameterPaths.Owner.Domain => [parameters?["domains"]?[r.OwnerName!]?[p.Name]],
            ParameterPaths.Owner.PublicBody => [parameters?["public_bodies"]?[r.OwnerName!]?[p.Name]],
            ParameterPaths.Owner.Strategy => [parameters?["strategies"]?[r.OwnerName!]?[p.Name]],
            _ => (parameters?["strategies"] as JsonObject)?.Select(s => s.Value?[p.Name]).ToArray() ?? [],
        };
        double[] values = nodes.Select(n => Stored(p, n)).ToArray();
        return values.Length > 0 && values.All(v => !double.IsNaN(v) && v == values[0]) ? values[0] : p.DefaultStored;
    }

    private static double Stored(Parameter p, JsonNode? node)
    {
        if (node is not JsonValue v) return double.NaN;
        if (v.TryGetValue(out double d)) return d;
        return v.TryGetValue(out string? name) && p.Choices is { } choices ? choices.ToList().IndexOf(name) : double.NaN;
    }
}

/// <summary>
/// How a metric is shown: its title and meaning from the catalogue (<see cref="MetricCatalog.Read"/>,
/// <see cref="MetricCatalog.Describe"/>), or for a derived metric its name and expression; shares as percentages; a
/// number format for its unit.
/// </summary>
public sealed record MetricView(string Name, string Title, string Unit, double Scale, string Format, Better Better, string Meaning, string OneUnit, string Caveat)
{
    /// <summary>The view of <paramref name="metric"/>; <paramref name="derived"/> gives derived metrics' expressions.</summary>
    public static MetricView Of(string metric, IReadOnlyList<DerivedMetric>? derived = null)
    {
        (string unit, string meaning) = MetricCatalog.Describe(metric);
        MetricReading reading = MetricCatalog.Read(metric);
        if (derived?.FirstOrDefault(d => d.Name == metric) is { } d)
            return new MetricView(metric, metric.Replace('_', ' '), "", 1, "G4", Better.Neither, $"derived in the scenario: {d.Expression}", "", "");
        bool share = unit == "share";
        string shown = share ? "%" : unit switch
        {
            "index 0-100" => "0-100",
            "index points" => "points",
            "GBP/month" => "£ a month",
            "points per GBP/resident" => "points per £ a resident-month",
            _ => unit,
        };
        string format = unit switch
        {
            "share" or "index 0-100" or "index points" => "F1",
            "GBP/month" or "GBP" or "hours/month" => "N0",
            "0-1" => "F3",
            "points per GBP/resident" => "F3",
            "ratio" => "F2",
            "QALYs/month" or "QALYs" => "N1",
            _ => "G4",
        };
        return new MetricView(metric, reading.Title, shown, share ? 100 : 1, format, reading.Better, meaning, reading.OneUnit, reading.Caveat);
    }

    /// <summary>"Outcome (well-being) (0-100)".</summary>
    public string Header => Unit.Length > 0 ? $"{Title} ({Unit})" : Title;

    /// <summary>A value in the metric's own units (a share as a percentage).</summary>
    public string Show(double value) => double.IsNaN(value) ? "NA" : (Scale * value).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The format of a difference: one decimal more than a value's, so small paired differences and their intervals do not round to the same number.</summary>
    private string DifferenceFormat => Format is ['F', var d] && char.IsAsciiDigit(d) ? "F" + (char)(d + 1) : Format;

    /// <summary>A difference, signed.</summary>
    public string ShowDifference(double value) => double.IsNaN(value) ? "NA"
        : (value > 0 ? "+" : value < 0 ? "\u2212" : "") + (Scale * Math.Abs(value)).ToString(DifferenceFormat, CultureInfo.InvariantCulture);

    /// <summary>An amount of the metric in a sentence, unsigned: "2.1 points", "2.0 percentage points", "£131,634 a month", "0.10".</summary>
    public string Amount(double value)
    {
        string x = double.IsNaN(value) ? "NA" : (Scale * Math.Abs(value)).ToString(DifferenceFormat, CultureInfo.InvariantCulture);
        return Unit switch
        {
            "%" => x + " percentage points",
            "0-100" or "points" => x + " points",
            "£ a month" => "£" + x + " a month",
            "0-1" or "" => x,
            _ => x + " " + Unit,
        };
    }

    /// <summary>The unit after a number in a sentence: "points", "percentage points", "£ a month".</summary>
    public string UnitInText => Unit switch
    {
        "%" => "percentage points",
        "0-100" => "points",
        "0-1" => "",
        _ => Unit,
    };
}

/// <summary>Plotly traces as JSON: numbers rounded to six significant digits, which keeps reports small and loses nothing a chart can show.</summary>
internal static class Trace
{
    public static JsonArray Numbers(IEnumerable<double> values) =>
        new(values.Select(v => double.IsNaN(v) || double.IsInfinity(v) ? null : (JsonNode)double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToArray());

    public static JsonArray Texts(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    public static JsonObject Scatter(string name, IEnumerable<double> x, IEnumerable<double> y, string? group = null) => new()
    {
        ["type"] = "scatter",
        ["name"] = name,
        ["x"] = Numbers(x),
        ["y"] = Numbers(y),
        ["legendgroup"] = group ?? name,
    };

    /// <summary>A closed band from the high values forward and the low values back.</summary>
    public static JsonObject Band(string group, IReadOnlyList<double> x, IReadOnlyList<double> low, IReadOnlyList<double> high) => new()
    {
        ["type"] = "scatter",
        ["name"] = group + " 95% CI",
        ["x"] = Numbers([.. x, .. x.Reverse()]),
        ["y"] = Numbers([.. high, .. low.Reverse()]),
        ["legendgroup"] = group,
    };

    /// <summary>Asymmetric error bars on <paramref name="axis"/> ("y" or "x") from interval ends.</summary>
    public static void Errors(JsonObject trace, string axis, IReadOnlyList<double> mean, IReadOnlyList<double> low, IReadOnlyList<double> high, string colour = "#333")
    {
        trace["error_" + axis] = new JsonObject
        {
            ["type"] = "data",
            ["symmetric"] = false,
            ["color"] = colour,
            ["thickness"] = 1.4,
            ["width"] = 4,
            ["array"] = Numbers(mean.Select((m, i) => double.IsNaN(high[i]) ? 0 : Math.Max(0, high[i] - m))),
            ["arrayminus"] = Numbers(mean.Select((m, i) => double.IsNaN(low[i]) ? 0 : Math.Max(0, m - low[i]))),
        };
    }
}
