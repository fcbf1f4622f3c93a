namespace CoProdSim.Model.Parameters;

/// <summary>Everything one run of the model needs, validated once (<see cref="ParameterCatalog.Validate"/>) and immutable.</summary>
public sealed record ModelParameters
{
    /// <summary>The synthetic population.</summary>
    public PopulationParameters Population { get; init; } = new();

    /// <summary>Service domains, each with its production function. Defaults: the brief's four.</summary>
    public IReadOnlyList<DomainParameters> Domains { get; init; } = DomainParameters.Defaults;

    /// <summary>Public bodies. Default: one council serving every domain.</summary>
    public IReadOnlyList<PublicBodyParameters> PublicBodies { get; init; } = [new PublicBodyParameters()];

    /// <summary>Behavioural coefficients of citizens.</summary>
    public BehaviourParameters Behaviour { get; init; } = new();

    /// <summary>The strategy every public body follows in this run.</summary>
    public StrategyLevers Strategy { get; init; } = StrategyPresets.Traditional;

    /// <summary>Months simulated.</summary>
    public int Horizon { get; init; } = 60;

    /// <summary>Number of partitions of the population (fixed: results do not depend on threads).</summary>
    public int Partitions { get; init; } = 64;

    /// <inheritdoc />
    public bool Equals(ModelParameters? other) =>
        other is not null && Population == other.Population && Domains.SequenceEqual(other.Domains)
        && PublicBodies.SequenceEqual(other.PublicBodies) && Behaviour == other.Behaviour && Strategy == other.Strategy
        && Horizon == other.Horizon && Partitions == other.Partitions;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Population, Behaviour, Strategy, Horizon);
}

/// <summary>Parameters of the synthetic population (ODD: initialisation).</summary>
public sealed record PopulationParameters
{
    /// <summary>Number of citizens.</summary>
    public int Citizens { get; init; } = 10_000;

    /// <summary>Number of neighbourhoods, ranked from least (0) to most deprived.</summary>
    public int Neighbourhoods { get; init; } = 20;

    /// <summary>Correlation between neighbourhood deprivation and low household income (latent-normal).</summary>
    public double DeprivationIncomeCorrelation { get; init; } = 0.6;

    /// <summary>Share of citizens who provide unpaid care: 8.9% (Census 2021, England and Wales).</summary>
    public double CarerShare { get; init; } = 0.089;

    /// <summary>Multiplier on every carer's caring load (1 = Census 2021 distribution of weekly caring hours).</summary>
    public double CaringLoadScale { get; init; } = 1.0;

    /// <summary>Mean hours a month available for co-production after work and caring: 20, the endowment of the public-goods games the hour profiles were fitted to (Jonsson &amp; Jonsson 2025).</summary>
    public double MeanAvailableHours { get; init; } = 20;

    /// <summary>Share of conditional cooperators: about 50% (Fischbacher, Gächter &amp; Fehr 2001).</summary>
    public double ConditionalShare { get; init; } = 0.50;

    /// <summary>Share of free riders: about a third (Fischbacher, Gächter &amp; Fehr 2001). Unconditional cooperators are the rest.</summary>
    public double FreeRiderShare { get; init; } = 0.33;

    /// <summary>Share of citizens aged 65 and over (ONS mid-2021: about 22% of adults).</summary>
    public double OlderShare { get; init; } = 0.22;

    /// <summary>Share of women among adults (ONS mid-2021: 51%).</summary>
    public double FemaleShare { get; init; } = 0.51;

    /// <summary>Mean number of contacts in the social network (ring lattice degree, even).</summary>
    public int Contacts { get; init; } = 6;

    /// <summary>Share of ties rewired to a random citizen anywhere (Watts &amp; Strogatz 1998 small world).</summary>
    public double Rewiring { get; init; } = 0.1;
}

/// <summary>A service area and its production function (model brief, section 3).</summary>
public sealed record DomainParameters
{
    /// <summary>Identifier used in files and column names (snake_case).</summary>
    public string Name { get; init; } = "domain";

    /// <summary>Elasticity of substitution between public and citizen input: 0.5 in care and education, 5 or more for simple tasks (assumption, to sweep).</summary>
    public double Sigma { get; init; } = 0.5;

    /// <summary>CES weight of public input.</summary>
    public double Alpha { get; init; } = 0.6;

    /// <summary>CES total factor productivity A.</summary>
    public double Productivity { get; init; } = 1.0;

