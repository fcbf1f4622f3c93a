using System.Globalization;
using System.Text;
using CoProdSim.Experiments.Running;
using CoProdSim.Experiments.Scenarios;
using CoProdSim.Model.Parameters;
using CoProdSim.Model.Population;

namespace CoProdSim.Explorer;

/// <summary>One problem with the page's settings: the setting (dotted path, or "" when it is not one field) and the loader's words.</summary>
public sealed record SettingError(string Path, string Message);

/// <summary>
/// The page's settings: every parameter as the text typed (keyed by its dotted path, as <c>--set</c> names it:
/// <c>population.citizens</c>, <c>strategies.A.invitation_rate</c>, <c>strategies.A.preset</c>, <c>seed</c>) and
/// whether a second setting is compared. They are checked by writing them as a scenario file and loading it with
/// <see cref="ScenarioLoader"/>, so the page gives exactly the messages a file would.
/// </summary>
public sealed record Settings(IReadOnlyDictionary<string, string> Values, bool Compare);

/// <summary>
/// What a page's settings are applied to: the starting scenario's name, description, replications, domains and
/// public bodies (which the page edits by value, not by adding or removing), and the names of the two settings.
/// </summary>
public sealed class SettingsForm
{
    /// <summary>The town a page starts with when <c>coprodsim serve</c> is given no file: classroom size, 36 months.</summary>
    public const string DefaultScenario = """
        name: explorer
        description: Explored in coprodsim serve
        seed: 7
        replications: 5
        horizon: 36
        population:
          citizens: 2000
          neighbourhoods: 20
        strategies:
          - name: A
            preset: inside-out
          - name: B
            preset: four-cos
        baseline: A
        """;

    private readonly Scenario _start;

    /// <summary>The form for pages starting from <paramref name="start"/> (null: <see cref="DefaultScenario"/>).</summary>
    public SettingsForm(Scenario? start)
    {
        _start = start ?? ScenarioLoader.Parse(DefaultScenario, "explorer.yaml");
        string a = _start.Strategies[0].Name;
        string b = _start.Strategies.Count > 1 ? _start.Strategies[1].Name : a == "B" ? "B2" : "B";
        Names = [a, b];
        StartLevers = [_start.Strategies[0], _start.Strategies.Count > 1 ? _start.Strategies[1]
            : new StrategySpec(b, _start.Strategies[0].Preset == "four-cos" ? "traditional" : "four-cos",
                _start.Strategies[0].Preset == "four-cos" ? StrategyPresets.Traditional : StrategyPresets.FourCos)];
        // A file comparing strategies opens compared; the built-in town opens with one setting, B ready to compare.
        Initial = new Settings(ValuesOf(_start.Model, _start.Seed, StartLevers), start is not null && _start.Strategies.Count > 1);
        Paths = Initial.Values.Keys.ToHashSet();
    }

    /// <summary>The two settings' names (strategy names in the exported file): A's, then B's.</summary>
    public IReadOnlyList<string> Names { get; }

    private IReadOnlyList<StrategySpec> StartLevers { get; }

    /// <summary>The settings a page starts with (and "reset to defaults" returns to).</summary>
    public Settings Initial { get; }

    /// <summary>Every settable path.</summary>
    public IReadOnlySet<string> Paths { get; }

    /// <summary>The scenario's name, for the exported file.</summary>
    public string Name => _start.Name;

    /// <summary>Domain names, in order.</summary>
    public IReadOnlyList<string> Domains => _start.Model.Domains.Select(d => d.Name).ToArray();

    /// <summary>Public body names, in order.</summary>
    public IReadOnlyList<string> PublicBodies => _start.Model.PublicBodies.Select(b => b.Name).ToArray();

    /// <summary>Every path's text for a model, a seed and strategies.</summary>
    private Dictionary<string, string> ValuesOf(ModelParameters m, ulong seed, IReadOnlyList<StrategySpec> strategies)
    {
        var v = new Dictionary<string, string> { ["seed"] = seed.ToString(CultureInfo.InvariantCulture) };
        void Add(string prefix, ParameterValues values)
        {
            foreach (Parameter p in values.Section.Parameters) v[prefix + p.Name] = p.Format(values.Stored(p));
        }
        Add("", m.Run);
        Add("population.", m.Population);
        Add("behaviour.", m.Behaviour);
        foreach (Domain d in m.Domains) Add($"domains.{d.Name}.", d.Values);
        foreach (PublicBody b in m.PublicBodies) Add($"public_bodies.{b.Name}.", b.Values);
        for (int s = 0; s < 2; s++)
        {
            v[$"strategies.{Names[s]}.preset"] = strategies[s].Preset ?? "";
            Add($"strategies.{Names[s]}.", strategies[s].Levers);
        }
        return v;
    }

