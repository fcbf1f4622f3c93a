using CoProdSim.Model.Parameters;

namespace CoProdSim.Experiments.Scenarios;

/// <summary>
/// Dotted paths to parameters, shared by <c>--set</c>, sweeps and the manifest:
/// <c>horizon</c>, <c>population.citizens</c>, <c>behaviour.trust_gain</c>, <c>domains.health_care.sigma</c>,
/// <c>public_bodies.council.budget_per_citizen</c>, <c>strategy.invitation_rate</c> (every strategy),
/// <c>strategies.four-cos.recognition</c> (one strategy), <c>strategy.modes.co_design</c>.
/// Which section sits under which prefix is said once, in <see cref="Placements"/>.
/// </summary>
public static class ParameterPaths
{
    /// <summary>Whose values a path sets.</summary>
    public enum Owner
    {
        /// <summary>The scenario's one set of values (run, population, behaviour).</summary>
        Single,
        /// <summary>A domain by name.</summary>
        Domain,
        /// <summary>A public body by name.</summary>
        PublicBody,
        /// <summary>Every strategy of the scenario.</summary>
        EveryStrategy,
        /// <summary>One strategy by name.</summary>
        Strategy,
    }

    /// <summary>Where a section's parameters sit in a path: the prefix before the owner's name (if any), and whose values they are.</summary>
    public sealed record Placement(string Prefix, ParameterSection Section, Owner Owner)
    {
        /// <summary>True when the path names an owner (a domain, a body or a strategy) after the prefix.</summary>
        public bool Named => Owner is Owner.Domain or Owner.PublicBody or Owner.Strategy;

        /// <summary>The path pattern, with NAME for the owner's name.</summary>
        public string Pattern(Parameter p) => Prefix + (Named ? "NAME." : "") + p.Name;
    }

    /// <summary>Every placement, in the order of docs/scenarios.md.</summary>
    public static readonly IReadOnlyList<Placement> Placements =
    [
        new("", RunParameters.Section, Owner.Single),
        new("population.", PopulationParameters.Section, Owner.Single),
        new("behaviour.", BehaviourParameters.Section, Owner.Single),
        new("domains.", DomainParameters.Section, Owner.Domain),
        new("public_bodies.", PublicBodyParameters.Section, Owner.PublicBody),
        new("strategy.", StrategyLevers.Section, Owner.EveryStrategy),
        new("strategies.", StrategyLevers.Section, Owner.Strategy),
    ];

    /// <summary>A path taken apart: where it sits, whose values it names, and the parameter.</summary>
    public sealed record Resolved(Placement Placement, string? OwnerName, Parameter Parameter);

    /// <summary>The path patterns a user can write, with NAME for a domain, body or strategy name.</summary>
    public static IEnumerable<string> Patterns()
    {
        foreach (Placement pl in Placements)
            foreach (Parameter p in pl.Section.Parameters) yield return pl.Pattern(p);
    }

    /// <summary>Takes <paramref name="path"/> apart (without checking that a named owner exists), or says why it cannot.</summary>
    public static bool TryResolve(string path, out Resolved? resolved, out string? error)
    {
        resolved = null;
        error = null;
        string[] parts = path.Split('.');
        foreach (Placement pl in Placements)
        {
            string head = pl.Prefix.TrimEnd('.');
            int nameAt = pl.Prefix.Length == 0 ? 0 : pl.Named ? 2 : 1;
            bool fits = pl.Prefix.Length == 0
                ? parts.Length == 1
                : parts[0] == head && (pl.Section == StrategyLevers.Section ? parts.Length > nameAt : parts.Length == nameAt + 1);
            if (!fits) continue;
            string name = string.Join('.', parts.Skip(nameAt));
            Parameter? p = pl.Section.Find(name);
            if (p is null)
            {
                if (pl.Prefix.Length == 0) continue;
                string prefix = path[..^name.Length];
                error = $"unknown parameter '{path}'{Suggest.DidYouMean(name, pl.Section.Parameters.Select(s => s.Name), prefix)}";
                return false;
            }
            resolved = new Resolved(pl, pl.Named ? parts[1] : null, p);
            return true;
        }
        error = $"unknown parameter '{path}'";
        return false;
    }

