namespace CoProdSim.Model.Parameters;

/// <summary>The sections of the parameter table, and the rules that tie parameters together.</summary>
public static class ParameterCatalog
{
    /// <summary>Every section, in the order of scenario files and docs.</summary>
    public static readonly IReadOnlyList<ParameterSection> Sections =
    [
        RunParameters.Section, PopulationParameters.Section, StrategyLevers.Section, DomainParameters.Section,
        PublicBodyParameters.Section, BehaviourParameters.Section,
    ];

    /// <summary>Checks every range and every rule that ties parameters together.</summary>
    public static IReadOnlyList<ParameterError> Validate(ModelParameters p)
    {
        var errors = new List<ParameterError>();
        errors.AddRange(p.Run.Errors(""));
        errors.AddRange(p.Population.Errors("population."));
        errors.AddRange(p.Behaviour.Errors("behaviour."));
        errors.AddRange(p.Strategy.Errors("strategy."));
        if (p.Domains.Count == 0) errors.Add(new("domains", "at least one domain is needed"));
        var domainNames = new HashSet<string>();
        foreach (Domain d in p.Domains)
        {
            if (!IsIdentifier(d.Name)) errors.Add(new("domains", $"'{d.Name}' is not a valid name; use lower-case letters, digits and underscores"));
            if (!domainNames.Add(d.Name)) errors.Add(new("domains." + d.Name, "appears twice; each domain name must be unique"));
            errors.AddRange(d.Values.Errors($"domains.{d.Name}."));
        }
        if (p.PublicBodies.Count == 0) errors.Add(new("public_bodies", "at least one public body is needed"));
        var bodyNames = new HashSet<string>();
        var served = new HashSet<string>();
        foreach (PublicBody b in p.PublicBodies)
        {
            if (!IsIdentifier(b.Name)) errors.Add(new("public_bodies", $"'{b.Name}' is not a valid name; use lower-case letters, digits and underscores"));
            if (!bodyNames.Add(b.Name)) errors.Add(new("public_bodies." + b.Name, "appears twice; each public body name must be unique"));
            errors.AddRange(b.Values.Errors($"public_bodies.{b.Name}."));
            foreach (string d in b.Domains.Count == 0 ? (IEnumerable<string>)domainNames : b.Domains)
            {
                if (!domainNames.Contains(d)) errors.Add(new($"public_bodies.{b.Name}.domains", $"'{d}' is not a domain; domains are: {string.Join(", ", domainNames)}"));
                else if (!served.Add(d)) errors.Add(new($"public_bodies.{b.Name}.domains", $"domain '{d}' is already served by another public body; each domain has one"));
            }
        }
        foreach (string d in domainNames)
            if (!served.Contains(d)) errors.Add(new("public_bodies", $"no public body serves domain '{d}'"));
        ParameterValues pop = p.Population;
        double conditional = pop[PopulationParameters.ConditionalShare], freeRiders = pop[PopulationParameters.FreeRiderShare];
        if (conditional + freeRiders > 1 + 1e-12)
            errors.Add(new("population.free_rider_share", $"conditional_share + free_rider_share = {conditional + freeRiders} is more than 1"));
        int citizens = pop[PopulationParameters.Citizens], hoods = pop[PopulationParameters.Neighbourhoods], contacts = pop[PopulationParameters.Contacts];
        if (hoods > citizens)
            errors.Add(new("population.neighbourhoods", $"{hoods} neighbourhoods for {citizens} citizens: need at least one citizen each"));
        if (contacts % 2 != 0)
            errors.Add(new("population.contacts", $"{contacts} is odd; the ring lattice needs an even number"));
        else if (hoods > 0 && contacts >= citizens / hoods)
            errors.Add(new("population.contacts", $"{contacts} contacts is not fewer than the {citizens / hoods} citizens of a neighbourhood"));
        double respite = p.Strategy[StrategyLevers.RespiteShare], grants = p.Strategy[StrategyLevers.CommunityGrants];
        if (respite + grants > 1 + 1e-12)
            errors.Add(new("strategy.respite_share", $"respite_share + community_grants = {respite + grants} is more than the whole support budget (1)"));
        return errors;
    }

    /// <summary>True for names usable as identifiers in files and columns.</summary>
    public static bool IsIdentifier(string s)
    {
        if (string.IsNullOrEmpty(s) || !char.IsAsciiLetterLower(s[0])) return false;
        foreach (char c in s) if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')) return false;
        return true;
    }
}
