using CoProdSim.Engine;
using CoProdSim.Engine.Recording;
using CoProdSim.Model;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Tests.Properties;

/// <summary>
/// What the property tests share: a small base scenario, setting any parameter of any section (a domain or public
/// body parameter on every domain or body), running in memory and reading every metric of every tick.
/// </summary>
internal static class PropertyRuns
{
    /// <summary>Every parameter of every section, in <see cref="ParameterCatalog.Sections"/> order.</summary>
    public static IEnumerable<Parameter> AllParameters => ParameterCatalog.Sections.SelectMany(s => s.Parameters);

    /// <summary>A run of <paramref name="citizens"/> citizens in <paramref name="neighbourhoods"/> neighbourhoods, 16 partitions.</summary>
    public static ModelParameters Base(ParameterValues strategy, int citizens, int neighbourhoods, int horizon, int partitions = 16) => new ModelParameters
    {
        Population = PopulationParameters.Section.Defaults
            .With(PopulationParameters.Citizens, citizens)
            .With(PopulationParameters.Neighbourhoods, neighbourhoods),
        Strategy = strategy,
    }.With(RunParameters.Horizon, horizon).With(RunParameters.Partitions, partitions);

    /// <summary>A copy of <paramref name="p"/> with <paramref name="parameter"/> set to <paramref name="stored"/>; a domain or public body parameter is set on every domain or body.</summary>
    public static ModelParameters Set(ModelParameters p, Parameter parameter, double stored)
    {
        if (parameter.Section == DomainParameters.Section)
            return p with { Domains = p.Domains.Select(d => d with { Values = d.Values.WithStored(parameter, stored) }).ToList() };
        if (parameter.Section == PublicBodyParameters.Section)
            return p with { PublicBodies = p.PublicBodies.Select(b => b with { Values = b.Values.WithStored(parameter, stored) }).ToList() };
        return p.With(parameter, stored);
    }

    /// <summary>The value of <paramref name="parameter"/> in <paramref name="p"/> (the first domain's or body's for their sections).</summary>
    public static double Get(ModelParameters p, Parameter parameter)
    {
        if (parameter.Section == DomainParameters.Section) return p.Domains[0].Values.Stored(parameter);
        if (parameter.Section == PublicBodyParameters.Section) return p.PublicBodies[0].Values.Stored(parameter);
        if (parameter.Section == RunParameters.Section) return p.Run.Stored(parameter);
        if (parameter.Section == PopulationParameters.Section) return p.Population.Stored(parameter);
        if (parameter.Section == BehaviourParameters.Section) return p.Behaviour.Stored(parameter);
        return p.Strategy.Stored(parameter);
    }

    /// <summary>
    /// <paramref name="p"/> with <paramref name="parameter"/> at <paramref name="stored"/> and, where a rule that ties
    /// parameters together would then be broken, its partner moved just enough to keep the rule (the other share of a
    /// pair that must sum to at most 1; neighbourhoods or contacts so that a neighbourhood has more residents than a
    /// citizen has contacts). The parameter itself is never moved. Returns what was moved, for messages.
    /// </summary>
    public static ModelParameters SetKeepingRules(ModelParameters p, Parameter parameter, double stored, out string moved)
    {
        p = Set(p, parameter, stored);
        var notes = new List<string>();
        ModelParameters Partner(ModelParameters q, Parameter other, double value)
        {
            notes.Add($"{Label(other)} = {Parameter.Fmt(value)}");
            return Set(q, other, value);
        }
        void SharePair(Parameter a, Parameter b, ParameterValues values)
        {
            double sa = values.Stored(a), sb = values.Stored(b);
            if (sa + sb <= 1) return;
            p = parameter == b ? Partner(p, a, Math.Max(0, 1 - sb)) : Partner(p, b, Math.Max(0, 1 - sa));
        }
        SharePair(PopulationParameters.ConditionalShare, PopulationParameters.FreeRiderShare, p.Population);
        SharePair(StrategyLevers.RespiteShare, StrategyLevers.CommunityGrants, p.Strategy);
        int citizens = p.Population[PopulationParameters.Citizens], hoods = p.Population[PopulationParameters.Neighbourhoods];
        int contacts = p.Population[PopulationParameters.Contacts];
        if (hoods > citizens)
        {
            if (parameter == PopulationParameters.Neighbourhoods) p = Partner(p, PopulationParameters.Citizens, citizens = hoods);
            else p = Partner(p, PopulationParameters.Neighbourhoods, hoods = citizens);
        }
        if (contacts >= citizens / hoods)
        {
            if (parameter == PopulationParameters.Contacts) p = Partner(p, PopulationParameters.Neighbourhoods, Math.Max(1, citizens / (contacts + 1)));
            else p = Partner(p, PopulationParameters.Contacts, Math.Max(0, (citizens / hoods - 1) / 2 * 2));
        }
        moved = notes.Count == 0 ? "" : " (with " + string.Join(", ", notes) + ")";
        return p;
    }

    /// <summary>True when <paramref name="p"/> passes validation; otherwise the reasons.</summary>
    public static bool IsValid(ModelParameters p, out string reasons)
    {
        IReadOnlyList<ParameterError> errors = ParameterCatalog.Validate(p);
        reasons = string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}"));
        return errors.Count == 0;
    }

    /// <summary>Every metric row of a run (tick 0, the initial state, first), one thread.</summary>
    public static double[][] Rows(ModelParameters p, ulong seed)
    {
        var model = new CoProductionModel(p, seed, threads: 1);
        var sink = new MemorySink();
        using (var recorder = new MetricRecorder(sink, model.MetricNames.Count))
        {
            using (var simulation = new Simulation(model, 1)) simulation.Run(p.Horizon, recorder);
        }
        return sink.Rows.Select(r => r.Values).ToArray();
    }

    /// <summary>The metric names of a run with <paramref name="p"/>, in column order.</summary>
    public static string[] Names(ModelParameters p) => CoProductionModel.MetricNamesFor(p);

    /// <summary><paramref name="run"/> over <paramref name="items"/>, in parallel, results in the items' order.</summary>
    public static TResult[] Each<T, TResult>(IReadOnlyList<T> items, Func<T, TResult> run)
    {
        var result = new TResult[items.Count];
        Parallel.For(0, items.Count, k => result[k] = run(items[k]));
        return result;
    }

    /// <summary>A parameter's dotted name, with the note that domain and body parameters are set on every domain or body.</summary>
    public static string Label(Parameter p) => p.Section == DomainParameters.Section ? $"domains.*.{p.Name}"
        : p.Section == PublicBodyParameters.Section ? $"public_bodies.*.{p.Name}" : p.ToString();
}
