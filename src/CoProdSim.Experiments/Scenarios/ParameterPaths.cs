using CoProdSim.Model.Parameters;

namespace CoProdSim.Experiments.Scenarios;

/// <summary>
/// Dotted paths to parameters, shared by <c>--set</c>, sweeps and the manifest:
/// <c>horizon</c>, <c>population.citizens</c>, <c>behaviour.trust_gain</c>, <c>domains.health_care.sigma</c>,
/// <c>public_bodies.council.budget_per_citizen</c>, <c>strategy.invitation_rate</c> (every strategy),
/// <c>strategies.four-cos.recognition</c> (one strategy), <c>strategy.modes.co_design</c>.
/// </summary>
public static class ParameterPaths
{
    /// <summary>The path patterns a user can write, with NAME for a domain, body or strategy name.</summary>
    public static IEnumerable<string> Patterns()
    {
        foreach (var s in ParameterCatalog.Run) yield return s.Name;
        foreach (var s in ParameterCatalog.Population) yield return "population." + s.Name;
        foreach (var s in ParameterCatalog.Behaviour) yield return "behaviour." + s.Name;
        foreach (var s in ParameterCatalog.Domain) yield return "domains.NAME." + s.Name;
        foreach (var s in ParameterCatalog.PublicBody) yield return "public_bodies.NAME." + s.Name;
        foreach (var s in ParameterCatalog.Levers) yield return "strategy." + s.Name;
        foreach (var s in ParameterCatalog.Levers) yield return "strategies.NAME." + s.Name;
    }

    /// <summary>Sets <paramref name="path"/> to <paramref name="value"/>, or says why it cannot.</summary>
    public static bool TrySet(ref ModelParameters model, ref IReadOnlyList<StrategySpec> strategies, string path, object value, out string? error)
    {
        error = null;
        string[] parts = path.Split('.');
        switch (parts[0])
        {
            case "population" when parts.Length == 2:
                return SetIn(ParameterCatalog.Population, parts[1], model.Population, value, out var pop, out error, path) && Assign(ref model, model with { Population = pop! });
            case "behaviour" when parts.Length == 2:
                return SetIn(ParameterCatalog.Behaviour, parts[1], model.Behaviour, value, out var beh, out error, path) && Assign(ref model, model with { Behaviour = beh! });
            case "domains" when parts.Length == 3:
                if (!SetNamed(model.Domains, d => d.Name, "domain", "domains", ParameterCatalog.Domain, parts, value, path, out var domains, out error)) return false;
                model = model with { Domains = domains! };
                return true;
            case "public_bodies" when parts.Length == 3:
                if (!SetNamed(model.PublicBodies, b => b.Name, "public body", "public bodies", ParameterCatalog.PublicBody, parts, value, path, out var bodies, out error)) return false;
                model = model with { PublicBodies = bodies! };
                return true;
            case "strategy" when parts.Length >= 2:
                {
                    string lever = string.Join('.', parts.Skip(1));
                    var list = new List<StrategySpec>();
                    foreach (StrategySpec s in strategies)
                    {
                        if (!SetIn(ParameterCatalog.Levers, lever, s.Levers, value, out var levers, out error, path)) return false;
                        list.Add(s with { Levers = levers! });
                    }
                    strategies = list;
                    return true;
                }
            case "strategies" when parts.Length >= 3:
                {
                    string lever = string.Join('.', parts.Skip(2));
                    int i = IndexOf(strategies.Select(s => s.Name), parts[1]);
                    if (i < 0) { error = $"no strategy '{parts[1]}'; strategies are: {string.Join(", ", strategies.Select(s => s.Name))}"; return false; }
                    if (!SetIn(ParameterCatalog.Levers, lever, strategies[i].Levers, value, out var levers, out error, path)) return false;
                    var list = strategies.ToList();
                    list[i] = list[i] with { Levers = levers! };
                    strategies = list;
                    return true;
                }
            default:
                if (parts.Length == 1 && ParameterCatalog.Run.Any(s => s.Name == parts[0]))
                    return SetIn(ParameterCatalog.Run, parts[0], model, value, out var m, out error, path) && Assign(ref model, m!);
                error = $"unknown parameter '{path}'{Suggest.DidYouMean(path, KnownPaths(model, strategies))}";
                return false;
        }
    }

