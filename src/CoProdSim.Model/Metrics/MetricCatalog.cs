namespace CoProdSim.Model.Metrics;

/// <summary>
/// The model's metric columns. The names in <see cref="Contract"/> are a contract that reports, scripts and users
/// depend on: never rename them. Every metric has a unit and a meaning (docs/odd.md, "Observation").
/// </summary>
public static partial class MetricCatalog
{
    public const string OutcomeIndex = "outcome_index";
    public const string OutcomeGap = "outcome_gap";
    public const string OutcomeGini = "outcome_gini";
    public const string PublicCost = "public_cost";
    public const string SupportSpend = "support_spend";
    public const string CitizenHours = "citizen_hours";
    public const string CitizenValue = "citizen_value";
    public const string EfficiencyPublic = "efficiency_public";
    public const string EfficiencyTotal = "efficiency_total";
    public const string ParticipationRate = "participation_rate";
    public const string Representativeness = "representativeness";
    public const string BurnoutRate = "burnout_rate";
    public const string CarerBurnoutRate = "carer_burnout_rate";
    public const string TrustMean = "trust_mean";
    public const string CommunityGroups = "community_groups";
    public const string HoursPerConditionalCooperator = "hours_per_conditional_cooperator";
    public const string ServiceFit = "service_fit";
    public const string RespiteHours = "respite_hours";
    public const string OutcomeCarers = "outcome_carers";
    public const string OutcomeNonCarers = "outcome_non_carers";
    public const string NeedMet = "need_met";
    public const string WaitingHours = "waiting_hours";
    public const string ReplacementCareCost = "replacement_care_cost";
    public const string ChargesPaid = "charges_paid";
    public const string Donations = "donations";
    public const string UnspentBudget = "unspent_budget";
    public const string TotalCost = "total_cost";
    public const string Qalys = "qalys";
    public const string DiscountedCost = "discounted_cost";
    public const string DiscountedQalys = "discounted_qalys";
    public const string ParticipationYear = "participation_year";
    public const string ParticipationOlder = "participation_older";
    public const string ParticipationYounger = "participation_younger";
    public const string ParticipationMostDeprived = "participation_most_deprived";
    public const string ParticipationLeastDeprived = "participation_least_deprived";
    public const string HoursShareTopThird = "hours_share_top_third";
    public const string ProfessionalOpenness = "professional_openness";

    /// <summary>outcome_q1 .. outcome_q5.</summary>
    public static string OutcomeQuintile(int q) => "outcome_q" + q;

    /// <summary>participation_q1 .. participation_q5.</summary>
    public static string ParticipationQuintile(int q) => "participation_q" + q;

    /// <summary>participation_co_delivery and the like.</summary>
    public static string ParticipationMode(string mode) => "participation_" + mode;

    /// <summary>outcome_health_care and the like.</summary>
    public static string OutcomeDomain(string domain) => "outcome_" + domain;

    // The names built from parts, built once: building them while writing a tick's metrics allocated about
    // 1.3 KB of strings a tick.

    /// <summary>outcome_q1 .. outcome_q5, by quintile index 0 .. 4.</summary>
    public static readonly string[] OutcomeQuintiles = [.. Enumerable.Range(1, 5).Select(OutcomeQuintile)];

    /// <summary>participation_q1 .. participation_q5, by quintile index 0 .. 4.</summary>
    public static readonly string[] ParticipationQuintiles = [.. Enumerable.Range(1, 5).Select(ParticipationQuintile)];

    /// <summary>participation_&lt;activity&gt;, by activity index.</summary>
    public static readonly string[] ParticipationModes = [.. Parameters.Names.Activities.Select(ParticipationMode)];

    /// <summary>participation_co_delivery (its two sub-types together).</summary>
    public static readonly string ParticipationCoDelivery = ParticipationMode("co_delivery");