    /// <summary>Everyday co-production (compliance, self-care) that exists without any strategy, hours a month per citizen.</summary>
    public double CitizenBase { get; init; } = 2.0;

    /// <summary>Mean need of a citizen in an average neighbourhood, 0..1.</summary>
    public double Need { get; init; } = 0.4;

    /// <summary>Monthly probability of a harmful event at average risk behaviour (risk 0.5).</summary>
    public double Incidence { get; init; } = 0.01;

    /// <summary>Share of the public body's service budget that goes to this domain (relative weight).</summary>
    public double BudgetWeight { get; init; } = 1.0;

    /// <summary>The brief's four default domains.</summary>
    public static readonly IReadOnlyList<DomainParameters> Defaults =
    [
        new() { Name = "health_care", Sigma = 0.5, Alpha = 0.6, Need = 0.5, CitizenBase = 2.0, Incidence = 0.02, BudgetWeight = 1.5 },
        new() { Name = "community_safety", Sigma = 5, Alpha = 0.5, Need = 0.35, CitizenBase = 1.5, Incidence = 0.01, BudgetWeight = 0.8 },
        new() { Name = "environment", Sigma = 5, Alpha = 0.4, Need = 0.3, CitizenBase = 1.5, Incidence = 0.005, BudgetWeight = 0.5 },
        new() { Name = "education", Sigma = 0.5, Alpha = 0.6, Need = 0.4, CitizenBase = 2.0, Incidence = 0.005, BudgetWeight = 1.2 },
    ];
}

/// <summary>A public body: its budget, its cost of a professional hour, and the domains it serves.</summary>
public sealed record PublicBodyParameters
{
    /// <summary>Identifier used in files.</summary>
    public string Name { get; init; } = "council";

    /// <summary>Names of the domains it serves; empty means all.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>Monthly budget per resident, GBP, before the strategy's budget change.</summary>
    public double BudgetPerCitizen { get; init; } = 120;

    /// <summary>Full cost of a professional hour, GBP (salary and overheads).</summary>
    public double HourCost { get; init; } = 40;

    /// <summary>Cost of relieving a carer for an hour, GBP (a day-centre or sitting-service place shared by several people).</summary>
    public double RespiteHourCost { get; init; } = 10;

    /// <inheritdoc />
    public bool Equals(PublicBodyParameters? other) =>
        other is not null && Name == other.Name && Domains.SequenceEqual(other.Domains)
        && BudgetPerCitizen == other.BudgetPerCitizen && HourCost == other.HourCost && RespiteHourCost == other.RespiteHourCost;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, BudgetPerCitizen, HourCost);
}

/// <summary>Coefficients of citizens' behaviour (model brief, section 4; docs/odd.md, submodels).</summary>
public sealed record BehaviourParameters
{
    // Engagement logit (Parrado et al. 2013 signs: self-efficacy strongest; women and older people more;
    // good current outcomes somewhat less; invitations and information more).

    /// <summary>Intercept of the engagement logit.</summary>
    public double Intercept { get; init; } = -3.4;
    /// <summary>Weight of self-efficacy (strongest predictor).</summary>
    public double Efficacy { get; init; } = 2.2;
    /// <summary>Weight of the unmet need gap (need minus well-being).</summary>
    public double NeedGap { get; init; } = 0.5;
    /// <summary>Weight of an invitation.</summary>
    public double Invitation { get; init; } = 1.6;
    /// <summary>Weight of trust in public bodies.</summary>
    public double Trust { get; init; } = 1.0;
    /// <summary>Weight of warm glow (motivation).</summary>
    public double WarmGlow { get; init; } = 1.2;
    /// <summary>Weight of the share of contacts who engaged last month.</summary>
    public double Peer { get; init; } = 1.0;
    /// <summary>Weight of the opportunity cost of time.</summary>
    public double OpportunityCost { get; init; } = 1.0;
    /// <summary>Weight of fatigue.</summary>
    public double Fatigue { get; init; } = 2.0;
    /// <summary>Weight of public provision relative to its baseline (crowding out).</summary>
    public double Crowding { get; init; } = 0.6;
    /// <summary>Weight of the log marginal product of citizen input relative to its baseline (crowding in where inputs are complements; Jakobsen &amp; Andersen 2013).</summary>
    public double Effectiveness { get; init; } = 2.0;
    /// <summary>Logit shift for women.</summary>
    public double Female { get; init; } = 0.2;
    /// <summary>Logit shift for people aged 65 and over.</summary>
    public double Older { get; init; } = 0.3;

    // Hours: conditional contribution profiles, endowment 20 (Jonsson & Jonsson 2025).