    /// <summary>The spec at a path, or null when there is none.</summary>
    public static IParameterSpec? SpecAt(string path)
    {
        string[] parts = path.Split('.');
        return parts[0] switch
        {
            "population" when parts.Length == 2 => ParameterCatalog.Population.SingleOrDefault(s => s.Name == parts[1]),
            "behaviour" when parts.Length == 2 => ParameterCatalog.Behaviour.SingleOrDefault(s => s.Name == parts[1]),
            "domains" when parts.Length == 3 => ParameterCatalog.Domain.SingleOrDefault(s => s.Name == parts[2]),
            "public_bodies" when parts.Length == 3 => ParameterCatalog.PublicBody.SingleOrDefault(s => s.Name == parts[2]),
            "strategy" when parts.Length >= 2 => ParameterCatalog.Levers.SingleOrDefault(s => s.Name == string.Join('.', parts.Skip(1))),
            "strategies" when parts.Length >= 3 => ParameterCatalog.Levers.SingleOrDefault(s => s.Name == string.Join('.', parts.Skip(2))),
            _ when parts.Length == 1 => ParameterCatalog.Run.SingleOrDefault(s => s.Name == parts[0]),
            _ => null,
        };
    }

    private static IEnumerable<string> KnownPaths(ModelParameters model, IReadOnlyList<StrategySpec> strategies)
    {
        foreach (string p in Patterns())
        {
            if (p.StartsWith("domains.NAME.", StringComparison.Ordinal))
                foreach (var d in model.Domains) yield return p.Replace("NAME", d.Name, StringComparison.Ordinal);
            else if (p.StartsWith("public_bodies.NAME.", StringComparison.Ordinal))
                foreach (var b in model.PublicBodies) yield return p.Replace("NAME", b.Name, StringComparison.Ordinal);
            else if (p.StartsWith("strategies.NAME.", StringComparison.Ordinal))
                foreach (var s in strategies) yield return p.Replace("NAME", s.Name, StringComparison.Ordinal);
            else yield return p;
        }
    }

    /// <summary>Sets <c>parts[2]</c> of the item named <c>parts[1]</c> in a named list (domains, public bodies).</summary>
    private static bool SetNamed<T>(IReadOnlyList<T> items, Func<T, string> nameOf, string what, string whatPlural, IReadOnlyList<ParameterSpec<T>> specs, string[] parts, object value, string path, out List<T>? result, out string? error)
    {
        result = null;
        int i = IndexOf(items.Select(nameOf), parts[1]);
        if (i < 0)
        {
            error = $"no {what} '{parts[1]}'; {whatPlural} are: {string.Join(", ", items.Select(nameOf))}";
            return false;
        }
        if (!SetIn(specs, parts[2], items[i], value, out T? changed, out error, path)) return false;
        result = items.ToList();
        result[i] = changed!;
        return true;
    }

    private static bool Assign(ref ModelParameters model, ModelParameters value)
    {
        model = value;
        return true;
    }

    private static int IndexOf(IEnumerable<string> names, string name)
    {
        int i = 0;
        foreach (string n in names)
        {
            if (n == name) return i;
            i++;
        }
        return -1;
    }

    private static bool SetIn<T>(IReadOnlyList<ParameterSpec<T>> specs, string name, T owner, object value, out T? result, out string? error, string path)
    {
        result = default;
        ParameterSpec<T>? spec = specs.FirstOrDefault(s => s.Name == name);
        if (spec is null)
        {
            string prefix = path[..^name.Length];
            error = $"unknown parameter '{path}'{Suggest.DidYouMean(name, specs.Select(s => s.Name), prefix)}";
            return false;
        }
        if (!spec.TryConvert(value, out object converted, out string? problem))
        {
            error = $"{path}: {problem}";
            return false;
        }
        result = spec.Set(owner, converted);
        error = null;
        return true;
    }
}

/// <summary>"Did you mean" suggestions for misspelt names (Levenshtein distance).</summary>
public static class Suggest
{
    /// <summary>"; did you mean 'x'?" for the closest candidate within a third of the word's length, else "".</summary>
    public static string DidYouMean(string word, IEnumerable<string> candidates, string prefix = "")
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates)
        {
            int d = Distance(word, c);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }
        return best is not null && bestDistance <= Math.Max(2, word.Length / 3) ? $"; did you mean '{prefix}{best}'?" : "";
    }

    /// <summary>Levenshtein edit distance.</summary>
    public static int Distance(string a, string b)
    {
        int[] previous = new int[b.Length + 1], current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