    /// <summary>The contract columns: every run writes them, and scripts and reports rely on their names.</summary>
    public static readonly IReadOnlyList<string> Contract =
    [
        OutcomeIndex, PublicCost, CitizenHours, CitizenValue, EfficiencyPublic, EfficiencyTotal, ParticipationRate,
        "participation_q1", "participation_q5", "outcome_q1", "outcome_q5", OutcomeGap, OutcomeGini, BurnoutRate, TrustMean, CommunityGroups,
        CarerBurnoutRate, NeedMet, TotalCost, Qalys,
    ];

    /// <summary>
    /// The metrics that are missing (NA) in some runs, and when: each is a mean or share of an empty group, or a ratio
    /// whose denominator is zero. Every other metric is a finite number in every month of every run.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> MissingWhen = new Dictionary<string, string>
    {
        [Representativeness] = "no one in income quintile 5 takes part",
        [HoursPerConditionalCooperator] = "no conditional cooperator takes part",
        [HoursShareTopThird] = "nobody gave hours in the last year",
        [OutcomeCarers] = "there are no carers",
        [CarerBurnoutRate] = "there are no carers",
        [OutcomeNonCarers] = "everyone cares",
        [ParticipationOlder] = "no one is 65 or over",
        [ParticipationYounger] = "everyone is 65 or over",
        [ParticipationMostDeprived] = "no neighbourhood is in the most deprived fifth (fewer than three neighbourhoods)",
        [ParticipationLeastDeprived] = "no neighbourhood is in the least deprived fifth (fewer than three neighbourhoods)",
        [EfficiencyPublic] = "public cost is zero (near zero it is very large: a ratio to cost)",
        [EfficiencyTotal] = "total cost is zero (near zero it is very large: a ratio to cost)",
    };

    /// <summary>Whether <paramref name="name"/> may be missing in some run (<see cref="MissingWhen"/>, and per-quintile metrics of an empty quintile).</summary>
    public static bool MayBeMissing(string name) => MissingWhen.ContainsKey(name)
        || name.StartsWith("outcome_q", StringComparison.Ordinal) || name.StartsWith("participation_q", StringComparison.Ordinal) || name == OutcomeGap;

