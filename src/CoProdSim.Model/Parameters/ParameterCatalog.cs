using System.Globalization;

namespace CoProdSim.Model.Parameters;

/// <summary>The kind of value a parameter takes.</summary>
public enum ParameterKind
{
    /// <summary>A real number.</summary>
    Real,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>One of a fixed set of names.</summary>
    Choice,
}

/// <summary>A problem with one parameter: its dotted path and what is wrong, in words a student can act on.</summary>
public sealed record ParameterError(string Path, string Message);

/// <summary>What every parameter spec says about itself, whatever it belongs to.</summary>
public interface IParameterSpec
{
    /// <summary>Name within its section (snake_case).</summary>
    string Name { get; }
    /// <summary>Kind of value.</summary>
    ParameterKind Kind { get; }
    /// <summary>Smallest allowed value (numbers).</summary>
    double Min { get; }
    /// <summary>Largest allowed value (numbers).</summary>
    double Max { get; }
    /// <summary>True when <see cref="Min"/> itself is not allowed.</summary>
    bool MinExclusive { get; }
    /// <summary>Unit, or "".</summary>
    string Unit { get; }
    /// <summary>Meaning, with its source where there is one.</summary>
    string Description { get; }
    /// <summary>Allowed names (choices).</summary>
    IReadOnlyList<string>? Choices { get; }
    /// <summary>The allowed values in words.</summary>
    string Allowed { get; }
}

/// <summary>
/// One settable parameter: dotted path, kind, allowed range, default, unit, meaning, and how to read and set it.
/// The catalogue is the single source of truth for scenario files, <c>--set</c>, sweeps, the JSON schema and
/// docs/scenarios.md (a test fails when they disagree).
/// </summary>
public sealed record ParameterSpec<TOwner>(
    string Name,
    ParameterKind Kind,
    double Min,
    double Max,
    string Unit,
    string Description,
    Func<TOwner, object> Get,
    Func<TOwner, object, TOwner> Set,
    IReadOnlyList<string>? Choices = null,
    bool MinExclusive = false) : IParameterSpec
{
    /// <summary>The allowed values, in words: "0 to 1", "at least 1", "universal or deprived-first".</summary>
    public string Allowed => Kind switch
    {
        ParameterKind.Choice => string.Join(" or ", Choices!),
        _ when double.IsPositiveInfinity(Max) => MinExclusive ? $"greater than {Fmt(Min)}" : $"at least {Fmt(Min)}",
        _ => MinExclusive ? $"greater than {Fmt(Min)}, at most {Fmt(Max)}" : $"{Fmt(Min)} to {Fmt(Max)}",
    } + (Kind == ParameterKind.Integer ? " (whole number)" : "");

    /// <summary>Formats a number the way files write it.</summary>
    public static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Checks <paramref name="value"/> and converts it to the parameter's type, or says what is wrong.</summary>
    public bool TryConvert(object value, out object converted, out string? error)
    {
        converted = value;
        error = null;
        if (Kind == ParameterKind.Choice)
        {
            string s = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            if (Choices!.Contains(s)) return true;
            error = $"'{s}' is not allowed; allowed: {Allowed}";
            return false;
        }
        double x;
        if (value is double d) x = d;
        else if (value is int i) x = i;
        else if (value is long l) x = l;
        else if (value is string str && double.TryParse(str, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)) x = parsed;
        else
        {
            error = $"'{value}' is not a number; allowed: {Allowed}";
            return false;
        }
        if (double.IsNaN(x) || x < Min || x > Max || (MinExclusive && x == Min))
        {
            error = $"{Fmt(x)} is out of range; allowed: {Allowed}";
            return false;
        }
        if (Kind == ParameterKind.Integer)
        {
            if (x != Math.Floor(x))
            {
                error = $"{Fmt(x)} is not a whole number; allowed: {Allowed}";
                return false;
            }
            converted = (int)x;
            return true;
        }
        converted = x;
        return true;
    }
}

/// <summary>Every parameter of the model, with its range and meaning.</summary>
public static class ParameterCatalog
{
    private static ParameterSpec<T> R<T>(string name, double min, double max, string unit, string description, Func<T, double> get, Func<T, double, T> set, bool minExclusive = false) =>
        new(name, ParameterKind.Real, min, max, unit, description, o => get(o), (o, v) => set(o, (double)v), null, minExclusive);

