using System.Text.Json.Nodes;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Experiments;

/// <summary>
/// schema/scenario.schema.json and docs/scenarios.md stay true to the code: both are generated from the parameter
/// catalogue, and every key the loader accepts must appear in both. UPDATE_REFERENCE=1 rewrites them.
/// </summary>
public class ScenarioReferenceTests
{
    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_REFERENCE") == "1";

    [Test]
    public void SchemaFileIsTheGeneratedSchema()
    {
        string path = RepoPaths.Of("schema", "scenario.schema.json");
        string expected = ScenarioReference.JsonSchema();
        if (Update) File.WriteAllText(path, expected);
        Assert.That(File.ReadAllText(path), Is.EqualTo(expected), "run: UPDATE_REFERENCE=1 dotnet test CoProdSim.sln --filter ScenarioReferenceTests");
    }

    [Test]
    public void DocsParameterTablesAreTheGeneratedTables()
    {
        string path = RepoPaths.Of("docs", "scenarios.md");
        string text = File.ReadAllText(path);
        string generated = ScenarioReference.Markdown();
        int begin = text.IndexOf(ScenarioReference.BeginMarker, StringComparison.Ordinal);
        int end = text.IndexOf(ScenarioReference.EndMarker, StringComparison.Ordinal);
        if (Update)
        {
            text = begin >= 0 && end > begin
                ? text[..begin] + generated + text[(end + ScenarioReference.EndMarker.Length + 1)..]
                : text.Replace("PLACEHOLDER\n", generated, StringComparison.Ordinal);
            File.WriteAllText(path, text);
            begin = text.IndexOf(ScenarioReference.BeginMarker, StringComparison.Ordinal);
            end = text.IndexOf(ScenarioReference.EndMarker, StringComparison.Ordinal);
        }
        Assert.That(begin, Is.GreaterThanOrEqualTo(0), "docs/scenarios.md lacks the generated block");
        Assert.That(text[begin..(end + ScenarioReference.EndMarker.Length + 1)], Is.EqualTo(generated), "run: UPDATE_REFERENCE=1 dotnet test CoProdSim.sln --filter ScenarioReferenceTests");
    }

    private static IEnumerable<(string Section, string Key)> AcceptedKeys()
    {
        foreach (string k in ScenarioLoader.TopLevelKeys) yield return ("", k);
        foreach (var s in PopulationParameters.Section.Parameters) yield return ("population", s.Name);
        foreach (var s in BehaviourParameters.Section.Parameters) yield return ("behaviour", s.Name);
        foreach (var s in DomainParameters.Section.Parameters) yield return ("domain", s.Name);
        foreach (var s in PublicBodyParameters.Section.Parameters) yield return ("public_body", s.Name);
        foreach (string k in ScenarioLoader.PublicBodyKeys) yield return ("public_body", k);
        foreach (var s in StrategyLevers.Section.Parameters.Where(s => !s.Name.StartsWith("modes.", StringComparison.Ordinal))) yield return ("strategy", s.Name);
        foreach (string k in ScenarioLoader.StrategyKeys) yield return ("strategy", k);
        foreach (string m in Names.Modes) yield return ("modes", m);
        foreach (string k in ScenarioLoader.SweepKeys) yield return ("sweep", k);
        foreach (string k in ScenarioLoader.SweepParameterKeys) yield return ("sweep_parameter", k);
        foreach (string k in ScenarioLoader.OutputKeys) yield return ("outputs", k);
    }