    /// <summary>Unit and meaning of each metric, for docs and chart axes.</summary>
    public static (string Unit, string Meaning) Describe(string name) => name switch
    {
        OutcomeIndex => ("index 0-100", "mean well-being over citizens and domains"),
        OutcomeGap => ("index points", "outcome of income quintile 5 minus quintile 1"),
        OutcomeGini => ("0-1", "Gini coefficient of citizens' mean well-being"),
        PublicCost => ("GBP/month", "public bodies' spending net of user charges"),
        SupportSpend => ("GBP/month", "spending on co-production support (coordination, recognition, respite, grants)"),
        CitizenHours => ("hours/month", "active co-production hours (everyday baseline excluded)"),
        CitizenValue => ("GBP/month", "citizen hours at the shadow wage"),
        EfficiencyPublic => ("points per GBP/resident", "outcome index per GBP of public cost per resident-month"),
        EfficiencyTotal => ("points per GBP/resident", "outcome index per GBP of public cost plus citizens' time per resident-month"),
        ParticipationRate => ("share", "share of citizens taking part this month, in the public body's modes or in community activity"),
        Representativeness => ("ratio", "participation of quintile 1 over quintile 5 (1 = representative)"),
        BurnoutRate => ("share", "share of citizens burnt out"),
        CarerBurnoutRate => ("share", "share of carers burnt out"),
        TrustMean => ("0-1", "mean trust in public bodies"),
        CommunityGroups => ("groups", "active community groups (neighbourhood x domain)"),
        HoursPerConditionalCooperator => ("hours/month", "mean hours of engaged conditional cooperators"),
        ServiceFit => ("0-1", "mean fit of services to need"),
        RespiteHours => ("hours/month", "respite care bought for carers"),
        OutcomeCarers => ("index 0-100", "mean well-being of carers"),
        OutcomeNonCarers => ("index 0-100", "mean well-being of citizens who do not care"),
        NeedMet => ("share", "professional hours served over assessed need (1 = every need met in full)"),
        WaitingHours => ("hours/month", "demand for professional hours left unmet this month"),
        ReplacementCareCost => ("GBP/month", "paid care replacing burnt-out carers' care (counted in public cost)"),
        ChargesPaid => ("GBP/month", "user charges paid by citizens"),
        Donations => ("GBP/month", "citizens' donations spent on services"),
        UnspentBudget => ("GBP/month", "service budget not spent because demand was below what it buys"),
        TotalCost => ("GBP/month", "public cost plus charges, donations and citizens' time at the shadow wage"),
        Qalys => ("QALYs/month", "quality-adjusted life years accrued by all citizens this month"),
        DiscountedCost => ("GBP", "public cost summed from month 1, discounted at 3.5% a year"),
        DiscountedQalys => ("QALYs", "QALYs summed from month 1, discounted at 3.5% a year"),
        ParticipationYear => ("share", "share of citizens who co-produced at least once in the last 12 months"),
        ParticipationOlder => ("share", "participation of citizens aged 65 and over this month"),
        ParticipationYounger => ("share", "participation of citizens under 65 this month"),
        ParticipationMostDeprived => ("share", "participation in the most deprived fifth of neighbourhoods"),
        ParticipationLeastDeprived => ("share", "participation in the least deprived fifth of neighbourhoods"),
        HoursShareTopThird => ("share", "share of the last year's co-production hours given by the most active third of citizens"),
        ProfessionalOpenness => ("0-1", "professionals' mean openness to co-production"),
        _ when name.StartsWith("outcome_q", StringComparison.Ordinal) => ("index 0-100", "mean well-being of income quintile " + name[^1]),
        _ when name.StartsWith("participation_q", StringComparison.Ordinal) => ("share", "participation of income quintile " + name[^1]),
        _ when name.StartsWith("participation_", StringComparison.Ordinal) => ("share", "share of citizens in mode " + name["participation_".Length..].Replace('_', '-')),
        _ when name.StartsWith("outcome_", StringComparison.Ordinal) => ("index 0-100", "mean well-being in domain " + name["outcome_".Length..]),
        _ => ("", ""),
    };

    /// <summary>All metric names for the given domains, in column order.</summary>
    public static string[] Names(IReadOnlyList<string> domains)
    {
        var names = new List<string> { OutcomeIndex };
        for (int q = 1; q <= 5; q++) names.Add(OutcomeQuintile(q));
        names.Add(OutcomeGap);
        names.Add(OutcomeGini);
        foreach (string d in domains) names.Add(OutcomeDomain(d));
        names.AddRange([OutcomeCarers, OutcomeNonCarers, NeedMet, WaitingHours]);
        names.AddRange([PublicCost, SupportSpend, ReplacementCareCost, ChargesPaid, Donations, UnspentBudget, CitizenHours, CitizenValue, TotalCost,
            EfficiencyPublic, EfficiencyTotal, Qalys, DiscountedCost, DiscountedQalys, ParticipationRate, ParticipationYear]);
        for (int q = 1; q <= 5; q++) names.Add(ParticipationQuintile(q));
        names.AddRange([ParticipationOlder, ParticipationYounger, ParticipationMostDeprived, ParticipationLeastDeprived]);
        foreach (string mode in Parameters.Names.Modes) names.Add(ParticipationMode(mode));
        names.Add(ParticipationMode("community"));
        names.AddRange([Representativeness, HoursShareTopThird, BurnoutRate, CarerBurnoutRate, TrustMean, CommunityGroups, HoursPerConditionalCooperator,
            ServiceFit, RespiteHours, ProfessionalOpenness]);
        return names.ToArray();
    }
}

/// <summary>Writes metrics by name into a row laid out by <see cref="MetricCatalog.Names"/>.</summary>
internal readonly ref struct MetricWriter(Span<double> values, string[] names)
{
    private readonly Span<double> _values = values;

    public void Set(string name, double value)
    {
        int i = Array.IndexOf(names, name);
        if (i < 0) throw new InvalidOperationException($"metric '{name}' is not in the catalogue");
        _values[i] = value;
    }
}
