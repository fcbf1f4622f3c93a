using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Experiments.Scenarios;

/// <summary>
/// Generates the scenario file's JSON Schema (schema/scenario.schema.json) and the parameter tables of
/// docs/scenarios.md from the parameter catalogue and the loader's key lists, so the three cannot drift apart
/// (a test compares the committed files with what this generates).
/// </summary>
public static class ScenarioReference
{
    /// <summary>Marks the generated part of docs/scenarios.md.</summary>
    public const string BeginMarker = "<!-- BEGIN GENERATED PARAMETER REFERENCE: do not edit by hand; see docs/scenarios.md 'Keeping this reference true' -->";

    /// <summary>End of the generated part.</summary>
    public const string EndMarker = "<!-- END GENERATED PARAMETER REFERENCE -->";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON Schema (draft 2020-12) of a scenario file.</summary>
    public static string JsonSchema()
    {
        JsonObject Props(ParameterSection section, Func<string, bool>? include = null)
        {
            var props = new JsonObject();
            foreach (Parameter s in section.Parameters.Where(s => include?.Invoke(s.Name) ?? true)) props[s.Name] = Property(s, true);
            return props;
        }
        JsonObject Obj(string description, JsonObject props) => new()
        {
            ["type"] = "object",
            ["description"] = description,
            ["additionalProperties"] = false,
            ["properties"] = props,
        };

        var strategyProps = Props(StrategyLevers.Section, n => !n.StartsWith("modes.", StringComparison.Ordinal));
        strategyProps["name"] = new JsonObject { ["type"] = "string", ["description"] = "Name of the strategy in outputs (default: the preset's name).", ["pattern"] = "^[A-Za-z0-9._-]+$" };
        strategyProps["preset"] = new JsonObject { ["type"] = "string", ["description"] = "Preset to start from (default traditional).", ["enum"] = new JsonArray(StrategyPresets.All.Keys.Select(k => (JsonNode)k).ToArray()) };
        var modeProps = new JsonObject();
        foreach (Parameter s in StrategyLevers.Modes)
            modeProps[s.Name["modes.".Length..]] = Property(s, false);
        strategyProps["modes"] = Obj("Relative weights of the four modes; modes left out get 0.", modeProps);
        var strategy = new JsonObject
        {
            ["oneOf"] = new JsonArray(
                new JsonObject { ["type"] = "string", ["description"] = "A preset by name.", ["enum"] = new JsonArray(StrategyPresets.All.Keys.Select(k => (JsonNode)k).ToArray()) },
                Obj("A preset with levers changed, or a custom lever set.", strategyProps)),
        };
        var domainObj = Obj("Parameters of one service domain.", Props(DomainParameters.Section));
        var bodyProps = Props(PublicBodyParameters.Section);
        bodyProps["domains"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["description"] = "Domains this body serves (default: all)." };
        var sweepParam = Obj("A range (min, max and, for a grid, steps) or a list of values (names for a parameter that takes names, grid only).", new JsonObject
        {
            ["min"] = new JsonObject { ["type"] = "number" },
            ["max"] = new JsonObject { ["type"] = "number" },
            ["steps"] = new JsonObject { ["type"] = "integer", ["minimum"] = 2, ["maximum"] = 10000 },
            ["values"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = new JsonArray("number", "string") }, ["minItems"] = 1 },
        });
        var props = new JsonObject
        {
            ["name"] = new JsonObject { ["type"] = "string", ["description"] = "Short name; it names the output folder results/NAME.", ["pattern"] = "^[A-Za-z0-9._-]+$" },
            ["description"] = new JsonObject { ["type"] = "string", ["description"] = "The question the scenario answers." },
            ["seed"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 9007199254740991, ["default"] = 1, ["description"] = "Root seed; each replication's seed is derived from it." },
            ["replications"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 100000, ["default"] = 10, ["description"] = "Replications per strategy (and sweep point)." },
        };
        foreach (Parameter s in RunParameters.Section.Parameters) props[s.Name] = Property(s, true);
        props["population"] = Obj("The synthetic population.", Props(PopulationParameters.Section));
        props["behaviour"] = Obj("Behavioural coefficients of citizens.", Props(BehaviourParameters.Section));
        props["domains"] = new JsonObject { ["type"] = "object", ["description"] = "Service domains by name (default: health_care, community_safety, environment, education); listed domains replace the defaults.", ["additionalProperties"] = domainObj, ["propertyNames"] = new JsonObject { ["pattern"] = "^[a-z][a-z0-9_]*$" } };
        props["public_bodies"] = new JsonObject { ["type"] = "object", ["description"] = "Public bodies by name (default: one council serving every domain).", ["additionalProperties"] = Obj("One public body.", bodyProps), ["propertyNames"] = new JsonObject { ["pattern"] = "^[a-z][a-z0-9_]*$" } };
        props["strategies"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = strategy, ["description"] = "The strategies to compare." };
        props["baseline"] = new JsonObject { ["type"] = "string", ["description"] = "Name of the strategy every other is compared with in differences.csv, paired by replication." };
        props["sweep"] = Obj("Sweep over parameters named by dotted path.", new JsonObject
        {
            ["method"] = new JsonObject { ["enum"] = new JsonArray(Designs.Design.Names.Keys.Select(k => (JsonNode)k).ToArray()), ["default"] = "grid", ["description"] = "How points are chosen (monte_carlo is accepted for monte-carlo)." },
            ["samples"] = new JsonObject { ["type"] = "integer", ["minimum"] = 2, ["maximum"] = 100000, ["description"] = "Points of a latin-hypercube or monte-carlo sweep; base samples N (a power of two) of a sobol sweep." },
            ["parameters"] = new JsonObject { ["type"] = "object", ["description"] = "Dotted path (e.g. strategy.budget_change) to its range.", ["additionalProperties"] = sweepParam, ["minProperties"] = 1 },
            ["second_order"] = new JsonObject { ["type"] = "boolean", ["default"] = false, ["description"] = "sobol: also second-order indices (N(2k + 2) points instead of N(k + 2))." },
            ["trajectories"] = new JsonObject { ["type"] = "integer", ["minimum"] = 2, ["maximum"] = 10000, ["default"] = 10, ["description"] = "morris: trajectories r." },
            ["levels"] = new JsonObject { ["type"] = "integer", ["minimum"] = 2, ["maximum"] = 100, ["default"] = 4, ["description"] = "morris: levels p of the grid (even)." },
            ["candidates"] = new JsonObject { ["type"] = "integer", ["minimum"] = 2, ["maximum"] = 100000, ["description"] = "morris: candidate trajectories the r most spread out are chosen from (default 4r)." },
            ["file"] = new JsonObject { ["type"] = "string", ["description"] = "file: CSV of points (header: parameter paths), relative to the scenario file." },
            ["metrics"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["minItems"] = 1, ["description"] = "sobol, morris: metrics analysed (default: outputs.metrics if given, else outcome_index, public_cost, participation_rate, outcome_gap, trust_mean, carer_burnout_rate)." },
            ["statistic"] = new JsonObject { ["type"] = "string", ["pattern"] = "^(final|sum|mean_last_[1-9][0-9]*)$", ["default"] = "final", ["description"] = "sobol, morris: statistic of each run's series analysed: final, mean_last_K or sum." },
        });
        props["outputs"] = Obj("Which files to write.", new JsonObject
        {
            ["timeseries"] = new JsonObject { ["type"] = "boolean", ["default"] = true },
            ["summary"] = new JsonObject { ["type"] = "boolean", ["default"] = true },
            ["report"] = new JsonObject { ["type"] = "boolean", ["default"] = true },
            ["metrics"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["minItems"] = 1, ["uniqueItems"] = true, ["description"] = "Metrics (catalogue or derived) of the terminal table and the report's headline table, and of the sensitivity analysis unless sweep.metrics is given (default: the standard columns)." },
            ["derived"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Metrics defined from the catalogue's metrics (and derived metrics defined before them): name to expression, e.g. cost_per_qaly: \"discounted_cost / discounted_qalys\". Written after the catalogue's metrics in timeseries.csv and summary.csv; a non-finite value is NA.",
                ["propertyNames"] = new JsonObject { ["pattern"] = "^[a-z][a-z0-9_]*$" },
                ["additionalProperties"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
            },
            ["format"] = new JsonObject
            {
                ["description"] = "Formats of timeseries and summary: csv (default), parquet, or both as [csv, parquet]. The report needs csv.",
                ["default"] = "csv",
                ["oneOf"] = new JsonArray(
                    new JsonObject { ["enum"] = new JsonArray(ScenarioLoader.OutputFormats.Select(f => (JsonNode)f).ToArray()) },
                    new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["enum"] = new JsonArray(ScenarioLoader.OutputFormats.Select(f => (JsonNode)f).ToArray()) }, ["minItems"] = 1, ["uniqueItems"] = true }),
            },
        });
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://coprodsim.org/schema/scenario.schema.json",
            ["title"] = "CoProdSim scenario",
            ["description"] = "A CoProdSim scenario file (YAML). Reference: docs/scenarios.md. Generated from the parameter catalogue; do not edit by hand.",
            ["type"] = "object",
            ["required"] = new JsonArray("name", "strategies"),
            ["additionalProperties"] = false,
            ["properties"] = props,
        };
        return schema.ToJsonString(Indented) + "\n";
    }

    private static JsonObject Property(Parameter s, bool withDefault)
    {
        var p = new JsonObject { ["description"] = s.Description + (s.Unit.Length > 0 ? $" Unit: {s.Unit}." : "") + $" Source: {s.Source}." };
        switch (s.Kind)
        {
            case ParameterKind.Choice:
                p["enum"] = new JsonArray(s.Choices!.Select(c => (JsonNode)c).ToArray());
                break;
            default:
                p["type"] = s.Kind == ParameterKind.Integer ? "integer" : "number";
                if (s.MinExclusive) p["exclusiveMinimum"] = s.Min;
                else p["minimum"] = s.Min;
                p["maximum"] = s.Max;
                break;
        }
        if (withDefault)
            p["default"] = s.Kind switch
            {
                ParameterKind.Integer => JsonValue.Create((long)s.DefaultStored),
                ParameterKind.Real => JsonValue.Create(s.DefaultStored),
                _ => JsonValue.Create(s.Format(s.DefaultStored)),
            };
        return p;
    }

    /// <summary>The parameter tables of docs/scenarios.md, between the markers.</summary>
    public static string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append(BeginMarker).Append("\n\n");
        void Table(string title, ParameterSection section, Func<Parameter, string> dflt)
        {
            sb.Append("### ").Append(title).Append("\n\n| key | meaning | unit | default | allowed | source |\n| --- | --- | --- | --- | --- | --- |\n");
            foreach (Parameter s in section.Parameters)
                sb.Append("| `").Append(s.Name).Append("` | ").Append(Cell(s.Description)).Append(" | ")
                  .Append(s.Unit).Append(" | ").Append(dflt(s)).Append(" | ").Append(s.Allowed).Append(" | ").Append(Cell(s.Source)).Append(" |\n");
            sb.Append('\n');
        }
        string Default(Parameter s) => s.Format(s.DefaultStored);
        Table("Run (top level)", RunParameters.Section, Default);
        Table("Population (`population:`)", PopulationParameters.Section, Default);
        Table("Strategy levers (in each entry of `strategies:`; `--set strategy.KEY` sets every strategy, `--set strategies.NAME.KEY` one)", StrategyLevers.Section, _ => "see presets");
        sb.Append("Lever values of the presets:\n\n| lever | ").Append(string.Join(" | ", StrategyPresets.All.Keys)).Append(" |\n| --- |").Append(string.Concat(StrategyPresets.All.Keys.Select(_ => " --- |"))).Append('\n');
        foreach (Parameter s in StrategyLevers.Section.Parameters)
            sb.Append("| `").Append(s.Name).Append("` | ").Append(string.Join(" | ", StrategyPresets.All.Values.Select(l => s.Format(l.Stored(s))))).Append(" |\n");
        sb.Append('\n');
        Table("Domains (`domains: { NAME: { ... } }`); defaults are those of a domain not among the four defaults", DomainParameters.Section, Default);
        IReadOnlyList<Parameter> domainParameters = DomainParameters.Section.Parameters;
        sb.Append("The four default domains:\n\n| domain | ").Append(string.Join(" | ", domainParameters.Select(s => s.Name))).Append(" |\n| --- |").Append(string.Concat(domainParameters.Select(_ => " --- |"))).Append('\n');
        foreach (Domain d in DomainParameters.Defaults)
            sb.Append("| `").Append(d.Name).Append("` | ").Append(string.Join(" | ", domainParameters.Select(s => s.Format(d.Values.Stored(s))))).Append(" |\n");
        sb.Append('\n');
        Table("Public bodies (`public_bodies: { NAME: { ... } }`; also `domains: [..]`, the domains it serves, default all)", PublicBodyParameters.Section, Default);
        Table("Behaviour (`behaviour:`)", BehaviourParameters.Section, Default);
        sb.Append(EndMarker).Append('\n');
        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
