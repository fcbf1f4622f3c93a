using System.Globalization;
using System.Security.Cryptography;
using CoProdSim.Experiments.Designs;
using CoProdSim.Model.Parameters;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CoProdSim.Experiments.Scenarios;

/// <summary>
/// Reads a scenario file (YAML) into a validated <see cref="Scenario"/>. Every problem is reported with the file,
/// line and column, the field, what was found and what is allowed; all problems are collected, not just the first.
/// The file format is documented in docs/scenarios.md and schema/scenario.schema.json.
/// </summary>
public sealed class ScenarioLoader
{
    /// <summary>Top-level keys of a scenario file.</summary>
    public static readonly IReadOnlyList<string> TopLevelKeys =
        ["name", "description", "seed", "replications", .. RunParameters.Section.Parameters.Select(p => p.Name), "population", "domains", "public_bodies", "behaviour", "strategies", "baseline", "sweep", "outputs"];

    /// <summary>Keys of the sweep section.</summary>
    public static readonly IReadOnlyList<string> SweepKeys = ["method", "samples", "parameters", "second_order", "trajectories", "levels", "candidates", "file", "metrics", "statistic"];

    /// <summary>Keys of one swept parameter.</summary>
    public static readonly IReadOnlyList<string> SweepParameterKeys = ["min", "max", "steps", "values"];

    /// <summary>Keys of the outputs section.</summary>
    public static readonly IReadOnlyList<string> OutputKeys = ["timeseries", "summary", "report", "format", "metrics", "derived"];

    /// <summary>Formats of the time series and summary tables (<c>outputs.format</c>).</summary>
    public static readonly IReadOnlyList<string> OutputFormats = ["csv", "parquet"];

    /// <summary>Keys of one strategy besides its levers.</summary>
    public static readonly IReadOnlyList<string> StrategyKeys = ["name", "preset"];

    /// <summary>Keys of one public body besides its numeric parameters.</summary>
    public static readonly IReadOnlyList<string> PublicBodyKeys = ["domains"];

    /// <summary>Largest scenario file read, in bytes (10 MiB): scenario files are a few kilobytes.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Deepest nesting of lists and mappings allowed; scenario files nest four or five levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most keys in one mapping; the largest section has about 60 parameters.</summary>
    public const int MaxKeys = 10_000;

    /// <summary>Most errors listed; the rest are counted ("and N more").</summary>
    public const int MaxErrors = 50;

    /// <summary>Longest scenario, strategy, domain or public body name.</summary>
    public const int MaxNameLength = 64;

    private readonly string _file;
    private readonly List<ScenarioError> _errors = [];
    private readonly Dictionary<string, Mark> _positions = [];
    private int _moreErrors;
    private YamlNode? _outputMetricsNode, _derivedNode;
    private readonly List<string> _derivedNames = [];

    private ScenarioLoader(string file) => _file = file;

    /// <summary>True once <see cref="MaxErrors"/> errors are listed: later ones are only counted.</summary>
    private bool Full => _errors.Count >= MaxErrors;

    /// <summary>Loads and validates <paramref name="path"/>, then applies <paramref name="overrides"/> (<c>path=value</c>).</summary>
    /// <exception cref="ScenarioException">with every problem found.</exception>
    public static Scenario Load(string path, IReadOnlyList<string>? overrides = null)
    {
        if (!File.Exists(path)) throw new ScenarioException(new ScenarioError(path, 0, 0, Directory.Exists(path) ? "is a folder, not a scenario file" : "file not found"));
        byte[] bytes = ScenarioText.ReadCapped(path, MaxFileBytes);
        return Parse(ScenarioText.Decode(bytes, path), path, Convert.ToHexStringLower(SHA256.HashData(bytes)), overrides);
    }

    /// <summary>Parses scenario text; <paramref name="file"/> names it in errors.</summary>
    public static Scenario Parse(string text, string file, string? hash = null, IReadOnlyList<string>? overrides = null)
    {
        var loader = new ScenarioLoader(file);
        if (text.StartsWith('\uFEFF')) text = text[1..];
        Scenario? scenario = text.Length > MaxFileBytes ? loader.TooBig(text.Length) : loader.Read(text);
        if (scenario is not null && overrides is { Count: > 0 }) scenario = loader.ApplyOverrides(scenario, overrides);
        if (scenario is not null) loader.ValidateModel(scenario);
        if (scenario is not null && loader._errors.Count == 0 && scenario.RunCount > Scenario.MaxRuns)
            loader.Error(loader.Position("replications"), scenario.TooManyRuns());
        if (loader._errors.Count > 0 || scenario is null) throw new ScenarioException(loader.ErrorList()) { Unlisted = loader._moreErrors };
        return scenario with
        {
            SourcePath = file,
            SourceHash = hash ?? Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
            Overrides = overrides ?? [],
        };
    }

    /// <summary>The errors to report: the first <see cref="MaxErrors"/>, then how many more there are.</summary>
    private List<ScenarioError> ErrorList()
    {
        var list = _errors.Distinct().ToList();
        if (_moreErrors > 0)
            list.Add(new ScenarioError(_file, 0, 0, $"and {_moreErrors.ToString("N0", CultureInfo.InvariantCulture)} more errors, not listed (only the first {MaxErrors} are): fix these and check again"));
        return list;
    }

    private Scenario? TooBig(long length)
    {
        Error(0, 0, ScenarioText.TooBig(length, MaxFileBytes));
        return null;
    }