    [Test]
    public void EveryKeyTheLoaderAcceptsIsInTheSchemaAndTheReference()
    {
        var schema = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("schema", "scenario.schema.json")))!;
        JsonNode props = schema["properties"]!;
        JsonNode strategyProps = props["strategies"]!["items"]!["oneOf"]![1]!["properties"]!;
        var sections = new Dictionary<string, JsonNode>
        {
            [""] = props,
            ["population"] = props["population"]!["properties"]!,
            ["behaviour"] = props["behaviour"]!["properties"]!,
            ["domain"] = props["domains"]!["additionalProperties"]!["properties"]!,
            ["public_body"] = props["public_bodies"]!["additionalProperties"]!["properties"]!,
            ["strategy"] = strategyProps,
            ["modes"] = strategyProps["modes"]!["properties"]!,
            ["sweep"] = props["sweep"]!["properties"]!,
            ["sweep_parameter"] = props["sweep"]!["properties"]!["parameters"]!["additionalProperties"]!["properties"]!,
            ["outputs"] = props["outputs"]!["properties"]!,
        };
        string docs = File.ReadAllText(RepoPaths.Of("docs", "scenarios.md"));
        var missing = new List<string>();
        foreach (var (section, key) in AcceptedKeys())
        {
            if (sections[section][key] is null) missing.Add($"schema lacks {section}.{key}");
            string docKey = section == "modes" ? "modes." + key : key;
            if (!docs.Contains($"`{docKey}", StringComparison.Ordinal)) missing.Add($"docs/scenarios.md lacks `{docKey}`");
        }
        Assert.That(missing, Is.Empty);
        Assert.That(AcceptedKeys().Count(), Is.GreaterThan(90), "the check covers the whole catalogue");
    }

    [Test]
    public void AFileUsingEveryKeyLoads()
    {
        // Every lever, population, behaviour, domain and body key with its default value: the loader must accept all.
        string Fmt(Parameter p, ParameterValues v) => p.Format(v.Stored(p));
        var defaults = new ModelParameters();
        var y = new System.Text.StringBuilder();
        y.Append("name: everything\ndescription: every key\nseed: 3\nreplications: 2\nhorizon: 3\npartitions: 4\npopulation:\n");
        foreach (var s in PopulationParameters.Section.Parameters) y.Append($"  {s.Name}: {(s.Name == "citizens" ? "200" : s.Name == "neighbourhoods" ? "4" : Fmt(s, defaults.Population))}\n");
        y.Append("behaviour:\n");
        foreach (var s in BehaviourParameters.Section.Parameters) y.Append($"  {s.Name}: {Fmt(s, defaults.Behaviour)}\n");
        y.Append("domains:\n  health_care:\n");
        foreach (var s in DomainParameters.Section.Parameters) y.Append($"    {s.Name}: {Fmt(s, DomainParameters.Defaults[0].Values)}\n");
        y.Append("public_bodies:\n  nhs:\n    domains: [health_care]\n");
        foreach (var s in PublicBodyParameters.Section.Parameters) y.Append($"    {s.Name}: {Fmt(s, PublicBodyParameters.Section.Defaults)}\n");
        y.Append("strategies:\n  - traditional\n  - name: all-levers\n    preset: four-cos\n");
        foreach (var s in StrategyLevers.Section.Parameters.Where(s => !s.Name.StartsWith("modes.", StringComparison.Ordinal))) y.Append($"    {s.Name}: {Fmt(s, StrategyPresets.FourCos)}\n");
        y.Append("    modes: {co_commissioning: 1, co_design: 1, co_delivery: 1, co_assessment: 1}\n");
        y.Append("sweep:\n  method: grid\n  parameters:\n    strategy.recognition: {min: 0, max: 1, steps: 2}\n    behaviour.trust_gain: {values: [0.1]}\n");
        y.Append("outputs: {timeseries: true, summary: true, report: false}\n");
        Scenario scenario = ScenarioLoader.Parse(y.ToString(), "everything.yaml");
        Assert.That(scenario.Strategies, Has.Count.EqualTo(2));
        Assert.That(scenario.Model.PublicBodies.Single().Name, Is.EqualTo("nhs"));
        Assert.That(scenario.PointCount, Is.EqualTo(2));
        Assert.That(scenario.Outputs.Report, Is.False);
    }
}