    private static ParameterSpec<T> I<T>(string name, int min, int max, string unit, string description, Func<T, int> get, Func<T, int, T> set) =>
        new(name, ParameterKind.Integer, min, max, unit, description, o => get(o), (o, v) => set(o, (int)v));

    private static ParameterSpec<T> C<T>(string name, string[] choices, string description, Func<T, string> get, Func<T, string, T> set) =>
        new(name, ParameterKind.Choice, 0, 0, "", description, o => get(o), (o, v) => set(o, (string)v), choices);

    /// <summary>Top-level run parameters.</summary>
    public static readonly IReadOnlyList<ParameterSpec<ModelParameters>> Run =
    [
        I<ModelParameters>("horizon", 1, 100_000, "months", "Months simulated.", p => p.Horizon, (p, v) => p with { Horizon = v }),
        I<ModelParameters>("partitions", 1, 4096, "", "Partitions of the population for parallel work; results depend on it, not on threads.", p => p.Partitions, (p, v) => p with { Partitions = v }),
    ];

    /// <summary>Population parameters, under <c>population.</c>.</summary>
    public static readonly IReadOnlyList<ParameterSpec<PopulationParameters>> Population =
    [
        I<PopulationParameters>("citizens", 10, 50_000_000, "citizens", "Number of citizens.", p => p.Citizens, (p, v) => p with { Citizens = v }),
        I<PopulationParameters>("neighbourhoods", 1, 100_000, "", "Number of neighbourhoods, ranked from least to most deprived.", p => p.Neighbourhoods, (p, v) => p with { Neighbourhoods = v }),
        R<PopulationParameters>("deprivation_income_correlation", 0, 0.99, "", "Correlation between neighbourhood deprivation and low income.", p => p.DeprivationIncomeCorrelation, (p, v) => p with { DeprivationIncomeCorrelation = v }),
        R<PopulationParameters>("carer_share", 0, 1, "share", "Share of citizens who provide unpaid care (8.9%: Census 2021, England and Wales).", p => p.CarerShare, (p, v) => p with { CarerShare = v }),
        R<PopulationParameters>("caring_load_scale", 0, 10, "multiplier", "Multiplier on carers' caring hours (1: Census 2021 bands).", p => p.CaringLoadScale, (p, v) => p with { CaringLoadScale = v }),
        R<PopulationParameters>("mean_available_hours", 0, 200, "hours/month", "Mean time available for co-production after work and caring.", p => p.MeanAvailableHours, (p, v) => p with { MeanAvailableHours = v }),
        R<PopulationParameters>("conditional_share", 0, 1, "share", "Share of conditional cooperators (about 50%: Fischbacher et al. 2001).", p => p.ConditionalShare, (p, v) => p with { ConditionalShare = v }),
        R<PopulationParameters>("free_rider_share", 0, 1, "share", "Share of free riders (about a third); the rest are unconditional cooperators.", p => p.FreeRiderShare, (p, v) => p with { FreeRiderShare = v }),
        R<PopulationParameters>("older_share", 0, 1, "share", "Share of citizens aged 65 and over.", p => p.OlderShare, (p, v) => p with { OlderShare = v }),
        R<PopulationParameters>("female_share", 0, 1, "share", "Share of women.", p => p.FemaleShare, (p, v) => p with { FemaleShare = v }),
        I<PopulationParameters>("contacts", 0, 100, "contacts", "Mean number of social contacts (even: ring-lattice degree).", p => p.Contacts, (p, v) => p with { Contacts = v }),
        R<PopulationParameters>("rewiring", 0, 1, "share", "Share of ties rewired to anyone anywhere (small world).", p => p.Rewiring, (p, v) => p with { Rewiring = v }),
    ];

    /// <summary>Per-domain parameters, under <c>domains.NAME.</c>.</summary>
    public static readonly IReadOnlyList<ParameterSpec<DomainParameters>> Domain =
    [
        R<DomainParameters>("sigma", 0.01, 1e9, "", "Elasticity of substitution between public and citizen input (0.5 care and education; 5 simple tasks).", d => d.Sigma, (d, v) => d with { Sigma = v }),
        R<DomainParameters>("alpha", 0, 1, "", "CES weight of public input.", d => d.Alpha, (d, v) => d with { Alpha = v }, minExclusive: true),
        R<DomainParameters>("productivity", 0, 100, "", "CES total factor productivity A.", d => d.Productivity, (d, v) => d with { Productivity = v }, minExclusive: true),
        R<DomainParameters>("citizen_base", 0, 200, "hours/month per citizen", "Everyday co-production (compliance, self-care) present without any strategy.", d => d.CitizenBase, (d, v) => d with { CitizenBase = v }, minExclusive: true),
        R<DomainParameters>("need", 0, 1, "0..1", "Mean need of a citizen in an average neighbourhood.", d => d.Need, (d, v) => d with { Need = v }),
        R<DomainParameters>("incidence", 0, 1, "probability/month", "Probability of a harmful event a month at average risk behaviour.", d => d.Incidence, (d, v) => d with { Incidence = v }),
        R<DomainParameters>("budget_weight", 0, 1000, "", "Relative share of a public body's service budget spent in this domain.", d => d.BudgetWeight, (d, v) => d with { BudgetWeight = v }),
    ];

