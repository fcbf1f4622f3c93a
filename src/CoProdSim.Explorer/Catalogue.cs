using System.Text.Json.Nodes;
using CoProdSim.Charts;
using CoProdSim.Model.Metrics;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Explorer;

/// <summary>
/// What the page shows about parameters and metrics, read from the parameter table and the metric catalogue (never
/// written twice): every section's parameters with range, unit, meaning and source, the presets' levers, and each
/// metric's title, unit and plain reading. A parameter added to the table appears on the page by itself.
/// </summary>
internal static class Catalogue
{
    /// <summary>The six charts the page draws first: outcome, participation, cost, trust, the outcome gap and carer burnout.</summary>
    public static readonly IReadOnlyList<string> Charts =
        [MetricCatalog.OutcomeIndex, MetricCatalog.ParticipationRate, MetricCatalog.PublicCost, MetricCatalog.TrustMean, MetricCatalog.OutcomeGap, MetricCatalog.CarerBurnoutRate];

    /// <summary>
    /// Slider ranges where the allowed range is far wider than a student needs (the number box still takes any allowed
    /// value): a budget change of -50% to +50%, a classroom town, a few years, weights of a mix.
    /// </summary>
    private static readonly Dictionary<string, (double Min, double Max, double Step)> Practical = new()
    {
        ["horizon"] = (1, 120, 1),
        ["partitions"] = (1, 256, 1),
        ["population.citizens"] = (100, 50_000, 100),
        ["population.neighbourhoods"] = (1, 100, 1),
        ["population.contacts"] = (0, 20, 2),
        ["strategy.budget_change"] = (-0.5, 0.5, 0.01),
        ["strategy.co_financing"] = (0, 100, 1),
        ["domains.sigma"] = (0.05, 10, 0.05),
    };

    private static readonly Dictionary<ParameterSection, (string Title, string Note)> Groups = new()
    {
        [StrategyLevers.Section] = ("Strategy levers", "Change these while the run goes: they apply from the next month and are marked on the charts."),
        [RunParameters.Section] = ("Run", "Changing these starts the run again at month 0."),
        [PopulationParameters.Section] = ("Town and residents", "Changing these builds the town again and starts at month 0."),
        [BehaviourParameters.Section] = ("Residents' behaviour (advanced)", "Coefficients of how residents decide; changing one starts at month 0."),
        [DomainParameters.Section] = ("Services, by domain (advanced)", "How each service is produced; changing one starts at month 0."),
        [PublicBodyParameters.Section] = ("Public bodies (advanced)", "Budgets and costs; changing one starts at month 0."),
    };

    /// <summary>The catalogue as JSON for the page.</summary>
    public static JsonObject Json(ExplorerOptions options)
    {
        var groups = new JsonArray();
        // The strategy's levers first: they are what the page is for; then the table's own order.
        foreach (ParameterSection section in ParameterCatalog.Sections.OrderBy(s => s == StrategyLevers.Section ? 0 : 1))
        {
            var (title, note) = Groups.TryGetValue(section, out var g) ? g : (section.Name, "");
            groups.Add(new JsonObject
            {
                ["section"] = section.Name,
                ["title"] = title,
                ["note"] = note,
                ["live"] = section == StrategyLevers.Section,
                ["parameters"] = new JsonArray(section.Parameters.Select(p => (JsonNode)Parameter(section, p)).ToArray()),
            });
        }
        var presets = new JsonObject();
        foreach (var (name, levers) in StrategyPresets.All)
        {
            var values = new JsonObject();
            foreach (Parameter p in StrategyLevers.Section.Parameters) values[p.Name] = p.Format(levers.Stored(p));
            presets[name] = new JsonObject { ["description"] = StrategyPresets.Descriptions[name], ["levers"] = values };
        }
        var metrics = new JsonArray();
        foreach (string name in MetricCatalog.Names(DomainParameters.Defaults.Select(d => d.Name).ToArray()))
            metrics.Add(Metric(name));
        return new JsonObject
        {
            ["version"] = $"{CoProdSim.Experiments.Output.ToolVersion.Version} (commit {CoProdSim.Experiments.Output.ToolVersion.Commit})",
            ["groups"] = groups,
            ["presets"] = presets,
            ["metrics"] = metrics,
            ["charts"] = new JsonArray(Charts.Select(c => (JsonNode)c).ToArray()),
            ["limits"] = new JsonObject
            {
                ["maxMemoryMB"] = Math.Round(options.MaxMemoryBytes / 1048576.0),
                ["maxRunSeconds"] = options.MaxRunSeconds,
                ["maxSessions"] = options.MaxSessions,
                ["maxRunning"] = options.MaxRunning,
                ["idleMinutes"] = Math.Round(options.IdleTimeout.TotalMinutes, 1),
            },
        };
    }