    /// <summary>Conditional cooperators' intercept a.</summary>
    public double ConditionalA { get; init; } = 2.06;
    /// <summary>Conditional cooperators' slope b.</summary>
    public double ConditionalB { get; init; } = 0.83;
    /// <summary>Unconditional cooperators' intercept a.</summary>
    public double UnconditionalA { get; init; } = 16.2;
    /// <summary>Unconditional cooperators' slope b.</summary>
    public double UnconditionalB { get; init; } = 0.04;
    /// <summary>Free riders' intercept a.</summary>
    public double FreeRiderA { get; init; } = 1.41;
    /// <summary>Free riders' slope b.</summary>
    public double FreeRiderB { get; init; } = 0.25;
    /// <summary>What citizens expect others to give before anyone has (first-round contributions: about half the endowment, Fischbacher et al. 2001).</summary>
    public double InitialExpectedHours { get; init; } = 10;
    /// <summary>Slope added to conditional profiles by full recognition (felt reciprocity).</summary>
    public double RecognitionSlope { get; init; } = 0.2;
    /// <summary>Hours a month added to conditional profiles' intercept by full recognition (recognition as a social reward).</summary>
    public double RecognitionHours { get; init; } = 2.0;
    /// <summary>Monthly decay of warm glow of an engaged, unrecognised citizen.</summary>
    public double WarmGlowDecay { get; init; } = 0.04;
    /// <summary>Monthly gain of warm glow under full recognition.</summary>
    public double WarmGlowGain { get; init; } = 0.05;

    // Fatigue and burnout (model brief, section 4, step 6).

    /// <summary>Hours a month of caring plus co-production that can be sustained without fatigue (about 19 hours a week, the Census's lowest band of caring).</summary>
    public double SustainableHours { get; init; } = 80;
    /// <summary>Fatigue gained per sustainable-hours' worth of excess load.</summary>
    public double FatigueGain { get; init; } = 0.05;
    /// <summary>Monthly recovery rate of fatigue.</summary>
    public double FatigueRecovery { get; init; } = 0.1;
    /// <summary>Mean fatigue at which a citizen burns out (individual thresholds vary, sd 0.15).</summary>
    public double BurnoutThreshold { get; init; } = 1.0;

    // Trust (asymmetric updating: trust is lost about three times faster than it is built).

    /// <summary>Trust gain rate for positive signals.</summary>
    public double TrustGain { get; init; } = 0.10;
    /// <summary>Trust loss rate for negative signals.</summary>
    public double TrustLoss { get; init; } = 0.30;

    // Outcomes.

    /// <summary>Monthly rate at which well-being moves toward what services deliver.</summary>
    public double Adjustment { get; init; } = 0.2;
    /// <summary>Monthly decay of well-being (delta).</summary>
    public double Decay { get; init; } = 0.02;
    /// <summary>K: service output per unit of need at which half of a citizen's need is met (well-being target Q / (Q + K need)).</summary>
    public double HalfSaturation { get; init; } = 0.6;
    /// <summary>Extra service output an experienced co-producer of average skill draws from services (co-producers are also users).</summary>
    public double OwnBenefit { get; init; } = 1.0;
    /// <summary>Monthly fall of a co-producer's risk behaviour (prevention).</summary>
    public double Prevention { get; init; } = 0.02;
    /// <summary>Shadow wage of citizens' time, GBP an hour: the replacement cost of unpaid care (England and Wales, 2021).</summary>
    public double ShadowWage { get; init; } = 25;

    // Community groups, service fit, word of mouth.

    /// <summary>Share of a neighbourhood's residents co-delivering in a domain at which a community group forms (threshold public good); it dissolves below half of it.</summary>
    public double GroupThreshold { get; init; } = 0.03;
    /// <summary>Extra output of a group's members' hours (collective efficiency), before grant support.</summary>
    public double GroupBonus { get; init; } = 0.3;
    /// <summary>Monthly probability that an engaged citizen invites a contact (word of mouth).</summary>
    public double PeerRecruitment { get; init; } = 0.05;
    /// <summary>Fit of services to need before any co-design, 0..1.</summary>
    public double InitialFit { get; init; } = 0.7;
    /// <summary>Monthly rise of fit toward 1 at full, representative co-design.</summary>
    public double CoDesignEffect { get; init; } = 0.2;
    /// <summary>Monthly drift of fit back to its initial value, stopped by co-assessment.</summary>
    public double QualityDrift { get; init; } = 0.05;
}