    /// <summary>
    /// The settings as a scenario file with every value written as typed, and which path each line holds. A value
    /// that is not a plain word or number is quoted, so no text typed can change the file's structure.
    /// </summary>
    public (string Text, Dictionary<int, string> Lines) Text(Settings settings)
    {
        var w = new StringBuilder();
        var lines = new Dictionary<int, string>();
        int line = 0;
        void Line(string text, string? path = null)
        {
            w.Append(text).Append('\n');
            line++;
            if (path is not null) lines[line] = path;
        }
        string Get(string path) => settings.Values.TryGetValue(path, out string? x) ? x : Initial.Values[path];
        void Value(string indent, string key, string path) => Line($"{indent}{key}: {ScenarioWriter.Scalar(Get(path).Trim())}", path);
        void Section(string indent, string prefix, ParameterSection section)
        {
            foreach (Parameter p in section.Parameters) Value(indent, p.Name, prefix + p.Name);
        }
        Line($"name: {ScenarioWriter.Scalar(_start.Name)}");
        if (_start.Description.Length > 0) Line($"description: {ScenarioWriter.Quoted(_start.Description)}");
        Value("", "seed", "seed");
        Line($"replications: {_start.Replications.ToString(CultureInfo.InvariantCulture)}");
        Section("", "", RunParameters.Section);
        Line("population:", "population");
        Section("  ", "population.", PopulationParameters.Section);
        Line("behaviour:", "behaviour");
        Section("  ", "behaviour.", BehaviourParameters.Section);
        Line("domains:", "domains");
        foreach (Domain d in _start.Model.Domains)
        {
            Line($"  {d.Name}:", $"domains.{d.Name}");
            Section("    ", $"domains.{d.Name}.", DomainParameters.Section);
        }
        Line("public_bodies:", "public_bodies");
        foreach (PublicBody b in _start.Model.PublicBodies)
        {
            Line($"  {b.Name}:", $"public_bodies.{b.Name}");
            if (b.Domains.Count > 0) Line($"    domains: [{string.Join(", ", b.Domains)}]");
            Section("    ", $"public_bodies.{b.Name}.", PublicBodyParameters.Section);
        }
        Line("strategies:", "strategies");
        foreach (string name in Names.Take(settings.Compare ? 2 : 1))
        {
            string prefix = $"strategies.{name}.";
            Line($"  - name: {name}", $"strategies.{name}");
            if (Get(prefix + "preset").Trim() is { Length: > 0 } preset) Line($"    preset: {ScenarioWriter.Scalar(preset)}", prefix + "preset");
            foreach (Parameter p in StrategyLevers.Section.Parameters.Where(p => !p.Name.StartsWith("modes.", StringComparison.Ordinal)))
                Value("    ", p.Name, prefix + p.Name);
            Line("    modes:", prefix + "modes");
            foreach (Parameter p in StrategyLevers.Modes) Value("      ", p.Name["modes.".Length..], prefix + p.Name);
        }
        if (settings.Compare) Line($"baseline: {Names[0]}");
        return (w.ToString(), lines);
    }