    /// <summary>Per-body parameters, under <c>public_bodies.NAME.</c>.</summary>
    public static readonly IReadOnlyList<ParameterSpec<PublicBodyParameters>> PublicBody =
    [
        R<PublicBodyParameters>("budget_per_citizen", 0, 1e6, "GBP/month per citizen", "Monthly budget per resident before the strategy's budget change.", b => b.BudgetPerCitizen, (b, v) => b with { BudgetPerCitizen = v }),
        R<PublicBodyParameters>("hour_cost", 0, 1e4, "GBP/hour", "Full cost of a professional hour.", b => b.HourCost, (b, v) => b with { HourCost = v }, minExclusive: true),
        R<PublicBodyParameters>("respite_hour_cost", 0, 1e4, "GBP/hour", "Cost of relieving a carer for an hour (shared day-centre or sitting-service place).", b => b.RespiteHourCost, (b, v) => b with { RespiteHourCost = v }, minExclusive: true),
    ];

    /// <summary>Behaviour parameters, under <c>behaviour.</c>.</summary>
    public static readonly IReadOnlyList<ParameterSpec<BehaviourParameters>> Behaviour =
    [
        R<BehaviourParameters>("intercept", -20, 20, "logit", "Intercept of the engagement logit.", b => b.Intercept, (b, v) => b with { Intercept = v }),
        R<BehaviourParameters>("efficacy", -20, 20, "logit", "Weight of self-efficacy (strongest: Parrado et al. 2013).", b => b.Efficacy, (b, v) => b with { Efficacy = v }),
        R<BehaviourParameters>("need_gap", -20, 20, "logit", "Weight of unmet need (need minus well-being).", b => b.NeedGap, (b, v) => b with { NeedGap = v }),
        R<BehaviourParameters>("invitation", -20, 20, "logit", "Weight of being invited.", b => b.Invitation, (b, v) => b with { Invitation = v }),
        R<BehaviourParameters>("trust", -20, 20, "logit", "Weight of trust in public bodies.", b => b.Trust, (b, v) => b with { Trust = v }),
        R<BehaviourParameters>("warm_glow", -20, 20, "logit", "Weight of warm glow (motivation).", b => b.WarmGlow, (b, v) => b with { WarmGlow = v }),
        R<BehaviourParameters>("peer", -20, 20, "logit", "Weight of the share of contacts engaged last month.", b => b.Peer, (b, v) => b with { Peer = v }),
        R<BehaviourParameters>("opportunity_cost", -20, 20, "logit", "Weight of the opportunity cost of time.", b => b.OpportunityCost, (b, v) => b with { OpportunityCost = v }),
        R<BehaviourParameters>("fatigue", -20, 20, "logit", "Weight of fatigue.", b => b.Fatigue, (b, v) => b with { Fatigue = v }),
        R<BehaviourParameters>("crowding", -20, 20, "logit", "Weight of public provision relative to baseline (crowding out).", b => b.Crowding, (b, v) => b with { Crowding = v }),
        R<BehaviourParameters>("effectiveness", -20, 20, "logit", "Weight of the log marginal product of citizen input (crowding in with complements).", b => b.Effectiveness, (b, v) => b with { Effectiveness = v }),
        R<BehaviourParameters>("female", -20, 20, "logit", "Logit shift for women.", b => b.Female, (b, v) => b with { Female = v }),
        R<BehaviourParameters>("older", -20, 20, "logit", "Logit shift for people aged 65 and over.", b => b.Older, (b, v) => b with { Older = v }),
        R<BehaviourParameters>("conditional_a", 0, 200, "hours/month", "Conditional cooperators' intercept (2.06: Jonsson & Jonsson 2025).", b => b.ConditionalA, (b, v) => b with { ConditionalA = v }),
        R<BehaviourParameters>("conditional_b", 0, 2, "", "Conditional cooperators' slope on others' mean (0.83).", b => b.ConditionalB, (b, v) => b with { ConditionalB = v }),
        R<BehaviourParameters>("unconditional_a", 0, 200, "hours/month", "Unconditional cooperators' intercept (16.2).", b => b.UnconditionalA, (b, v) => b with { UnconditionalA = v }),
        R<BehaviourParameters>("unconditional_b", 0, 2, "", "Unconditional cooperators' slope (0.04).", b => b.UnconditionalB, (b, v) => b with { UnconditionalB = v }),
        R<BehaviourParameters>("free_rider_a", 0, 200, "hours/month", "Free riders' intercept (1.41).", b => b.FreeRiderA, (b, v) => b with { FreeRiderA = v }),
        R<BehaviourParameters>("free_rider_b", 0, 2, "", "Free riders' slope (0.25).", b => b.FreeRiderB, (b, v) => b with { FreeRiderB = v }),
        R<BehaviourParameters>("initial_expected_hours", 0, 200, "hours/month", "What citizens expect others to give before anyone has.", b => b.InitialExpectedHours, (b, v) => b with { InitialExpectedHours = v }),
        R<BehaviourParameters>("recognition_slope", 0, 2, "", "Slope added to conditional profiles by full recognition.", b => b.RecognitionSlope, (b, v) => b with { RecognitionSlope = v }),
        R<BehaviourParameters>("recognition_hours", 0, 200, "hours/month", "Hours added to conditional profiles' intercept by full recognition.", b => b.RecognitionHours, (b, v) => b with { RecognitionHours = v }),
        R<BehaviourParameters>("warm_glow_decay", 0, 1, "per month", "Decay of an engaged, unrecognised citizen's warm glow.", b => b.WarmGlowDecay, (b, v) => b with { WarmGlowDecay = v }),
        R<BehaviourParameters>("warm_glow_gain", 0, 1, "per month", "Gain of warm glow under full recognition.", b => b.WarmGlowGain, (b, v) => b with { WarmGlowGain = v }),
        R<BehaviourParameters>("sustainable_hours", 0, 1000, "hours/month", "Caring plus co-production sustainable without fatigue.", b => b.SustainableHours, (b, v) => b with { SustainableHours = v }, minExclusive: true),
        R<BehaviourParameters>("fatigue_gain", 0, 10, "", "Fatigue per sustainable-hours' worth of excess load (k_B).", b => b.FatigueGain, (b, v) => b with { FatigueGain = v }),
        R<BehaviourParameters>("fatigue_recovery", 0, 1, "per month", "Recovery rate of fatigue (r_B).", b => b.FatigueRecovery, (b, v) => b with { FatigueRecovery = v }),
        R<BehaviourParameters>("burnout_threshold", 0, 100, "", "Mean fatigue at which a citizen burns out.", b => b.BurnoutThreshold, (b, v) => b with { BurnoutThreshold = v }, minExclusive: true),
        R<BehaviourParameters>("trust_gain", 0, 1, "per month", "Trust gain rate for positive signals (0.10).", b => b.TrustGain, (b, v) => b with { TrustGain = v }),
        R<BehaviourParameters>("trust_loss", 0, 1, "per month", "Trust loss rate for negative signals (0.30).", b => b.TrustLoss, (b, v) => b with { TrustLoss = v }),
        R<BehaviourParameters>("adjustment", 0, 1, "per month", "Rate at which well-being moves toward what services deliver.", b => b.Adjustment, (b, v) => b with { Adjustment = v }, minExclusive: true),
        R<BehaviourParameters>("decay", 0, 1, "per month", "Decay of well-being (delta).", b => b.Decay, (b, v) => b with { Decay = v }),
        R<BehaviourParameters>("half_saturation", 0, 100, "", "K: service output per unit of need at which half of a citizen's need is met.", b => b.HalfSaturation, (b, v) => b with { HalfSaturation = v }, minExclusive: true),
        R<BehaviourParameters>("own_benefit", 0, 10, "", "Extra service output a co-producer draws from their own contribution.", b => b.OwnBenefit, (b, v) => b with { OwnBenefit = v }),
        R<BehaviourParameters>("prevention", 0, 1, "per month", "Monthly fall of a co-producer's risk behaviour.", b => b.Prevention, (b, v) => b with { Prevention = v }),
        R<BehaviourParameters>("shadow_wage", 0, 1000, "GBP/hour", "Value of an hour of citizens' time (unpaid care replacement cost, 2021).", b => b.ShadowWage, (b, v) => b with { ShadowWage = v }),
        R<BehaviourParameters>("group_threshold", 0, 1, "share of residents", "Share of residents co-delivering in a domain at which a community group forms.", b => b.GroupThreshold, (b, v) => b with { GroupThreshold = v }, minExclusive: true),
        R<BehaviourParameters>("group_bonus", 0, 10, "", "Extra output of group members' hours (collective efficiency).", b => b.GroupBonus, (b, v) => b with { GroupBonus = v }),
        R<BehaviourParameters>("peer_recruitment", 0, 1, "probability/month", "Probability that an engaged citizen invites a contact.", b => b.PeerRecruitment, (b, v) => b with { PeerRecruitment = v }),
        R<BehaviourParameters>("initial_fit", 0, 1, "0..1", "Fit of services to need before any co-design.", b => b.InitialFit, (b, v) => b with { InitialFit = v }, minExclusive: true),
        R<BehaviourParameters>("co_design_effect", 0, 1, "per month", "Rise of fit toward 1 at full, representative co-design.", b => b.CoDesignEffect, (b, v) => b with { CoDesignEffect = v }),
        R<BehaviourParameters>("quality_drift", 0, 1, "per month", "Drift of fit back to its initial value, stopped by co-assessment.", b => b.QualityDrift, (b, v) => b with { QualityDrift = v }),
    ];