    private Scenario? Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Error(1, 1, "the file is empty; a scenario needs at least 'name' and 'strategies' (see docs/scenarios.md)");
            return null;
        }
        var stream = new YamlStream();
        try
        {
            // The tree is built recursively: check the nesting on the flat event stream first.
            if (ScenarioText.TooBigTree(text, MaxDepth, MaxKeys) is { } big)
            {
                Error(big.At, big.Deep
                    ? $"lists and mappings are nested more than {MaxDepth} deep here; a scenario file needs four or five levels: is this the right file?"
                    : string.Create(CultureInfo.InvariantCulture, $"more than {MaxKeys:N0} keys in one mapping here; a scenario's sections have at most about 60 (docs/scenarios.md): is this the right file?"));
                return null;
            }
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            string message = ex.InnerException is YamlException or null ? ex.InnerException?.Message ?? ex.Message : ex.Message;
            if (message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase))
                message = "a key appears twice in the same section: " + message;
            if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && ScenarioText.IndentingTab(text) is { } tab)
            {
                Error(tab, "a tab is used for indentation; YAML allows only spaces for indentation: replace the tab with spaces");
                return null;
            }
            Error((int)ex.Start.Line, (int)ex.Start.Column, "malformed YAML: " + message.Trim());
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            Error(1, 1, "the file is empty; a scenario needs at least 'name' and 'strategies' (see docs/scenarios.md)");
            return null;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Error(stream.Documents[0].RootNode, "a scenario file is a mapping of keys (name:, strategies:, ...), not a list or a single value");
            return null;
        }
        if (stream.Documents.Count > 1) Error(stream.Documents[1].RootNode, "only one YAML document is allowed in a scenario file");

        var model = new ModelParameters();
        string? name = null, description = "";
        ulong seed = 1;
        int replications = 10;
        IReadOnlyList<StrategySpec> strategies = [];
        YamlNode? strategiesNode = null, sweepNode = null, baselineNode = null;
        var outputs = new OutputSpec();

        foreach (var (key, value) in Entries(root, TopLevelKeys, ""))
        {
            switch (key)
            {
                case "name":
                    name = String(value, "name");
                    if (name is not null && !IsFileName(name)) { Error(value, $"name '{Shorten(name)}' is used as a folder name: use letters, digits, '-', '_' and '.', at most {MaxNameLength} characters"); name = null; }
                    break;
                case "description": description = String(value, "description") ?? ""; break;
                case "seed": seed = (ulong)(Number(value, "seed", 0, Scenario.MaxSeed, integer: true) ?? 1); break;
                case "replications": replications = (int)(Number(value, "replications", 1, 100_000, integer: true) ?? 10); break;
                case "population": model = model with { Population = Section(value, "population", model.Population) }; break;
                case "behaviour": model = model with { Behaviour = Section(value, "behaviour", model.Behaviour) }; break;
                case "domains": model = model with { Domains = ReadDomains(value) }; break;
                case "public_bodies": model = model with { PublicBodies = ReadBodies(value) }; break;
                case "strategies": strategiesNode = value; break;
                case "sweep": sweepNode = value; break;
                case "baseline": baselineNode = value; break;
                case "outputs": outputs = ReadOutputs(value); break;
                default: model = model with { Run = SetSpec(model.Run, value, key, RunParameters.Section.Find(key)!) }; break;
            }
        }
        if (name is null && !root.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "name"))
            Error(root, "missing 'name': give the scenario a short name (it names the output folder)");
        if (strategiesNode is null) Error(root, "missing 'strategies': list the strategies to compare, e.g. [traditional, four-cos]");
        else strategies = ReadStrategies(strategiesNode);
        if (_derivedNode is not null) outputs = outputs with { Derived = ReadDerived(_derivedNode, model) };
        if (_outputMetricsNode is not null) outputs = outputs with { Metrics = ReadMetrics(_outputMetricsNode, model, "outputs.metrics") };
        SweepSpec? sweep = sweepNode is null ? null : ReadSweep(sweepNode, model, strategies, seed);
        // The sensitivity analysis uses the metrics of outputs.metrics unless sweep.metrics names its own.
        if (sweep is not null && outputs.Metrics is { } shown && !_positions.ContainsKey("sweep.metrics"))
            sweep = sweep with { Options = sweep.Options with { Metrics = shown } };
        if (outputs is { Report: true, TimeSeries: false })
            Error(_positions.GetValueOrDefault("outputs.timeseries", root.Start), "outputs: the report is drawn from timeseries.csv: with timeseries: false, also set report: false (or keep timeseries: true)");
        string? baseline = baselineNode is null ? null : String(baselineNode, "baseline");
        if (baseline is not null && strategiesNode is not null && strategies.Count > 0 && !strategies.Any(s => s.Name == baseline))
            Error(baselineNode!, $"baseline '{baseline}' is not one of the strategies{Suggest.DidYouMean(baseline, strategies.Select(s => s.Name))}; strategies: {string.Join(", ", strategies.Select(s => s.Name))}");
        if (_errors.Count > 0) return null;
        return new Scenario
        {
            Name = name!,
            Description = description,
            Seed = seed,
            Replications = replications,
            Model = model,
            Strategies = strategies,
            Sweep = sweep,
            Outputs = outputs,
            Baseline = baseline,
        };
    }

    private IReadOnlyList<Domain> ReadDomains(YamlNode node)
    {
        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            Error(node, "'domains' maps each domain's name to its parameters, e.g. domains: { health_care: { sigma: 0.5 } }; leave it out for the four defaults");
            return DomainParameters.Defaults;
        }
        var list = new List<Domain>();
        foreach (var (name, key, value) in Named(map, "domain"))
        {
            Domain start = DomainParameters.Defaults.FirstOrDefault(d => d.Name == name) ?? DomainParameters.Named(name);
            _positions[$"domains.{name}"] = key.Start;
            list.Add(value is YamlScalarNode { Value: null or "" } ? start : start with { Values = Section(value, $"domains.{name}", start.Values) });
        }
        return list;
    }

    /// <summary>The entries of a mapping keyed by names (domains, public bodies), refusing names files and columns cannot use.</summary>
    private IEnumerable<(string Name, YamlNode Key, YamlNode Value)> Named(YamlMappingNode map, string what)
    {
        foreach (var (key, value) in map.Children)
        {
            string? name = (key as YamlScalarNode)?.Value;
            if (name is null || !ParameterCatalog.IsIdentifier(name) || name.Length > MaxNameLength)
            {
                Error(key, $"{what} name '{Shorten(name ?? "")}' must be lower-case letters, digits and underscores, at most {MaxNameLength} characters");
                continue;
            }
            yield return (name, key, value);
        }
    }

    private IReadOnlyList<PublicBody> ReadBodies(YamlNode node)
    {
        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            Error(node, "'public_bodies' maps each body's name to its parameters, e.g. public_bodies: { council: { budget_per_citizen: 120 } }");
            return [PublicBodyParameters.Council];
        }
        var list = new List<PublicBody>();
        foreach (var (name, key, value) in Named(map, "public body"))
        {
            _positions[$"public_bodies.{name}"] = key.Start;
            PublicBody body = PublicBodyParameters.Named(name);
            if (value is YamlMappingNode fields)
            {
                var domainsNode = fields.Children.FirstOrDefault(e => (e.Key as YamlScalarNode)?.Value == "domains");
                var rest = new YamlMappingNode(fields.Children.Where(e => (e.Key as YamlScalarNode)?.Value != "domains"));
                body = body with { Values = Section(rest, $"public_bodies.{name}", body.Values, PublicBodyKeys) };
                if (domainsNode.Value is not null)
                {
                    _positions[$"public_bodies.{name}.domains"] = domainsNode.Value.Start;
                    if (domainsNode.Value is YamlSequenceNode seq)
                        body = body with { Domains = seq.Children.Select(c => String(c, $"public_bodies.{name}.domains") ?? "").ToList() };
                    else Error(domainsNode.Value, $"public_bodies.{name}.domains is a list of domain names, e.g. [health_care, education]");
                }
            }
            else if (value is not YamlScalarNode { Value: null or "" }) Error(value, $"public_bodies.{name} is a mapping of its parameters");
            list.Add(body);
        }
        return list;
    }

    private IReadOnlyList<StrategySpec> ReadStrategies(YamlNode node)
    {
        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            Error(node, "'strategies' is a list of presets or lever sets, e.g. [traditional, four-cos]; presets: " + string.Join(", ", StrategyPresets.All.Keys));
            return [];
        }
        var list = new List<StrategySpec>();
        var seen = new Dictionary<string, Mark>();
        foreach (YamlNode item in seq.Children)
        {
            StrategySpec? spec = null;
            if (item is YamlScalarNode scalar)
            {
                string preset = scalar.Value ?? "";
                if (StrategyPresets.All.TryGetValue(preset, out ParameterValues? levers)) spec = new StrategySpec(preset, preset, levers);
                else Error(item, $"unknown strategy preset '{Shorten(preset)}'{Suggest.DidYouMean(Shorten(preset), StrategyPresets.All.Keys)}; presets: {string.Join(", ", StrategyPresets.All.Keys)}");
            }
            else if (item is YamlMappingNode map)
            {
                spec = ReadStrategy(map);
            }
            else Error(item, "a strategy is a preset name or a mapping of levers");
            if (spec is null) continue;
            if (seen.TryGetValue(spec.Name, out Mark first))
            {
                Error(item, $"duplicate strategy '{spec.Name}' (first at line {first.Line}); give each strategy a distinct 'name'");
                continue;
            }
            seen[spec.Name] = item.Start;
            _positions[$"strategies.{spec.Name}"] = item.Start;
            list.Add(spec);
        }
        return list;
    }

    private StrategySpec? ReadStrategy(YamlMappingNode map)
    {
        string? preset = null, name = null;
        ParameterValues levers = StrategyPresets.Traditional;
        YamlNode? presetNode = Get(map, "preset"), nameNode = Get(map, "name");
        if (presetNode is not null)
        {
            preset = String(presetNode, "preset");
            if (preset is not null && !StrategyPresets.All.TryGetValue(preset, out levers!))
            {
                Error(presetNode, $"unknown strategy preset '{Shorten(preset)}'{Suggest.DidYouMean(Shorten(preset), StrategyPresets.All.Keys)}; presets: {string.Join(", ", StrategyPresets.All.Keys)}");
                return null;
            }
        }
        if (nameNode is not null) name = String(nameNode, "name");
        name ??= preset;
        if (name is null)
        {
            Error(map, "a custom strategy needs a 'name' (or a 'preset' to start from)");
            return null;
        }
        if (!IsStrategyName(name))
        {
            // A dot would make --set strategies.NAME.KEY ambiguous; the name also names files and columns.
            Error(nameNode ?? map, $"strategy name '{Shorten(name)}' may hold only letters, digits, '-' and '_' (no '.', so that --set strategies.NAME.KEY can name it), at most {MaxNameLength} characters");
            return null;
        }
        string prefix = $"strategies.{name}";
        foreach (var (key, value) in Entries(map, [.. StrategyKeys, .. StrategyLevers.Section.Parameters.Select(s => s.Name).Where(n => !n.StartsWith("modes.", StringComparison.Ordinal)), "modes"], prefix + "."))
        {
            if (key is "name" or "preset") continue;
            if (key == "modes")
            {
                if (value is not YamlMappingNode modes) { Error(value, $"{prefix}.modes maps modes to weights, e.g. {{co_delivery: 0.7, co_design: 0.3}}; modes: {string.Join(", ", Names.Modes)}"); continue; }
                // Modes given are the whole mix: those left out get weight 0.
                levers = levers.WithModes(0, 0, 0, 0);
                foreach (var (mode, weight) in Entries(modes, Names.Modes, prefix + ".modes."))
                    levers = SetSpec(levers, weight, $"{prefix}.modes.{mode}", StrategyLevers.Section.Find("modes." + mode)!);
                continue;
            }
            levers = SetSpec(levers, value, $"{prefix}.{key}", StrategyLevers.Section.Find(key)!);
        }
        return new StrategySpec(name, preset, levers);
    }

    private SweepSpec? ReadSweep(YamlNode node, ModelParameters model, IReadOnlyList<StrategySpec> strategies, ulong seed)
    {
        if (node is not YamlMappingNode map) { Error(node, "'sweep' is a mapping with 'method' and 'parameters'"); return null; }
        SweepMethod method = SweepMethod.Grid;
        // The method decides what the other keys mean, wherever it is written.
        if (Get(map, "method") is { } methodNode && String(methodNode, "sweep.method") is { } m)
        {
            if (Design.Names.TryGetValue(m.Replace('_', '-'), out SweepMethod found)) method = found;
            else Error(methodNode, $"sweep.method '{Shorten(m)}' is not allowed{Suggest.DidYouMean(Shorten(m), Design.Names.Keys)}; allowed: {string.Join(", ", Design.Names.Keys)}");
        }
        string name = Design.NameOf(method);
        int samples = 0;
        var options = new DesignOptions();
        var parameters = new List<SweepParameter>();
        YamlNode? samplesNode = null, parametersNode = null, fileNode = null;
        var only = new Dictionary<string, SweepMethod>
        {
            ["second_order"] = SweepMethod.Sobol, ["trajectories"] = SweepMethod.Morris, ["levels"] = SweepMethod.Morris,
            ["candidates"] = SweepMethod.Morris, ["file"] = SweepMethod.File,
        };
        foreach (var (key, value) in Entries(map, SweepKeys, "sweep."))
        {
            if (only.TryGetValue(key, out SweepMethod owner) && owner != method)
            {
                Error(value, $"sweep.{key} is for method {Design.NameOf(owner)}, not {name}");
                continue;
            }
            switch (key)
            {
                case "samples":
                    samplesNode = value;
                    samples = (int)(Number(value, "sweep.samples", 2, 100_000, integer: true) ?? 0);
                    break;
                case "parameters": parametersNode = value; break;
                case "second_order": options = options with { SecondOrder = Bool(value, "sweep.second_order") ?? false }; break;
                case "trajectories": options = options with { Trajectories = (int)(Number(value, "sweep.trajectories", 2, 10_000, integer: true) ?? 10) }; break;
                case "levels":
                    int levels = (int)(Number(value, "sweep.levels", 2, 100, integer: true) ?? 4);
                    if (levels % 2 != 0) Error(value, $"sweep.levels: {levels} is odd; Morris levels must be even (4, 6, 8, ...) so every step is the same size");
                    options = options with { Levels = levels };
                    break;
                case "candidates": options = options with { Candidates = (int)(Number(value, "sweep.candidates", 2, 100_000, integer: true) ?? 0) }; break;
                case "file": fileNode = value; options = options with { File = String(value, "sweep.file") }; break;
                case "metrics": options = options with { Metrics = ReadMetrics(value, model, "sweep.metrics") ?? options.Metrics }; break;
                case "statistic":
                    string? st = String(value, "sweep.statistic");
                    if (st is not null && !Sensitivity.ResponseStatistic.TryParse(st, out _)) Error(value, $"sweep.statistic '{st}' is not allowed; allowed: {Sensitivity.ResponseStatistic.Allowed}");
                    else if (st is not null) options = options with { Statistic = st };
                    break;
            }
        }
        if (method == SweepMethod.File)
        {
            if (parametersNode is not null) Error(parametersNode, "a file sweep takes its parameters from the file's header: leave out sweep.parameters");
            if (fileNode is null) Error(map, "a file sweep needs 'file', the CSV of points (header: parameter paths), relative to this scenario");
            if (samplesNode is not null) Error(samplesNode, "sweep.samples is not for a file sweep: the file lists the points");
            if (_errors.Count > 0 || options.File is null) return null;
            string dir = Path.GetDirectoryName(Path.GetFullPath(_file)) ?? ".";
            var contents = FileDesign.Read(Path.Combine(dir, options.File), Path.Combine(Path.GetDirectoryName(_file) ?? "", options.File),
                path => ProbeSweepPath(path, model, strategies, choiceAllowed: true));
            if (contents.Errors.Count > 0)
            {
                _errors.AddRange(contents.Errors.Select(e => e.Line == 0 ? e with { File = _file, Line = (int)fileNode!.Start.Line, Column = (int)fileNode.Start.Column, Message = $"sweep.file '{options.File}': {e.Message}" } : e));
                return null;
            }
            if (contents.Points.Count > SweepPoints.MaxPoints) { Error(fileNode!, $"the design file has {contents.Points.Count} points; at most {SweepPoints.MaxPoints}"); return null; }
            return new SweepSpec(method, 0, contents.Parameters, contents.Points) { Options = options };
        }
        if (parametersNode is not null)
        {
            if (parametersNode is not YamlMappingNode ps || ps.Children.Count == 0) Error(parametersNode, "sweep.parameters maps dotted parameter paths to ranges, e.g. strategy.budget_change: {min: -0.3, max: 0.3, steps: 4}");
            else
            {
                foreach (var (pathNode, range) in ps.Children)
                {
                    SweepParameter? p = ReadSweepParameter(pathNode, range, model, strategies, method);
                    if (p is not null) parameters.Add(p);
                }
            }
        }
        if (parameters.Count == 0 && !_errors.Any()) Error(map, "sweep needs 'parameters'");
        if (method != SweepMethod.Grid)
        {
            foreach (SweepParameter p in parameters.Where(p => p.Values is not null))
                Error(_positions.GetValueOrDefault("sweep." + p.Path, map.Start), $"sweep.parameters.{p.Path}: a {name} sweep samples a range: give min and max, not values");
        }
        if (method is SweepMethod.LatinHypercube or SweepMethod.MonteCarlo or SweepMethod.Sobol)
        {
            if (samplesNode is null) Error(map, $"a {name} sweep needs 'samples' ({(method == SweepMethod.Sobol ? "N base samples, a power of two, e.g. 512" : "at least 2")})");
            else if (method == SweepMethod.Sobol && samples > 0 && !System.Numerics.BitOperations.IsPow2(samples))
                Error(samplesNode, $"sweep.samples: {samples} is not a power of two; a sobol sweep takes N = 2^m base samples (e.g. {System.Numerics.BitOperations.RoundUpToPowerOf2((uint)samples) / 2} or {System.Numerics.BitOperations.RoundUpToPowerOf2((uint)samples)}), for the balance of the Sobol' sequence");
        }
        else if (samplesNode is not null) Error(samplesNode, method == SweepMethod.Grid
            ? "sweep.samples is for methods latin-hypercube, sobol and monte-carlo; a grid takes 'steps' or 'values' per parameter"
            : "sweep.samples is not for a morris sweep: give 'trajectories' (and 'levels', 'candidates')");
        if (method == SweepMethod.Sobol && parameters.Count > SobolSequence.MaxDimensions / 2)
            Error(parametersNode ?? map, $"a sobol sweep takes at most {SobolSequence.MaxDimensions / 2} parameters; found {parameters.Count}");
        if (method == SweepMethod.Morris && options.Candidates > 0 && options.Candidates < options.Trajectories)
            Error(_positions.GetValueOrDefault("sweep.candidates", map.Start), $"sweep.candidates ({options.Candidates}) must be at least sweep.trajectories ({options.Trajectories})");
        if (_errors.Count > 0) return null;
        var sweep = new SweepSpec(method, samples, parameters, []) { Options = options };
        long count = SweepPoints.Count(sweep);
        if (count > SweepPoints.MaxPoints) { Error(map, $"the sweep has {count} points; at most {SweepPoints.MaxPoints}"); return null; }
        return sweep with { Points = SweepPoints.Generate(sweep, seed) };
    }

    /// <summary>The metrics a scenario can name: the catalogue's for its domains, then its derived metrics.</summary>
    private string[] KnownMetrics(ModelParameters model) => [.. CatalogueMetrics(model), .. _derivedNames];

    private static string[] CatalogueMetrics(ModelParameters model) => CoProdSim.Model.Metrics.MetricCatalog.Names(model.Domains.Select(d => d.Name).ToArray());

    /// <summary>
    /// outputs.derived: a mapping from a new metric's name to its expression over the catalogue's metrics (and derived
    /// metrics defined before it). Each expression is parsed now, so that a bad one is reported at its line and column.
    /// </summary>
    private IReadOnlyList<DerivedMetric> ReadDerived(YamlNode node, ModelParameters model)
    {
        string[] catalogue = CatalogueMetrics(model);
        const string example = "e.g. derived: { cost_per_qaly: \"discounted_cost / discounted_qalys\" }";
        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            Error(node, $"outputs.derived maps each new metric's name to an expression of other metrics, {example}");
            return [];
        }
        string[] names = map.Children.Keys.Select(k => (k as YamlScalarNode)?.Value ?? "").ToArray();
        var list = new List<DerivedMetric>();
        int at = 0;
        foreach (var (keyNode, value) in map.Children)
        {
            string name = (keyNode as YamlScalarNode)?.Value ?? "";
            at++;
            if (!CoProdSim.Model.Parameters.ParameterCatalog.IsIdentifier(name) || name.Length > MaxNameLength)
            {
                Error(keyNode, $"outputs.derived: '{Shorten(name)}' is not a metric name; allowed: lower-case letters, digits and underscores, starting with a letter (snake_case), at most {MaxNameLength} characters");
                continue;
            }
            if (catalogue.Contains(name))
            {
                Error(keyNode, $"outputs.derived: '{name}' is already a metric of the catalogue; give the derived metric another name (e.g. {name}_derived)");
                continue;
            }
            if (value is not YamlScalarNode { Value: { } expression } scalar || scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded && expression.Contains('\n'))
            {
                Error(value, $"outputs.derived.{name}: expected an expression in one line, found {Describe(value)}; {example}");
                continue;
            }
            string[] later = names.Skip(at).ToArray();
            if (DerivedMetrics.Check(expression, [.. catalogue, .. _derivedNames], later, out int position, out _) is { } problem)
            {
                // The column of the problem: the expression's start, after an opening quote, plus the position in it.
                int column = (int)scalar.Start.Column + (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0) + position;
                Error((int)scalar.Start.Line, column, $"outputs.derived.{name}: {problem}");
                continue;
            }
            _derivedNames.Add(name);
            list.Add(new DerivedMetric(name, expression));
        }
        return list;
    }

    /// <summary>A list of metric names (<c>outputs.metrics</c>, <c>sweep.metrics</c>), each one the scenario writes.</summary>
    private IReadOnlyList<string>? ReadMetrics(YamlNode node, ModelParameters model, string where)
    {
        string[] known = KnownMetrics(model);
        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            Error(node, $"{where} is a list of metric names, e.g. [outcome_index, public_cost]; metrics: {string.Join(", ", known)}");
            return null;
        }
        var list = new List<string>();
        foreach (YamlNode item in seq.Children)
        {
            string? metric = String(item, where);
            if (metric is null) continue;
            if (!known.Contains(metric)) Error(item, $"{where}: no metric '{Shorten(metric)}'{Suggest.DidYouMean(Shorten(metric), known)}; metrics: {string.Join(", ", known)}");
            else if (list.Contains(metric)) Error(item, $"{where}: '{metric}' is listed twice; list each metric once");
            else list.Add(metric);
        }
        return list.Count == seq.Children.Count ? list : null;
    }

    /// <summary>Why <paramref name="path"/> cannot be swept in this scenario, or null when it can.</summary>
    private static string? ProbeSweepPath(string path, ModelParameters model, IReadOnlyList<StrategySpec> strategies, bool choiceAllowed)
    {
        Parameter? spec = ParameterPaths.SpecAt(path);
        if (spec is null) return $"unknown parameter '{Shorten(path)}'{Suggest.DidYouMean(Shorten(path), ParameterPaths.Patterns())}";
        // Check that the path also names things that exist (a domain, a body, a strategy).
        if (!ParameterPaths.TrySetStored(ref model, ref strategies, path, spec.Kind == ParameterKind.Choice ? 0 : spec.Max, out string? problem)) return problem;
        if (spec.Kind == ParameterKind.Choice && !choiceAllowed) return $"'{path}' takes names ({spec.Allowed}); only grid and file sweeps take a parameter with names";
        return null;
    }

    private SweepParameter? ReadSweepParameter(YamlNode pathNode, YamlNode range, ModelParameters model, IReadOnlyList<StrategySpec> strategies, SweepMethod method)
    {
        string path = (pathNode as YamlScalarNode)?.Value ?? "";
        _positions["sweep." + path] = pathNode.Start;
        if (ProbeSweepPath(path, model, strategies, method == SweepMethod.Grid) is { } problem)
        {
            Error(pathNode, $"sweep.parameters: {problem}");
            return null;
        }
        Parameter spec = ParameterPaths.SpecAt(path)!;
        bool choice = spec.Kind == ParameterKind.Choice;
        if (range is not YamlMappingNode r) { Error(range, $"sweep.parameters.{path} is a mapping: {(choice ? $"{{values: [{string.Join(", ", spec.Choices!)}]}}" : "{min: ..., max: ..., steps: ...} or {values: [...]}")}"); return null; }
        double? min = null, max = null;
        int steps = 0;
        List<double>? values = null;
        bool integer = spec.Kind != ParameterKind.Real;
        foreach (var (key, value) in Entries(r, SweepParameterKeys, $"sweep.parameters.{path}."))
        {
            string where = $"sweep.parameters.{path}.{key}";
            if (choice && key != "values") { Error(value, $"{where}: '{path}' takes names; give values: [{string.Join(", ", spec.Choices!)}]"); continue; }
            switch (key)
            {
                case "min": min = InRange(value, where, spec); break;
                case "max": max = InRange(value, where, spec); break;
                case "steps": steps = (int)(Number(value, where, 2, 10_000, integer: true) ?? 0); break;
                case "values":
                    if (value is not YamlSequenceNode seq || seq.Children.Count == 0) { Error(value, $"{where} is a list of {(choice ? $"names, e.g. [{string.Join(", ", spec.Choices!)}]" : "numbers, e.g. [0.5, 1, 2]")}"); break; }
                    values = [];
                    foreach (YamlNode v in seq.Children)
                    {
                        double? x = choice ? Choice(v, where, spec) : InRange(v, where, spec);
                        if (x is not null) values.Add(x.Value);
                    }
                    break;
            }
        }
        if (values is not null)
        {
            if (min is not null || max is not null || steps > 0) Error(range, $"sweep.parameters.{path}: give either values or min/max, not both");
            if (values.Count == 0) return null;
            return new SweepParameter(path, values.Min(), values.Max(), values.Count, values, integer) { Choice = choice };
        }
        if (choice) return null;
        if (min is null || max is null) { Error(range, $"sweep.parameters.{path} needs min and max (or values)"); return null; }
        if (min >= max) { Error(range, $"sweep.parameters.{path}: min ({min}) must be less than max ({max})"); return null; }
        if (method == SweepMethod.Grid && steps < 2) { Error(range, $"sweep.parameters.{path} needs steps (at least 2) for a grid"); return null; }
        return new SweepParameter(path, min.Value, max.Value, steps, null, integer);
    }

    private double? Choice(YamlNode node, string where, Parameter spec)
    {
        if (node is not YamlScalarNode { Value: { Length: > 0 } text })
        {
            Error(node, $"{where}: expected a name, found {Describe(node)}; allowed: {spec.Allowed}");
            return null;
        }
        if (spec.TryParse(text, out double stored, out string? problem)) return stored;
        Error(node, $"{where}: {problem}");
        return null;
    }

    private double? InRange(YamlNode node, string where, Parameter spec)
    {
        double? x = Number(node, where, double.NegativeInfinity, double.PositiveInfinity, spec.Kind == ParameterKind.Integer);
        if (x is null) return null;
        if (x < spec.Min || x > spec.Max || (spec.MinExclusive && x == spec.Min))
        {
            Error(node, $"{where}: {x.Value.ToString("R", CultureInfo.InvariantCulture)} is out of range; allowed: {spec.Allowed}");
            return null;
        }
        return x;
    }

    private OutputSpec ReadOutputs(YamlNode node)
    {
        var o = new OutputSpec();
        if (node is not YamlMappingNode map) { Error(node, "'outputs' maps timeseries, summary and report to true or false, and format to csv, parquet or [csv, parquet]"); return o; }
        YamlNode? formatNode = null;
        foreach (var (key, value) in Entries(map, OutputKeys, "outputs."))
        {
            if (key == "derived")
            {
                _derivedNode = value;
                continue;
            }
            if (key == "metrics")
            {
                // Checked once the whole file is read: the domains (and derived metrics) decide which names exist.
                _outputMetricsNode = value;
                continue;
            }
            if (key == "format")
            {
                formatNode = value;
                if (ReadFormats(value) is { } f) o = o with { Csv = f.Csv, Parquet = f.Parquet };
                continue;
            }
            bool? b = Bool(value, "outputs." + key);
            if (b is null) continue;
            o = key switch
            {
                "timeseries" => o with { TimeSeries = b.Value },
                "summary" => o with { Summary = b.Value },
                _ => o with { Report = b.Value },
            };
        }
        // The report is drawn from timeseries.csv.
        if (formatNode is not null && o.Report && !o.Csv)
            Error(formatNode, "outputs.report reads timeseries.csv: add csv to outputs.format (format: [csv, parquet]) or set report: false");
        return o;
    }

    /// <summary>outputs.format: one format or a list of them, each csv or parquet, at least one.</summary>
    private (bool Csv, bool Parquet)? ReadFormats(YamlNode node)
    {
        IEnumerable<YamlNode> items = node is YamlSequenceNode seq ? seq.Children : [node];
        bool csv = false, parquet = false, ok = true;
        foreach (YamlNode item in items)
        {
            string? name = (item as YamlScalarNode)?.Value;
            switch (name)
            {
                case "csv": csv = true; break;
                case "parquet": parquet = true; break;
                default:
                    Error(item, $"outputs.format: '{name ?? Describe(item)}' is not a format; allowed: {string.Join(", ", OutputFormats)}, or a list such as [csv, parquet]{(name is null ? "" : Suggest.DidYouMean(name, OutputFormats))}");
                    ok = false;
                    break;
            }
        }
        if (ok && !csv && !parquet) { Error(node, "outputs.format: give at least one of csv, parquet"); ok = false; }
        return ok ? (csv, parquet) : null;
    }

    private Scenario ApplyOverrides(Scenario scenario, IReadOnlyList<string> overrides)
    {
        ModelParameters model = scenario.Model;
        IReadOnlyList<StrategySpec> strategies = scenario.Strategies;
        foreach (string o in overrides)
        {
            int eq = o.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                Add(new ScenarioError("--set", 0, 0, $"'{o}' is not of the form path=value, e.g. --set strategy.invitation_rate=0.2"));
                continue;
            }
            string path = o[..eq].Trim(), value = o[(eq + 1)..].Trim();
            if (SweptBy(path, scenario.Sweep) is { } swept)
                Add(new ScenarioError("--set", 0, 0, $"{o}: {path} is swept (sweep.parameters.{swept}), so a single value would be overwritten at every sweep point; change the sweep's values instead"));
            else if (!ParameterPaths.TrySet(ref model, ref strategies, path, value, out string? error))
                Add(new ScenarioError("--set", 0, 0, $"{o}: {error}"));
        }
        return scenario with { Model = model, Strategies = strategies };
    }

    /// <summary>The swept path that sets the same value as <paramref name="path"/> (a strategy lever for one or every strategy), or null.</summary>
    private static string? SweptBy(string path, SweepSpec? sweep)
    {
        if (sweep is null || !ParameterPaths.TryResolve(path, out ParameterPaths.Resolved? set, out _)) return null;
        foreach (SweepParameter p in sweep.Parameters)
        {
            if (!ParameterPaths.TryResolve(p.Path, out ParameterPaths.Resolved? swept, out _)) continue;
            if (!ReferenceEquals(set!.Parameter, swept!.Parameter) || set.Placement.Section != swept.Placement.Section) continue;
            bool strategyLever = set.Placement.Owner is ParameterPaths.Owner.Strategy or ParameterPaths.Owner.EveryStrategy;
            if (strategyLever ? set.OwnerName is null || swept.OwnerName is null || set.OwnerName == swept.OwnerName
                : set.Placement == swept.Placement && set.OwnerName == swept.OwnerName)
                return p.Path;
        }
        return null;
    }

    private void ValidateModel(Scenario scenario)
    {
        // Each strategy is checked with the scenario's model; an error is placed at the field that caused it.
        var reported = new HashSet<string>();
        foreach (StrategySpec s in scenario.Strategies)
        {
            foreach (ParameterError e in ParameterCatalog.Validate(scenario.Model with { Strategy = s.Levers }))
            {
                string path = e.Path.StartsWith("strategy.", StringComparison.Ordinal) ? $"strategies.{s.Name}.{e.Path["strategy.".Length..]}" : e.Path;
                if (!reported.Add(path + e.Message)) continue;
                Mark at = Position(path);
                Add(new ScenarioError(_file, (int)at.Line, (int)at.Column, $"{path}: {e.Message}"));
            }
        }
        if (_errors.Count > 0 || scenario.Sweep is not { } sweep) return;
        // Every sweep point must give valid parameters with every strategy (a point may break a cross-field rule).
        for (int p = 0; p < sweep.Points.Count && _errors.Count < 10; p++)
        {
            for (int s = 0; s < scenario.Strategies.Count; s++)
            {
                foreach (ParameterError e in ParameterCatalog.Validate(Running.RunPlan.ParametersFor(scenario, p, s)))
                {
                    string values = string.Join(", ", sweep.Parameters.Select((q, k) => $"{q.Path}={sweep.Points[p][k].ToString("R", CultureInfo.InvariantCulture)}"));
                    Mark at = Position("sweep");
                    if (reported.Add($"sweep{p}{e.Path}"))
                        Add(new ScenarioError(_file, (int)at.Line, (int)at.Column, $"sweep point {p + 1} ({values}) with strategy '{scenario.Strategies[s].Name}': {e.Path}: {e.Message}"));
                }
            }
        }
    }

    private Mark Position(string path)
    {
        // The most specific recorded position: the field, else its section, else the top of the file.
        string p = path;
        while (true)
        {
            if (_positions.TryGetValue(p, out Mark m)) return m;
            int dot = p.LastIndexOf('.');
            if (dot < 0) return new Mark(0, 1, 1);
            p = p[..dot];
        }
    }

    // ---- node helpers ----

    private IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode map, IReadOnlyList<string> allowed, string prefix)
    {
        foreach (var (keyNode, value) in map.Children)
        {
            string? key = (keyNode as YamlScalarNode)?.Value;
            if (key is null) { Error(keyNode, "keys must be plain names"); continue; }
            if (!allowed.Contains(key))
            {
                if (Full) { _moreErrors++; continue; } // no suggestions computed for errors that are only counted
                Error(keyNode, $"unknown key '{prefix}{Shorten(key)}'{Suggest.DidYouMean(Shorten(key), allowed, prefix)}; allowed here: {string.Join(", ", allowed)}");
                continue;
            }
            _positions[prefix + key] = keyNode.Start;
            yield return (key, value);
        }
    }

    private ParameterValues Section(YamlNode node, string prefix, ParameterValues owner, IReadOnlyList<string>? extraKeys = null)
    {
        IReadOnlyList<Parameter> specs = owner.Section.Parameters;
        if (node is not YamlMappingNode map)
        {
            Error(node, $"'{prefix}' is a mapping of parameters: {string.Join(", ", specs.Select(s => s.Name))}");
            return owner;
        }
        _positions.TryAdd(prefix, node.Start);
        foreach (var (key, value) in Entries(map, [.. specs.Select(s => s.Name), .. extraKeys ?? []], prefix + "."))
        {
            Parameter? spec = owner.Section.Find(key);
            if (spec is not null) owner = SetSpec(owner, value, $"{prefix}.{key}", spec);
        }
        return owner;
    }

    private ParameterValues SetSpec(ParameterValues owner, YamlNode node, string where, Parameter spec)
    {
        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            Error(node, $"{where}: expected {(spec.Kind == ParameterKind.Choice ? "a name" : "a number")}, found {Describe(node)}; allowed: {spec.Allowed}");
            return owner;
        }
        if (spec.Kind != ParameterKind.Choice && (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
            || !double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            Error(node, $"{where}: expected a number, found '{Shorten(scalar.Value)}'; allowed: {spec.Allowed}");
            return owner;
        }
        if (!spec.TryParse(scalar.Value, out double stored, out string? problem))
        {
            Error(node, $"{where}: {problem}");
            return owner;
        }
        return owner.WithStored(spec, stored);
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(e => (e.Key as YamlScalarNode)?.Value == key).Value;

    private string? String(YamlNode node, string where)
    {
        if (node is YamlScalarNode { Value: not null } s && s.Value.Length > 0) return s.Value;
        Error(node, $"{where}: expected text, found {Describe(node)}");
        return null;
    }

    private double? Number(YamlNode node, string where, double min, double max, bool integer)
    {
        if (node is not YamlScalarNode { Value: not null } s || s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
            || !double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || double.IsNaN(x))
        {
            Error(node, $"{where}: expected a {(integer ? "whole number" : "number")}, found {Describe(node)}");
            return null;
        }
        string allowed = double.IsInfinity(min) ? "" : $"; allowed: {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}{(integer ? " (whole number)" : "")}";
        if (integer && x != Math.Floor(x)) { Error(node, $"{where}: {Shorten(s.Value)} is not a whole number{allowed}"); return null; }
        if (x < min || x > max) { Error(node, $"{where}: {Shorten(s.Value)} is out of range{allowed}"); return null; }
        return x;
    }

    private bool? Bool(YamlNode node, string where)
    {
        if (node is YamlScalarNode { Value: "true" or "false" } s) return s.Value == "true";
        Error(node, $"{where}: expected true or false, found {Describe(node)}");
        return null;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode s => $"'{Shorten(s.Value)}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "something else",
    };

    private static bool IsFileName(string s) => s.Length is > 0 and <= MaxNameLength && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && s != "." && s != "..";

    private static bool IsStrategyName(string s) => s.Length is > 0 and <= MaxNameLength && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Text quoted in a message, cut to a readable length.</summary>
    private static string Shorten(string s) => s.Length <= 80 ? s : s[..60] + $"... ({s.Length.ToString("N0", CultureInfo.InvariantCulture)} characters)";

    private void Error(YamlNode node, string message) => Error((int)node.Start.Line, (int)node.Start.Column, message);

    private void Error(Mark mark, string message) => Error((int)mark.Line, (int)mark.Column, message);

    private void Error(int line, int column, string message) => Add(new ScenarioError(_file, line, column, message));

    private void Add(ScenarioError error)
    {
        if (Full) _moreErrors++;
        else _errors.Add(error.Message.Length <= MaxMessageLength ? error : error with { Message = $"{error.Message[..(MaxMessageLength / 2)]} [...] {error.Message[^(MaxMessageLength / 2 - 10)..]}" });
    }

    /// <summary>Longest message: one that quotes a long value keeps its start and its end (what is allowed).</summary>
    private const int MaxMessageLength = 600;
}
