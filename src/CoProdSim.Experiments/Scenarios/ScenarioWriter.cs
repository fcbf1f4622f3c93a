using System.Text;
using System.Text.Json;
using CoProdSim.Model.Parameters;

namespace CoProdSim.Experiments.Scenarios;

/// <summary>
/// Writes a scenario back as a scenario file that <see cref="ScenarioLoader"/> reads into the same scenario: the
/// name, description, seed, replications and every parameter that differs from where the loader starts (the table's
/// defaults, a domain's defaults by name, a strategy's preset). Short, so a student can read what was chosen. The
/// explorer (<c>coprodsim serve</c>) exports its settings with it. Sweeps and output options are not written: the
/// explorer has none. <see cref="Write"/> checks its own text by loading it again.
/// </summary>
public static class ScenarioWriter
{
    /// <summary>
    /// The scenario as YAML, after <paramref name="comments"/> (each written as a <c>#</c> line). Checked: the text is
    /// loaded again and must give the same parameters, strategies, seed and replications.
    /// </summary>
    /// <exception cref="NotSupportedException">when the scenario has a sweep, which this writer does not write.</exception>
    /// <exception cref="InvalidOperationException">when the text would not load back into the same scenario (a bug).</exception>
    public static string Write(Scenario scenario, IEnumerable<string>? comments = null)
    {
        if (scenario.Sweep is not null) throw new NotSupportedException("a scenario with a sweep cannot be written back");
        var w = new StringBuilder();
        foreach (string c in comments ?? [])
            foreach (string line in c.Split('\n')) w.Append("# ").Append(line.TrimEnd('\r')).Append('\n');
        w.Append("name: ").Append(Scalar(scenario.Name)).Append('\n');
        if (scenario.Description.Length > 0) w.Append("description: ").Append(Quoted(scenario.Description)).Append('\n');
        w.Append("seed: ").Append(scenario.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        w.Append("replications: ").Append(scenario.Replications.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        ModelParameters m = scenario.Model;
        // The horizon is always written: how long a run lasts is the first thing a reader asks.
        foreach (Parameter p in RunParameters.Section.Parameters)
            if (p == RunParameters.Horizon || m.Run.Stored(p) != p.DefaultStored) w.Append(p.Name).Append(": ").Append(p.Format(m.Run.Stored(p))).Append('\n');
        w.Append('\n');
        // Citizens and neighbourhoods are always written: they set the size of the town.
        Section(w, "population", "", m.Population, PopulationParameters.Section.Defaults, p => p == PopulationParameters.Citizens || p == PopulationParameters.Neighbourhoods);
        if (!SameDomains(m.Domains, DomainParameters.Defaults))
        {
            w.Append("domains:\n");
            foreach (Domain d in m.Domains)
            {
                ParameterValues start = (DomainParameters.Defaults.FirstOrDefault(x => x.Name == d.Name) ?? DomainParameters.Named(d.Name)).Values;
                w.Append("  ").Append(d.Name).Append(':');
                if (Same(d.Values, start)) { w.Append('\n'); continue; }
                w.Append('\n');
                Values(w, "    ", d.Values, start, _ => false);
            }
        }
        if (!SameBodies(m.PublicBodies, [PublicBodyParameters.Council]))
        {
            w.Append("public_bodies:\n");
            foreach (PublicBody b in m.PublicBodies)
            {
                ParameterValues start = PublicBodyParameters.Named(b.Name).Values;
                w.Append("  ").Append(b.Name).Append(":\n");
                if (b.Domains.Count > 0) w.Append("    domains: [").Append(string.Join(", ", b.Domains)).Append("]\n");
                Values(w, "    ", b.Values, start, _ => false);
            }
        }
        Section(w, "behaviour", "", m.Behaviour, BehaviourParameters.Section.Defaults, _ => false);
        w.Append("strategies:\n");
        foreach (StrategySpec s in scenario.Strategies)
        {
            ParameterValues start = s.Preset is { } preset ? StrategyPresets.All[preset] : StrategyPresets.Traditional;
            if (s.Preset == s.Name && Same(s.Levers, start))
            {
                w.Append("  - ").Append(s.Name).Append('\n');
                continue;
            }
            w.Append("  - name: ").Append(s.Name).Append('\n');
            if (s.Preset is not null) w.Append("    preset: ").Append(s.Preset).Append('\n');
            foreach (Parameter p in StrategyLevers.Section.Parameters)
                if (!p.Name.StartsWith("modes.", StringComparison.Ordinal) && s.Levers.Stored(p) != start.Stored(p))
                    w.Append("    ").Append(p.Name).Append(": ").Append(p.Format(s.Levers.Stored(p))).Append('\n');
            // The modes given are the whole mix (those left out get weight 0), so all four are written when any differs.
            if (StrategyLevers.Modes.Any(p => s.Levers.Stored(p) != start.Stored(p)))
                w.Append("    modes: {").Append(string.Join(", ", StrategyLevers.Modes.Select(p => $"{p.Name["modes.".Length..]}: {p.Format(s.Levers.Stored(p))}"))).Append("}\n");
        }
        if (scenario.Baseline is { } baseline) w.Append("baseline: ").Append(baseline).Append('\n');
        string text = w.ToString();
        Check(scenario, text);
        return text;
    }

    private static void Check(Scenario scenario, string text)
    {
        Scenario back;
        try
        {
            back = ScenarioLoader.Parse(text, scenario.Name + ".yaml");
        }
        catch (ScenarioException ex)
        {
            throw new InvalidOperationException("the written scenario does not load: " + ex.Message, ex);
        }
        bool same = back.Seed == scenario.Seed && back.Replications == scenario.Replications && back.Baseline == scenario.Baseline
            && Same(back.Model.Run, scenario.Model.Run) && Same(back.Model.Population, scenario.Model.Population)
            && Same(back.Model.Behaviour, scenario.Model.Behaviour) && SameDomains(back.Model.Domains, scenario.Model.Domains)
            && SameBodies(back.Model.PublicBodies, scenario.Model.PublicBodies)
            && back.Strategies.Count == scenario.Strategies.Count
            && back.Strategies.Zip(scenario.Strategies).All(x => x.First.Name == x.Second.Name && Same(x.First.Levers, x.Second.Levers));
        if (!same) throw new InvalidOperationException("the written scenario loads into a different scenario:\n" + text);
    }

    private static void Section(StringBuilder w, string key, string indent, ParameterValues values, ParameterValues start, Func<Parameter, bool> always)
    {
        if (Same(values, start) && !values.Section.Parameters.Any(always)) return;
        w.Append(indent).Append(key).Append(":\n");
        Values(w, indent + "  ", values, start, always);
        w.Append('\n');
    }

    private static void Values(StringBuilder w, string indent, ParameterValues values, ParameterValues start, Func<Parameter, bool> always)
    {
        foreach (Parameter p in values.Section.Parameters)
            if (always(p) || values.Stored(p) != start.Stored(p))
                w.Append(indent).Append(p.Name).Append(": ").Append(p.Format(values.Stored(p))).Append('\n');
    }

    /// <summary>Whether two sets of values of one section are equal, value by value.</summary>
    public static bool Same(ParameterValues a, ParameterValues b) =>
        ReferenceEquals(a.Section, b.Section) && a.Section.Parameters.All(p => a.Stored(p).Equals(b.Stored(p)));

    private static bool SameDomains(IReadOnlyList<Domain> a, IReadOnlyList<Domain> b) =>
        a.Count == b.Count && a.Zip(b).All(x => x.First.Name == x.Second.Name && Same(x.First.Values, x.Second.Values));

    private static bool SameBodies(IReadOnlyList<PublicBody> a, IReadOnlyList<PublicBody> b) =>
        a.Count == b.Count && a.Zip(b).All(x => x.First.Name == x.Second.Name && x.First.Domains.SequenceEqual(x.Second.Domains) && Same(x.First.Values, x.Second.Values));

    /// <summary>A YAML scalar: plain when it is a safe word or number, else double-quoted (JSON's escaping is YAML's).</summary>
    public static string Scalar(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+') && s[0] is not ('-' or '.') || IsNumber(s)
            ? s
            : Quoted(s);

    private static bool IsNumber(string s) => double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) && !s.Contains(' ', StringComparison.Ordinal);

    /// <summary>A double-quoted YAML scalar.</summary>
    public static string Quoted(string s) => JsonSerializer.Serialize(s);
}