    private static readonly string[] TargetingChoices = ["universal", "deprived-first"];
    private static readonly string[] AllocationChoices = ["population", "need"];

    /// <summary>Strategy levers, set in a strategy (or under <c>strategy.</c> with --set).</summary>
    public static readonly IReadOnlyList<ParameterSpec<StrategyLevers>> Levers =
    [
        R<StrategyLevers>("budget_change", -1, 10, "fraction", "Relative change of the budget: -0.2 is a 20% cut.", s => s.BudgetChange, (s, v) => s with { BudgetChange = v }),
        R<StrategyLevers>("support_share", 0, 1, "share", "Share of the budget spent supporting co-production instead of professional hours.", s => s.SupportShare, (s, v) => s with { SupportShare = v }),
        R<StrategyLevers>("recognition", 0, 1, "0..1", "Intensity of recognition of citizens' inputs.", s => s.Recognition, (s, v) => s with { Recognition = v }),
        R<StrategyLevers>("respite_share", 0, 1, "share of support", "Share of the support budget buying respite care for carers.", s => s.RespiteShare, (s, v) => s with { RespiteShare = v }),
        R<StrategyLevers>("invitation_rate", 0, 1, "probability/month", "Monthly probability that a citizen is invited (before targeting weights).", s => s.InvitationRate, (s, v) => s with { InvitationRate = v }),
        C<StrategyLevers>("targeting", TargetingChoices, "Who invitations reach first.", s => Names.Of(s.Targeting), (s, v) => s with { Targeting = v == "universal" ? Targeting.Universal : Targeting.DeprivedFirst }),
        R<StrategyLevers>("community_grants", 0, 1, "share of support", "Share of the support budget for community groups (outside-in).", s => s.CommunityGrants, (s, v) => s with { CommunityGrants = v }),
        R<StrategyLevers>("participatory_budget_share", 0, 1, "share", "Share of the service budget allocated by participatory budgeting (15%: Porto Alegre).", s => s.ParticipatoryBudgetShare, (s, v) => s with { ParticipatoryBudgetShare = v }),
        R<StrategyLevers>("co_assessment", 0, 1, "0..1", "Strength of co-assessment (tenant inspectors, user ratings).", s => s.CoAssessment, (s, v) => s with { CoAssessment = v }),
        R<StrategyLevers>("charges", 0, 1, "share of cost", "User charges as a share of service cost.", s => s.Charges, (s, v) => s with { Charges = v }),
        R<StrategyLevers>("co_financing", 0, 1e4, "GBP/month", "Monthly donation of a middle-income co-commissioning participant.", s => s.CoFinancing, (s, v) => s with { CoFinancing = v }),
        C<StrategyLevers>("allocation", AllocationChoices, "How the service budget is split over neighbourhoods.", s => Names.Of(s.Allocation), (s, v) => s with { Allocation = v == "population" ? Allocation.Population : Allocation.Need }),
        .. ModeSpecs(),
    ];