    /// <summary>
    /// Checks <paramref name="settings"/> as a scenario file is checked, then against the server's limits. Gives the
    /// scenario (its strategies: A, and B when comparing) or every problem, each placed at its setting.
    /// </summary>
    public Scenario Check(Settings settings, ExplorerOptions limits, out IReadOnlyList<SettingError> errors)
    {
        var found = new List<SettingError>();
        foreach (string path in settings.Values.Keys.Where(k => !Paths.Contains(k)).Take(10))
            found.Add(new SettingError("", $"'{Shorten(path)}' is not a setting of this explorer"));
        foreach (var (path, value) in settings.Values)
            if (value.Length > 200) found.Add(new SettingError(Paths.Contains(path) ? path : "", "the value is longer than 200 characters"));
        if (found.Count > 0)
        {
            errors = found;
            return null!;
        }
        var (text, lines) = Text(settings);
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Parse(text, "settings");
        }
        catch (ScenarioException ex)
        {
            errors = ex.Errors.Select(e => new SettingError(PathOf(e, lines), Message(e))).ToArray();
            return null!;
        }
        errors = Limits(scenario, limits);
        return scenario;
    }

    /// <summary>The loader's message without the file name and line (the page shows it beside the field).</summary>
    private static string Message(ScenarioError e) => e.Message;

    private string PathOf(ScenarioError e, Dictionary<int, string> lines)
    {
        // The loader starts a field's message with its path; else the line says which setting it is.
        int colon = e.Message.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && Paths.Contains(e.Message[..colon])) return e.Message[..colon];
        return lines.TryGetValue(e.Line, out string? path) && Paths.Contains(path) ? path : "";
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "..." : s;

    /// <summary>Estimated memory of one simulation of <paramref name="scenario"/>, bytes: its towns, networks and the months kept.</summary>
    public static long MemoryEstimate(Scenario scenario)
    {
        ModelParameters m = scenario.Model;
        long citizens = m.Population[PopulationParameters.Citizens];
        long hoods = m.Population[PopulationParameters.Neighbourhoods];
        int contacts = m.Population[PopulationParameters.Contacts];
        int arms = scenario.Strategies.Count;
        // The model's own count of bytes per citizen (docs/performance.md: 134 with four domains), the network's
        // adjacency (an int per tie and an offset), and per-neighbourhood tallies (a few hundred bytes each).
        long perCitizen = Citizens.StateBytes(m.Domains.Count) + ResourceEstimate.ContactBytes * (contacts + 1L);
        long perHood = 64L * m.Domains.Count * Town.Quintiles + 256;
        // Each month kept: every metric and four numbers per neighbourhood, as numbers and as the text sent to pages.
        long perMonth = (CoProdSim.Model.CoProductionModel.MetricNamesFor(m).Length + 4 * hoods) * 8 * 4;
        return arms * (citizens * perCitizen + hoods * perHood + (m.Horizon + 1) * perMonth) + 2 * 1024 * 1024;
    }

    /// <summary>
    /// Nanoseconds of computing per citizen-month, on one thread: docs/performance.md measures 85 to 96 ns for one
    /// tick at 10k to 1M citizens; 150 leaves room for the per-neighbourhood view the explorer adds and slower machines.
    /// </summary>
    public const double NanosecondsPerCitizenMonth = 150;

    /// <summary>Estimated seconds of computing for a whole run of <paramref name="scenario"/>: every month of every setting, and building the towns (about six months' work).</summary>
    public static double SecondsEstimate(Scenario scenario)
    {
        double citizens = scenario.Model.Population[PopulationParameters.Citizens];
        return scenario.Strategies.Count * citizens * (scenario.Model.Horizon + 6) * NanosecondsPerCitizenMonth * 1e-9;
    }

    private static IReadOnlyList<SettingError> Limits(Scenario scenario, ExplorerOptions limits)
    {
        var errors = new List<SettingError>();
        long memory = MemoryEstimate(scenario);
        double seconds = SecondsEstimate(scenario);
        const string Fix = "lower citizens or the horizon (or turn compare off); a bigger town runs with coprodsim run";
        if (memory > limits.MaxMemoryBytes)
            errors.Add(new SettingError("population.citizens", string.Create(CultureInfo.InvariantCulture,
                $"this town would need about {memory / 1048576.0:N0} MB; the explorer allows at most {limits.MaxMemoryBytes / 1048576.0:N0} MB a simulation: {Fix}")));
        if (seconds > limits.MaxRunSeconds)
            errors.Add(new SettingError("population.citizens", string.Create(CultureInfo.InvariantCulture,
                $"a run of this town would take about {seconds:N1} s of computing; the explorer allows at most {limits.MaxRunSeconds:N0} s a run: {Fix}")));
        return errors;
    }

    /// <summary>
    /// Which strategy levers differ between two checked scenarios, by setting, when nothing else does; null when
    /// something other than a lever changed (the town, behaviour, services, seed, horizon, or compare on or off).
    /// </summary>
    public static IReadOnlyList<(int Strategy, Parameter Lever, double From, double To)>? LeverChanges(Scenario before, Scenario after)
    {
        if (before.Seed != after.Seed || before.Strategies.Count != after.Strategies.Count) return null;
        ModelParameters a = before.Model, b = after.Model;
        bool same = ScenarioWriter.Same(a.Run, b.Run) && ScenarioWriter.Same(a.Population, b.Population) && ScenarioWriter.Same(a.Behaviour, b.Behaviour)
            && a.Domains.Zip(b.Domains).All(x => ScenarioWriter.Same(x.First.Values, x.Second.Values))
            && a.PublicBodies.Zip(b.PublicBodies).All(x => ScenarioWriter.Same(x.First.Values, x.Second.Values));
        if (!same) return null;
        var changes = new List<(int, Parameter, double, double)>();
        for (int s = 0; s < before.Strategies.Count; s++)
            foreach (Parameter p in StrategyLevers.Section.Parameters)
                if (!before.Strategies[s].Levers.Stored(p).Equals(after.Strategies[s].Levers.Stored(p)))
                    changes.Add((s, p, before.Strategies[s].Levers.Stored(p), after.Strategies[s].Levers.Stored(p)));
        return changes;
    }
}