    /// <summary>The parameter at a path, or null when there is none.</summary>
    public static Parameter? SpecAt(string path) => TryResolve(path, out Resolved? r, out _) ? r!.Parameter : null;

    /// <summary>Sets <paramref name="path"/> to the value written as <paramref name="text"/> (a number or a name), or says why it cannot.</summary>
    public static bool TrySet(ref ModelParameters model, ref IReadOnlyList<StrategySpec> strategies, string path, string text, out string? error)
    {
        if (!Resolve(model, strategies, path, out Resolved? r, out error)) return false;
        if (!r!.Parameter.TryParse(text, out double stored, out string? problem))
        {
            error = $"{path}: {problem}";
            return false;
        }
        Apply(ref model, ref strategies, r, stored);
        return true;
    }

    /// <summary>Sets <paramref name="path"/> to a stored value (a number, or a choice's index), or says why it cannot.</summary>
    public static bool TrySetStored(ref ModelParameters model, ref IReadOnlyList<StrategySpec> strategies, string path, double stored, out string? error)
    {
        if (!Resolve(model, strategies, path, out Resolved? r, out error)) return false;
        if (!r!.Parameter.IsValid(stored, out string? problem))
        {
            error = $"{path}: {problem}";
            return false;
        }
        Apply(ref model, ref strategies, r, stored);
        return true;
    }

    /// <summary>Resolves a path and checks that the domain, body or strategy it names exists.</summary>
    private static bool Resolve(ModelParameters model, IReadOnlyList<StrategySpec> strategies, string path, out Resolved? r, out string? error)
    {
        if (!TryResolve(path, out r, out error))
        {
            if (error == $"unknown parameter '{path}'") error += Suggest.DidYouMean(path, KnownPaths(model, strategies));
            return false;
        }
        string? owner = r!.OwnerName;
        (IEnumerable<string> names, string what, string whatPlural) = r.Placement.Owner switch
        {
            Owner.Domain => (model.Domains.Select(d => d.Name), "domain", "domains"),
            Owner.PublicBody => (model.PublicBodies.Select(b => b.Name), "public body", "public bodies"),
            Owner.Strategy => (strategies.Select(s => s.Name), "strategy", "strategies"),
            _ => ([], "", ""),
        };
        if (owner is not null && !names.Contains(owner))
        {
            error = $"no {what} '{owner}'; {whatPlural} are: {string.Join(", ", names)}";
            return false;
        }
        return true;
    }

    private static void Apply(ref ModelParameters model, ref IReadOnlyList<StrategySpec> strategies, Resolved r, double stored)
    {
        Parameter p = r.Parameter;
        string? owner = r.OwnerName;
        switch (r.Placement.Owner)
        {
            case Owner.Single:
                model = model.With(p, stored);
                break;
            case Owner.Domain:
                model = model with { Domains = model.Domains.Select(d => d.Name == owner ? d with { Values = d.Values.WithStored(p, stored) } : d).ToList() };
                break;
            case Owner.PublicBody:
                model = model with { PublicBodies = model.PublicBodies.Select(b => b.Name == owner ? b with { Values = b.Values.WithStored(p, stored) } : b).ToList() };
                break;
            default:
                strategies = strategies.Select(s => owner is null || s.Name == owner ? s with { Levers = s.Levers.WithStored(p, stored) } : s).ToList();
                break;
        }
    }

    private static IEnumerable<string> KnownPaths(ModelParameters model, IReadOnlyList<StrategySpec> strategies)
    {
        foreach (Placement pl in Placements)
        {
            IEnumerable<string> owners = pl.Owner switch
            {
                Owner.Domain => model.Domains.Select(d => d.Name + "."),
                Owner.PublicBody => model.PublicBodies.Select(b => b.Name + "."),
                Owner.Strategy => strategies.Select(s => s.Name + "."),
                _ => [""],
            };
            foreach (string o in owners)
                foreach (Parameter p in pl.Section.Parameters) yield return pl.Prefix + o + p.Name;
        }
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