    /// <summary>One metric's reading: title, unit as shown, scale (shares as percentages), decimals, which way is better, meaning.</summary>
    public static JsonObject Metric(string name)
    {
        MetricView v = MetricView.Of(name);
        int decimals = v.Format is [_, var d] && char.IsAsciiDigit(d) ? d - '0' : 3;
        return new JsonObject
        {
            ["name"] = name,
            ["title"] = v.Title,
            ["unit"] = v.Unit,
            ["scale"] = v.Scale,
            ["decimals"] = decimals,
            ["grouping"] = v.Format.StartsWith('N'),
            ["better"] = v.Better.ToString().ToLowerInvariant(),
            ["meaning"] = v.Meaning,
            ["oneUnit"] = v.OneUnit,
            ["caveat"] = v.Caveat,
        };
    }

    private static JsonObject Parameter(ParameterSection section, Parameter p)
    {
        string key = section.Name.Length > 0 ? $"{section.Name}.{p.Name}" : p.Name;
        bool fraction = p.Unit is "fraction" or "share" or "share of support" or "share of cost";
        string words = p.Name.StartsWith("modes.", StringComparison.Ordinal)
            ? "Weight of " + p.Name["modes.".Length..].Replace('_', '-')
            : char.ToUpperInvariant(p.Name[0]) + p.Name[1..].Replace('_', ' ');
        var o = new JsonObject
        {
            ["name"] = p.Name,
            ["title"] = words,
            ["unit"] = p.Unit,
            ["description"] = p.Description,
            ["source"] = p.Source,
            ["allowed"] = p.Allowed,
            ["kind"] = p.Kind.ToString().ToLowerInvariant(),
            ["default"] = p.Format(p.DefaultStored),
            ["fraction"] = fraction,
        };
        if (p.Choices is { } choices)
        {
            o["choices"] = new JsonArray(choices.Select(c => (JsonNode)c).ToArray());
            return o;
        }
        o["min"] = Finite(p.Min);
        o["max"] = Finite(p.Max);
        o["minExclusive"] = p.MinExclusive;
        var (lo, hi, step) = Slider(key, p);
        o["slider"] = new JsonObject { ["min"] = lo, ["max"] = hi, ["step"] = step };
        return o;
    }

    private static JsonNode? Finite(double x) => double.IsFinite(x) ? x : null;

    /// <summary>The slider's range: a practical one where the table allows far more, else the allowed range (an open minimum nudged in).</summary>
    private static (double Min, double Max, double Step) Slider(string key, Parameter p)
    {
        if (Practical.TryGetValue(key, out var r)) return r;
        if (p.Name.StartsWith("modes.", StringComparison.Ordinal)) return (0, 1, 0.05);
        double span = p.Max - p.Min;
        if (p.Kind == ParameterKind.Integer) return (p.Min, Math.Min(p.Max, Math.Max(p.Min + 10, 4 * Math.Abs(p.DefaultStored))), 1);
        if (span <= 2) return (p.MinExclusive ? p.Min + span / 100 : p.Min, p.Max, span / 100);
        if (span <= 40) return (p.Min, p.Max, 0.1);
        // A wide range (costs, hours, budgets): zero (or the minimum) to four times the default.
        double hi = Math.Max(p.Min + 1, 4 * Math.Abs(p.DefaultStored));
        double step = Math.Pow(10, Math.Floor(Math.Log10((hi - p.Min) / 100)));
        return (p.MinExclusive ? p.Min + step : p.Min, hi, step);
    }
}