    private static IEnumerable<ParameterSpec<StrategyLevers>> ModeSpecs()
    {
        for (int m = 0; m < 4; m++)
        {
            int mode = m;
            yield return R<StrategyLevers>("modes." + Names.Modes[m], 0, 1000, "weight", $"Relative weight of {Names.Modes[m].Replace('_', '-')} among the modes an engaging citizen takes up.",
                s => s.ModeWeights[mode],
                (s, v) =>
                {
                    double[] w = s.ModeWeights.ToArray();
                    w[mode] = v;
                    return s with { ModeWeights = w };
                });
        }
    }

    /// <summary>Checks every range and every rule that ties parameters together.</summary>
    public static IReadOnlyList<ParameterError> Validate(ModelParameters p)
    {
        var errors = new List<ParameterError>();
        void Check<T>(string prefix, IReadOnlyList<ParameterSpec<T>> specs, T owner)
        {
            foreach (ParameterSpec<T> spec in specs)
            {
                if (!spec.TryConvert(spec.Get(owner), out _, out string? error)) errors.Add(new(prefix + spec.Name, error!));
            }
        }
        Check("", Run, p);
        Check("population.", Population, p.Population);
        Check("behaviour.", Behaviour, p.Behaviour);
        Check("strategy.", Levers, p.Strategy);
        if (p.Domains.Count == 0) errors.Add(new("domains", "at least one domain is needed"));
        var domainNames = new HashSet<string>();
        foreach (DomainParameters d in p.Domains)
        {
            if (!IsIdentifier(d.Name)) errors.Add(new("domains", $"'{d.Name}' is not a valid name; use lower-case letters, digits and underscores"));
            if (!domainNames.Add(d.Name)) errors.Add(new("domains." + d.Name, "appears twice; each domain name must be unique"));
            Check($"domains.{d.Name}.", Domain, d);
        }
        if (p.PublicBodies.Count == 0) errors.Add(new("public_bodies", "at least one public body is needed"));
        var bodyNames = new HashSet<string>();
        var served = new HashSet<string>();
        foreach (PublicBodyParameters b in p.PublicBodies)
        {
            if (!IsIdentifier(b.Name)) errors.Add(new("public_bodies", $"'{b.Name}' is not a valid name; use lower-case letters, digits and underscores"));
            if (!bodyNames.Add(b.Name)) errors.Add(new("public_bodies." + b.Name, "appears twice; each public body name must be unique"));
            Check($"public_bodies.{b.Name}.", PublicBody, b);
            foreach (string d in b.Domains.Count == 0 ? (IEnumerable<string>)domainNames : b.Domains)
            {
                if (!domainNames.Contains(d)) errors.Add(new($"public_bodies.{b.Name}.domains", $"'{d}' is not a domain; domains are: {string.Join(", ", domainNames)}"));
                else if (!served.Add(d)) errors.Add(new($"public_bodies.{b.Name}.domains", $"domain '{d}' is already served by another public body; each domain has one"));
            }
        }
        foreach (string d in domainNames)
            if (!served.Contains(d)) errors.Add(new("public_bodies", $"no public body serves domain '{d}'"));
        PopulationParameters pop = p.Population;
        if (pop.ConditionalShare + pop.FreeRiderShare > 1 + 1e-12)
            errors.Add(new("population.free_rider_share", $"conditional_share + free_rider_share = {pop.ConditionalShare + pop.FreeRiderShare} is more than 1"));
        if (pop.Neighbourhoods > pop.Citizens)
            errors.Add(new("population.neighbourhoods", $"{pop.Neighbourhoods} neighbourhoods for {pop.Citizens} citizens: need at least one citizen each"));
        if (pop.Contacts % 2 != 0)
            errors.Add(new("population.contacts", $"{pop.Contacts} is odd; the ring lattice needs an even number"));
        else if (pop.Neighbourhoods > 0 && pop.Contacts >= pop.Citizens / pop.Neighbourhoods)
            errors.Add(new("population.contacts", $"{pop.Contacts} contacts is not fewer than the {pop.Citizens / pop.Neighbourhoods} citizens of a neighbourhood"));
        if (p.Strategy.RespiteShare + p.Strategy.CommunityGrants > 1 + 1e-12)
            errors.Add(new("strategy.respite_share", $"respite_share + community_grants = {p.Strategy.RespiteShare + p.Strategy.CommunityGrants} is more than the whole support budget (1)"));
        if (p.Strategy.ModeWeights.Count != 4)
            errors.Add(new("strategy.modes", "four mode weights are needed"));
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
